import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { ContextLoader } from '../../command-handling/context-loader.js';
import { executeOnCommitment } from './execute-on-commitment.js';
import type { ReviseCommitment } from '../domain/commands.js';

export class ReviseCommitmentCommand {
  constructor(
    readonly commitmentId: string,
    readonly input: CommandInput<ReviseCommitment, 'commitmentId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(ReviseCommitmentCommand)
export class ReviseCommitmentHandler implements ICommandHandler<ReviseCommitmentCommand, CommandResult> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly context: ContextLoader,
  ) {}

  execute({ commitmentId, input, meta }: ReviseCommitmentCommand): Promise<CommandResult> {
    return executeOnCommitment(this.aggregates, commitmentId, meta, async () => ({
      type: 'ReviseCommitment',
      title: input.title,
      problem: input.problem,
      description: input.description,
      ogpValues: input.ogpValues,
      milestones: input.milestones,
      inResponseTo: input.inResponseTo,
      context: { contributions: await this.context.contributions(input.inResponseTo) },
    }));
  }
}
