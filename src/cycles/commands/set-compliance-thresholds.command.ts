import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import type { SetComplianceThresholds } from '../domain/commands.js';
import { executeOnCycle } from './execute-on-cycle.js';

export class SetComplianceThresholdsCommand {
  constructor(
    readonly cycleId: string,
    readonly input: CommandInput<SetComplianceThresholds, 'cycleId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(SetComplianceThresholdsCommand)
export class SetComplianceThresholdsHandler implements ICommandHandler<SetComplianceThresholdsCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ cycleId, input, meta }: SetComplianceThresholdsCommand): Promise<CommandResult> {
    // Those left undefined keep their value: the decider merges only the thresholds given.
    return executeOnCycle(this.aggregates, cycleId, meta, () => ({ type: 'SetComplianceThresholds', thresholds: input.thresholds }));
  }
}
