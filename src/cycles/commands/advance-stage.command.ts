import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { executeOnCycle } from './execute-on-cycle.js';
import type { AdvanceStage } from '../domain/commands.js';

export class AdvanceStageCommand {
  constructor(
    readonly cycleId: string,
    readonly input: CommandInput<AdvanceStage, 'cycleId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(AdvanceStageCommand)
export class AdvanceStageHandler implements ICommandHandler<AdvanceStageCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ cycleId, input, meta }: AdvanceStageCommand): Promise<CommandResult> {
    return executeOnCycle(this.aggregates, cycleId, meta, () => ({ type: 'AdvanceStage', stage: input.stage }));
  }
}
