import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { ContextLoader } from '../../command-handling/context-loader.js';
import { seededId } from '../../shared/ids.js';
import { executeOnConsultation } from './execute-on-consultation.js';
import type { AnnounceConsultation } from '../domain/commands.js';

export class AnnounceConsultationCommand {
  constructor(
    readonly input: CommandInput<AnnounceConsultation, 'consultationId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(AnnounceConsultationCommand)
export class AnnounceConsultationHandler implements ICommandHandler<AnnounceConsultationCommand, CommandResult> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly contexts: ContextLoader,
  ) {}

  execute({ input, meta }: AnnounceConsultationCommand): Promise<CommandResult> {
    return executeOnConsultation(this.aggregates, seededId(meta.idempotencySeed), meta, async () => ({
      type: 'AnnounceConsultation',
      cycleId: input.cycleId,
      policyAreaId: input.policyAreaId ?? null,
      kind: input.kind,
      title: input.title,
      description: input.description ?? null,
      announcedAt: input.announcedAt,
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      context: { cycle: await this.contexts.cycle(input.cycleId) },
    }));
  }
}
