import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { seededId } from '../../shared/ids.js';
import { executeOnConsultation } from './execute-on-consultation.js';
import type { PublishMaterial } from '../domain/commands.js';

export class PublishMaterialCommand {
  constructor(
    readonly consultationId: string,
    readonly input: CommandInput<PublishMaterial, 'consultationId' | 'materialId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(PublishMaterialCommand)
export class PublishMaterialHandler implements ICommandHandler<PublishMaterialCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ consultationId, input, meta }: PublishMaterialCommand): Promise<CommandResult> {
    const materialId = seededId(meta.idempotencySeed);
    const result = await executeOnConsultation(this.aggregates, consultationId, meta, () => ({
      type: 'PublishMaterial',
      materialId,
      kind: input.kind,
      title: input.title,
      url: input.url,
    }));
    return { ...result, id: materialId, consultationId };
  }
}
