import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { ContextLoader } from '../../command-handling/context-loader.js';
import { seededId } from '../../shared/ids.js';
import type { AnnounceConsultationRequest } from './consultation.dto.js';
import { executeOnConsultation } from './execute-on-consultation.js';

export class AnnounceConsultationCommand {
  constructor(
    readonly body: AnnounceConsultationRequest,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(AnnounceConsultationCommand)
export class AnnounceConsultationHandler implements ICommandHandler<AnnounceConsultationCommand, CommandResult> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly contexts: ContextLoader,
  ) {}

  execute({ body, meta }: AnnounceConsultationCommand): Promise<CommandResult> {
    return executeOnConsultation(this.aggregates, seededId(meta.idempotencySeed), meta, async () => ({
      type: 'AnnounceConsultation',
      cycleId: body.cycleId,
      policyAreaId: body.policyAreaId ?? null,
      kind: body.kind,
      title: body.title,
      description: body.description ?? null,
      announcedAt: body.announcedAt,
      opensAt: body.opensAt,
      closesAt: body.closesAt,
      context: { cycle: await this.contexts.cycle(body.cycleId) },
    }));
  }
}
