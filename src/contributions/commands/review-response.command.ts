import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import type { ReviewResponseRequest } from './contribution.dto.js';
import { executeOnContribution } from './execute-on-contribution.js';

export class ReviewResponseCommand {
  constructor(
    readonly contributionId: string,
    readonly body: ReviewResponseRequest,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(ReviewResponseCommand)
export class ReviewResponseHandler implements ICommandHandler<ReviewResponseCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ contributionId, body, meta }: ReviewResponseCommand): Promise<CommandResult> {
    return executeOnContribution(this.aggregates, contributionId, meta, () => ({
      type: 'ReviewResponse',
      verdict: body.verdict,
      comment: body.comment,
    }));
  }
}
