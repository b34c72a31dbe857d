import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import type { SetComplianceThresholdsRequest } from './cycle.dto.js';
import { executeOnCycle } from './execute-on-cycle.js';

export class SetComplianceThresholdsCommand {
  constructor(
    readonly cycleId: string,
    readonly body: SetComplianceThresholdsRequest,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(SetComplianceThresholdsCommand)
export class SetComplianceThresholdsHandler implements ICommandHandler<SetComplianceThresholdsCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ cycleId, body, meta }: SetComplianceThresholdsCommand): Promise<CommandResult> {
    const { forumMaxGapDays, timelineNoticeDays, consultationNoticeDays, repositoryUpdatesPerYear } = body;
    // Those left undefined keep their value: the decider merges only the thresholds given.
    const thresholds = { forumMaxGapDays, timelineNoticeDays, consultationNoticeDays, repositoryUpdatesPerYear };
    return executeOnCycle(this.aggregates, cycleId, meta, () => ({ type: 'SetComplianceThresholds', thresholds }));
  }
}
