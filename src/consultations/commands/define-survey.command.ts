import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import type { DefineSurveyRequest } from './consultation.dto.js';
import { executeOnConsultation } from './execute-on-consultation.js';

export class DefineSurveyCommand {
  constructor(
    readonly consultationId: string,
    readonly body: DefineSurveyRequest,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(DefineSurveyCommand)
export class DefineSurveyHandler implements ICommandHandler<DefineSurveyCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ consultationId, body, meta }: DefineSurveyCommand): Promise<CommandResult> {
    return executeOnConsultation(this.aggregates, consultationId, meta, () => ({ type: 'DefineSurvey', questions: body.questions }));
  }
}
