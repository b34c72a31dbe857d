import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { seededId } from '../../shared/ids.js';
import { executeOnCycle } from './execute-on-cycle.js';
import type { ScheduleMilestone } from '../domain/commands.js';

export class ScheduleMilestoneCommand {
  constructor(
    readonly cycleId: string,
    readonly input: CommandInput<ScheduleMilestone, 'cycleId' | 'milestoneId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(ScheduleMilestoneCommand)
export class ScheduleMilestoneHandler implements ICommandHandler<ScheduleMilestoneCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ cycleId, input, meta }: ScheduleMilestoneCommand): Promise<CommandResult> {
    const milestoneId = seededId(meta.idempotencySeed);
    const result = await executeOnCycle(this.aggregates, cycleId, meta, () => ({
      type: 'ScheduleMilestone',
      milestoneId,
      stage: input.stage,
      title: input.title,
      dueDate: input.dueDate,
    }));
    return { ...result, id: milestoneId, cycleId };
  }
}
