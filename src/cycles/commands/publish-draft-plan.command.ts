import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import type { PublishDraftPlanRequest } from './cycle.dto.js';
import { executeOnCycle } from './execute-on-cycle.js';

export class PublishDraftPlanCommand {
  constructor(
    readonly cycleId: string,
    readonly body: PublishDraftPlanRequest,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(PublishDraftPlanCommand)
export class PublishDraftPlanHandler implements ICommandHandler<PublishDraftPlanCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ cycleId, body, meta }: PublishDraftPlanCommand): Promise<CommandResult> {
    return executeOnCycle(this.aggregates, cycleId, meta, () => ({ type: 'PublishDraftPlan', version: body.version, url: body.url }));
  }
}
