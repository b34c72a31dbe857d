import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { executeOnCycle } from './execute-on-cycle.js';
import type { CompleteMilestone } from '../domain/commands.js';

export class CompleteMilestoneCommand {
  constructor(
    readonly cycleId: string,
    readonly milestoneId: string,
    readonly input: CommandInput<CompleteMilestone, 'cycleId' | 'milestoneId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(CompleteMilestoneCommand)
export class CompleteMilestoneHandler implements ICommandHandler<CompleteMilestoneCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ cycleId, milestoneId, input, meta }: CompleteMilestoneCommand): Promise<CommandResult> {
    const result = await executeOnCycle(this.aggregates, cycleId, meta, () => ({
      type: 'CompleteMilestone',
      milestoneId,
      evidence: input.evidence,
      completedAt: input.completedAt,
    }));
    return { ...result, id: milestoneId, cycleId };
  }
}
