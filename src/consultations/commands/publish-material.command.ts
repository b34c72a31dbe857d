import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { seededId } from '../../shared/ids.js';
import type { PublishMaterialRequest } from './consultation.dto.js';
import { executeOnConsultation } from './execute-on-consultation.js';

export class PublishMaterialCommand {
  constructor(
    readonly consultationId: string,
    readonly body: PublishMaterialRequest,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(PublishMaterialCommand)
export class PublishMaterialHandler implements ICommandHandler<PublishMaterialCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ consultationId, body, meta }: PublishMaterialCommand): Promise<CommandResult> {
    const materialId = seededId(meta.idempotencySeed);
    const result = await executeOnConsultation(this.aggregates, consultationId, meta, () => ({
      type: 'PublishMaterial',
      materialId,
      kind: body.kind,
      title: body.title,
      url: body.url,
    }));
    return { ...result, id: materialId, consultationId };
  }
}
