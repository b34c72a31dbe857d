import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import type { RedactContributionRequest } from './contribution.dto.js';
import { executeOnContribution } from './execute-on-contribution.js';

export class RedactContributionCommand {
  constructor(
    readonly contributionId: string,
    readonly body: RedactContributionRequest,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(RedactContributionCommand)
export class RedactContributionHandler implements ICommandHandler<RedactContributionCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ contributionId, body, meta }: RedactContributionCommand): Promise<CommandResult> {
    return executeOnContribution(this.aggregates, contributionId, meta, () => ({
      type: 'RedactContribution',
      reason: body.reason,
    }));
  }
}
