import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { ContextLoader } from '../../command-handling/context-loader.js';
import { executeOnContribution } from './execute-on-contribution.js';
import type { MarkDuplicate } from '../domain/commands.js';

export class MarkDuplicateCommand {
  constructor(
    readonly contributionId: string,
    readonly input: CommandInput<MarkDuplicate, 'contributionId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(MarkDuplicateCommand)
export class MarkDuplicateHandler implements ICommandHandler<MarkDuplicateCommand, CommandResult> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly context: ContextLoader,
  ) {}

  execute({ contributionId, input, meta }: MarkDuplicateCommand): Promise<CommandResult> {
    return executeOnContribution(this.aggregates, contributionId, meta, async () => ({
      type: 'MarkDuplicate',
      canonicalId: input.canonicalId,
      // The chain lets the decider refuse a loop (A duplicates B, which already leads back to A).
      context: { canonical: await this.context.contributionWithChain(input.canonicalId) },
    }));
  }
}
