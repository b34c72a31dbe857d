import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { ContextLoader } from '../../command-handling/context-loader.js';
import { seededId } from '../../shared/ids.js';
import { contributorOf } from '../domain/contribution.decider.js';
import type { ReceiveContributionRequest } from './contribution.dto.js';
import { executeOnContribution } from './execute-on-contribution.js';

export class ReceiveContributionCommand {
  constructor(
    readonly body: ReceiveContributionRequest,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(ReceiveContributionCommand)
export class ReceiveContributionHandler implements ICommandHandler<ReceiveContributionCommand, CommandResult> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly context: ContextLoader,
  ) {}

  execute({ body, meta }: ReceiveContributionCommand): Promise<CommandResult> {
    const contributionId = seededId(meta.idempotencySeed);
    const contributor = contributorOf({ actor: meta.actor, stakeholderId: body.stakeholderId });
    return executeOnContribution(this.aggregates, contributionId, meta, async () => {
      const [consultation, stakeholder, commitment] = await Promise.all([
        this.context.consultation(body.consultationId),
        contributor === null ? null : this.context.stakeholder(contributor),
        body.commitmentId === undefined ? null : this.context.commitment(body.commitmentId),
      ]);
      return {
        type: 'ReceiveContribution',
        consultationId: body.consultationId,
        stakeholderId: body.stakeholderId,
        channel: body.channel,
        body: body.body,
        commitmentId: body.commitmentId ?? null,
        receivedAt: body.receivedAt,
        late: body.late,
        context: { consultation, stakeholder, commitment },
      };
    });
  }
}
