import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import type { SubmitPlanRequest } from './cycle.dto.js';
import { executeOnCycle } from './execute-on-cycle.js';

export class SubmitPlanCommand {
  constructor(
    readonly cycleId: string,
    readonly body: SubmitPlanRequest,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(SubmitPlanCommand)
export class SubmitPlanHandler implements ICommandHandler<SubmitPlanCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ cycleId, body, meta }: SubmitPlanCommand): Promise<CommandResult> {
    return executeOnCycle(this.aggregates, cycleId, meta, () => ({ type: 'SubmitPlan', submittedAt: body.submittedAt }));
  }
}
