import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { executeOnCycle } from './execute-on-cycle.js';
import type { SubmitPlan } from '../domain/commands.js';

export class SubmitPlanCommand {
  constructor(
    readonly cycleId: string,
    readonly input: CommandInput<SubmitPlan, 'cycleId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(SubmitPlanCommand)
export class SubmitPlanHandler implements ICommandHandler<SubmitPlanCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ cycleId, input, meta }: SubmitPlanCommand): Promise<CommandResult> {
    return executeOnCycle(this.aggregates, cycleId, meta, () => ({ type: 'SubmitPlan', submittedAt: input.submittedAt }));
  }
}
