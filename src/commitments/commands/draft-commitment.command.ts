import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { ContextLoader } from '../../command-handling/context-loader.js';
import { seededId } from '../../shared/ids.js';
import type { DraftCommitmentRequest } from './commitment.dto.js';
import { executeOnCommitment } from './execute-on-commitment.js';

export class DraftCommitmentCommand {
  constructor(
    readonly body: DraftCommitmentRequest,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(DraftCommitmentCommand)
export class DraftCommitmentHandler implements ICommandHandler<DraftCommitmentCommand, CommandResult> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly context: ContextLoader,
  ) {}

  execute({ body, meta }: DraftCommitmentCommand): Promise<CommandResult> {
    const commitmentId = seededId(meta.idempotencySeed);
    return executeOnCommitment(this.aggregates, commitmentId, meta, async () => ({
      type: 'DraftCommitment',
      cycleId: body.cycleId,
      policyAreaId: body.policyAreaId,
      title: body.title,
      problem: body.problem,
      description: body.description,
      ogpValues: body.ogpValues,
      milestones: body.milestones,
      leadInstitution: body.leadInstitution,
      supportingInstitutions: body.supportingInstitutions,
      context: { cycle: await this.context.cycle(body.cycleId) },
    }));
  }
}
