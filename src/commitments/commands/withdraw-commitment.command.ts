import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { executeOnCommitment } from './execute-on-commitment.js';
import type { WithdrawCommitment } from '../domain/commands.js';

export class WithdrawCommitmentCommand {
  constructor(
    readonly commitmentId: string,
    readonly input: CommandInput<WithdrawCommitment, 'commitmentId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(WithdrawCommitmentCommand)
export class WithdrawCommitmentHandler implements ICommandHandler<WithdrawCommitmentCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ commitmentId, input, meta }: WithdrawCommitmentCommand): Promise<CommandResult> {
    return executeOnCommitment(this.aggregates, commitmentId, meta, () => ({
      type: 'WithdrawCommitment',
      reason: input.reason,
    }));
  }
}
