import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { executeOnContribution } from './execute-on-contribution.js';
import type { RedactContribution } from '../domain/commands.js';

export class RedactContributionCommand {
  constructor(
    readonly contributionId: string,
    readonly input: CommandInput<RedactContribution, 'contributionId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(RedactContributionCommand)
export class RedactContributionHandler implements ICommandHandler<RedactContributionCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ contributionId, input, meta }: RedactContributionCommand): Promise<CommandResult> {
    return executeOnContribution(this.aggregates, contributionId, meta, () => ({
      type: 'RedactContribution',
      reason: input.reason,
    }));
  }
}
