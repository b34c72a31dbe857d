import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { seededId } from '../../shared/ids.js';
import { executeOnCycle } from './execute-on-cycle.js';
import type { OpenCycle } from '../domain/commands.js';

export class OpenCycleCommand {
  constructor(
    readonly input: CommandInput<OpenCycle, 'cycleId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(OpenCycleCommand)
export class OpenCycleHandler implements ICommandHandler<OpenCycleCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ input, meta }: OpenCycleCommand): Promise<CommandResult> {
    return executeOnCycle(this.aggregates, seededId(meta.idempotencySeed), meta, () => ({
      type: 'OpenCycle',
      country: input.country,
      title: input.title,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      pocInstitution: input.pocInstitution,
      methodology: input.methodology ?? null,
    }));
  }
}
