import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { ContextLoader } from '../../command-handling/context-loader.js';
import { seededId } from '../../shared/ids.js';
import { executeOnCommitment } from './execute-on-commitment.js';
import type { DraftCommitment } from '../domain/commands.js';

export class DraftCommitmentCommand {
  constructor(
    readonly input: CommandInput<DraftCommitment, 'commitmentId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(DraftCommitmentCommand)
export class DraftCommitmentHandler implements ICommandHandler<DraftCommitmentCommand, CommandResult> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly context: ContextLoader,
  ) {}

  execute({ input, meta }: DraftCommitmentCommand): Promise<CommandResult> {
    const commitmentId = seededId(meta.idempotencySeed);
    return executeOnCommitment(this.aggregates, commitmentId, meta, async () => ({
      type: 'DraftCommitment',
      cycleId: input.cycleId,
      policyAreaId: input.policyAreaId,
      title: input.title,
      problem: input.problem,
      description: input.description,
      ogpValues: input.ogpValues,
      milestones: input.milestones,
      leadInstitution: input.leadInstitution,
      supportingInstitutions: input.supportingInstitutions,
      context: { cycle: await this.context.cycle(input.cycleId) },
    }));
  }
}
