import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { ContextLoader } from '../../command-handling/context-loader.js';
import { executeOnContribution } from './execute-on-contribution.js';
import type { RespondToContribution } from '../domain/commands.js';

export class RespondToContributionCommand {
  constructor(
    readonly contributionId: string,
    readonly input: CommandInput<RespondToContribution, 'contributionId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(RespondToContributionCommand)
export class RespondToContributionHandler implements ICommandHandler<RespondToContributionCommand, CommandResult> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly context: ContextLoader,
  ) {}

  execute({ contributionId, input, meta }: RespondToContributionCommand): Promise<CommandResult> {
    return executeOnContribution(this.aggregates, contributionId, meta, async () => ({
      type: 'RespondToContribution',
      decision: input.decision,
      rationale: input.rationale,
      commitmentIds: input.commitmentIds,
      context: { commitments: await this.context.commitments(input.commitmentIds) },
    }));
  }
}
