import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { seededId } from '../../shared/ids.js';
import type { ScheduleMilestoneRequest } from './cycle.dto.js';
import { executeOnCycle } from './execute-on-cycle.js';

export class ScheduleMilestoneCommand {
  constructor(
    readonly cycleId: string,
    readonly body: ScheduleMilestoneRequest,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(ScheduleMilestoneCommand)
export class ScheduleMilestoneHandler implements ICommandHandler<ScheduleMilestoneCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ cycleId, body, meta }: ScheduleMilestoneCommand): Promise<CommandResult> {
    const milestoneId = seededId(meta.idempotencySeed);
    const result = await executeOnCycle(this.aggregates, cycleId, meta, () => ({
      type: 'ScheduleMilestone',
      milestoneId,
      stage: body.stage,
      title: body.title,
      dueDate: body.dueDate,
    }));
    return { ...result, id: milestoneId, cycleId };
  }
}
