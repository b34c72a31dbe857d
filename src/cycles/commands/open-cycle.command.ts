import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { seededId } from '../../shared/ids.js';
import type { OpenCycleRequest } from './cycle.dto.js';
import { executeOnCycle } from './execute-on-cycle.js';

export class OpenCycleCommand {
  constructor(
    readonly body: OpenCycleRequest,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(OpenCycleCommand)
export class OpenCycleHandler implements ICommandHandler<OpenCycleCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ body, meta }: OpenCycleCommand): Promise<CommandResult> {
    return executeOnCycle(this.aggregates, seededId(meta.idempotencySeed), meta, () => ({
      type: 'OpenCycle',
      country: body.country,
      title: body.title,
      periodStart: body.periodStart,
      periodEnd: body.periodEnd,
      pocInstitution: body.pocInstitution,
      methodology: body.methodology ?? null,
    }));
  }
}
