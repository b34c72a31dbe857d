import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import type { WithdrawCommitmentRequest } from './commitment.dto.js';
import { executeOnCommitment } from './execute-on-commitment.js';

export class WithdrawCommitmentCommand {
  constructor(
    readonly commitmentId: string,
    readonly body: WithdrawCommitmentRequest,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(WithdrawCommitmentCommand)
export class WithdrawCommitmentHandler implements ICommandHandler<WithdrawCommitmentCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ commitmentId, body, meta }: WithdrawCommitmentCommand): Promise<CommandResult> {
    return executeOnCommitment(this.aggregates, commitmentId, meta, () => ({
      type: 'WithdrawCommitment',
      reason: body.reason,
    }));
  }
}
