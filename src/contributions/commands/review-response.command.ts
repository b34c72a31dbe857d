import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { executeOnContribution } from './execute-on-contribution.js';
import type { ReviewResponse } from '../domain/commands.js';

export class ReviewResponseCommand {
  constructor(
    readonly contributionId: string,
    readonly input: CommandInput<ReviewResponse, 'contributionId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(ReviewResponseCommand)
export class ReviewResponseHandler implements ICommandHandler<ReviewResponseCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ contributionId, input, meta }: ReviewResponseCommand): Promise<CommandResult> {
    return executeOnContribution(this.aggregates, contributionId, meta, () => ({
      type: 'ReviewResponse',
      verdict: input.verdict,
      comment: input.comment,
    }));
  }
}
