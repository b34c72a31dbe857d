import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import type { CompleteMilestoneRequest } from './cycle.dto.js';
import { executeOnCycle } from './execute-on-cycle.js';

export class CompleteMilestoneCommand {
  constructor(
    readonly cycleId: string,
    readonly milestoneId: string,
    readonly body: CompleteMilestoneRequest,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(CompleteMilestoneCommand)
export class CompleteMilestoneHandler implements ICommandHandler<CompleteMilestoneCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ cycleId, milestoneId, body, meta }: CompleteMilestoneCommand): Promise<CommandResult> {
    const result = await executeOnCycle(this.aggregates, cycleId, meta, () => ({
      type: 'CompleteMilestone',
      milestoneId,
      evidence: body.evidence,
      completedAt: body.completedAt,
    }));
    return { ...result, id: milestoneId, cycleId };
  }
}
