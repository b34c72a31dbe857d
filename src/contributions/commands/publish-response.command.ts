import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { executeOnContribution } from './execute-on-contribution.js';

export class PublishResponseCommand {
  constructor(
    readonly contributionId: string,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(PublishResponseCommand)
export class PublishResponseHandler implements ICommandHandler<PublishResponseCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ contributionId, meta }: PublishResponseCommand): Promise<CommandResult> {
    return executeOnContribution(this.aggregates, contributionId, meta, () => ({
      type: 'PublishResponse',
    }));
  }
}
