import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import type { AdvanceStageRequest } from './cycle.dto.js';
import { executeOnCycle } from './execute-on-cycle.js';

export class AdvanceStageCommand {
  constructor(
    readonly cycleId: string,
    readonly body: AdvanceStageRequest,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(AdvanceStageCommand)
export class AdvanceStageHandler implements ICommandHandler<AdvanceStageCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ cycleId, body, meta }: AdvanceStageCommand): Promise<CommandResult> {
    return executeOnCycle(this.aggregates, cycleId, meta, () => ({ type: 'AdvanceStage', stage: body.stage }));
  }
}
