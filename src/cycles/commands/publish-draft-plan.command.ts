import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { executeOnCycle } from './execute-on-cycle.js';
import type { PublishDraftPlan } from '../domain/commands.js';

export class PublishDraftPlanCommand {
  constructor(
    readonly cycleId: string,
    readonly input: CommandInput<PublishDraftPlan, 'cycleId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(PublishDraftPlanCommand)
export class PublishDraftPlanHandler implements ICommandHandler<PublishDraftPlanCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ cycleId, input, meta }: PublishDraftPlanCommand): Promise<CommandResult> {
    return executeOnCycle(this.aggregates, cycleId, meta, () => ({ type: 'PublishDraftPlan', version: input.version, url: input.url }));
  }
}
