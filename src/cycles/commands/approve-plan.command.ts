import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { executeOnCycle } from './execute-on-cycle.js';
import type { ApprovePlan } from '../domain/commands.js';

export class ApprovePlanCommand {
  constructor(
    readonly cycleId: string,
    readonly input: CommandInput<ApprovePlan, 'cycleId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(ApprovePlanCommand)
export class ApprovePlanHandler implements ICommandHandler<ApprovePlanCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ cycleId, input, meta }: ApprovePlanCommand): Promise<CommandResult> {
    return executeOnCycle(this.aggregates, cycleId, meta, () => ({
      type: 'ApprovePlan',
      body: input.body,
      decisionRef: input.decisionRef,
      approvedAt: input.approvedAt,
    }));
  }
}
