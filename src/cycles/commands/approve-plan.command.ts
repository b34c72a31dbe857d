import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import type { ApprovePlanRequest } from './cycle.dto.js';
import { executeOnCycle } from './execute-on-cycle.js';

export class ApprovePlanCommand {
  constructor(
    readonly cycleId: string,
    readonly body: ApprovePlanRequest,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(ApprovePlanCommand)
export class ApprovePlanHandler implements ICommandHandler<ApprovePlanCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ cycleId, body, meta }: ApprovePlanCommand): Promise<CommandResult> {
    return executeOnCycle(this.aggregates, cycleId, meta, () => ({
      type: 'ApprovePlan',
      body: body.body,
      decisionRef: body.decisionRef,
      approvedAt: body.approvedAt,
    }));
  }
}
