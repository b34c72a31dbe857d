import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { executeOnConsultation } from './execute-on-consultation.js';

export class CloseConsultationCommand {
  constructor(
    readonly consultationId: string,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(CloseConsultationCommand)
export class CloseConsultationHandler implements ICommandHandler<CloseConsultationCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ consultationId, meta }: CloseConsultationCommand): Promise<CommandResult> {
    return executeOnConsultation(this.aggregates, consultationId, meta, () => ({ type: 'CloseConsultation' }));
  }
}
