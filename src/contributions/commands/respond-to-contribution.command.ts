import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { ContextLoader } from '../../command-handling/context-loader.js';
import type { RespondToContributionRequest } from './contribution.dto.js';
import { executeOnContribution } from './execute-on-contribution.js';

export class RespondToContributionCommand {
  constructor(
    readonly contributionId: string,
    readonly body: RespondToContributionRequest,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(RespondToContributionCommand)
export class RespondToContributionHandler implements ICommandHandler<RespondToContributionCommand, CommandResult> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly context: ContextLoader,
  ) {}

  execute({ contributionId, body, meta }: RespondToContributionCommand): Promise<CommandResult> {
    return executeOnContribution(this.aggregates, contributionId, meta, async () => ({
      type: 'RespondToContribution',
      decision: body.decision,
      rationale: body.rationale,
      commitmentIds: body.commitmentIds,
      context: { commitments: await this.context.commitments(body.commitmentIds) },
    }));
  }
}
