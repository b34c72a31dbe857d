import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { executeOnContribution } from './execute-on-contribution.js';
import type { WithdrawContribution } from '../domain/commands.js';

export class WithdrawContributionCommand {
  constructor(
    readonly contributionId: string,
    readonly input: CommandInput<WithdrawContribution, 'contributionId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(WithdrawContributionCommand)
export class WithdrawContributionHandler implements ICommandHandler<WithdrawContributionCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ contributionId, input, meta }: WithdrawContributionCommand): Promise<CommandResult> {
    return executeOnContribution(this.aggregates, contributionId, meta, () => ({
      type: 'WithdrawContribution',
      reason: input.reason,
    }));
  }
}
