import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { ContextLoader } from '../../command-handling/context-loader.js';
import { seededId } from '../../shared/ids.js';
import { contributorOf } from '../domain/contribution.decider.js';
import { executeOnContribution } from './execute-on-contribution.js';
import type { ReceiveContribution } from '../domain/commands.js';

export class ReceiveContributionCommand {
  constructor(
    readonly input: CommandInput<ReceiveContribution, 'contributionId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(ReceiveContributionCommand)
export class ReceiveContributionHandler implements ICommandHandler<ReceiveContributionCommand, CommandResult> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly context: ContextLoader,
  ) {}

  execute({ input, meta }: ReceiveContributionCommand): Promise<CommandResult> {
    const contributionId = seededId(meta.idempotencySeed);
    const contributor = contributorOf({ actor: meta.actor, stakeholderId: input.stakeholderId });
    return executeOnContribution(this.aggregates, contributionId, meta, async () => {
      const [consultation, stakeholder, commitment] = await Promise.all([
        this.context.consultation(input.consultationId),
        contributor === null ? null : this.context.stakeholder(contributor),
        input.commitmentId === undefined || input.commitmentId === null ? null : this.context.commitment(input.commitmentId),
      ]);
      return {
        type: 'ReceiveContribution',
        consultationId: input.consultationId,
        stakeholderId: input.stakeholderId,
        channel: input.channel,
        body: input.body,
        commitmentId: input.commitmentId ?? null,
        receivedAt: input.receivedAt,
        late: input.late,
        context: { consultation, stakeholder, commitment },
      };
    });
  }
}
