import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { ContextLoader } from '../../command-handling/context-loader.js';
import type { ReviseCommitmentRequest } from './commitment.dto.js';
import { executeOnCommitment } from './execute-on-commitment.js';

export class ReviseCommitmentCommand {
  constructor(
    readonly commitmentId: string,
    readonly body: ReviseCommitmentRequest,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(ReviseCommitmentCommand)
export class ReviseCommitmentHandler implements ICommandHandler<ReviseCommitmentCommand, CommandResult> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly context: ContextLoader,
  ) {}

  execute({ commitmentId, body, meta }: ReviseCommitmentCommand): Promise<CommandResult> {
    return executeOnCommitment(this.aggregates, commitmentId, meta, async () => ({
      type: 'ReviseCommitment',
      title: body.title,
      problem: body.problem,
      description: body.description,
      ogpValues: body.ogpValues,
      milestones: body.milestones,
      inResponseTo: body.inResponseTo,
      context: { contributions: await this.context.contributions(body.inResponseTo) },
    }));
  }
}
