import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import type { WithdrawContributionRequest } from './contribution.dto.js';
import { executeOnContribution } from './execute-on-contribution.js';

export class WithdrawContributionCommand {
  constructor(
    readonly contributionId: string,
    readonly body: WithdrawContributionRequest,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(WithdrawContributionCommand)
export class WithdrawContributionHandler implements ICommandHandler<WithdrawContributionCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ contributionId, body, meta }: WithdrawContributionCommand): Promise<CommandResult> {
    return executeOnContribution(this.aggregates, contributionId, meta, () => ({
      type: 'WithdrawContribution',
      reason: body.reason,
    }));
  }
}
