import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { executeOnConsultation } from './execute-on-consultation.js';
import type { DefineSurvey } from '../domain/commands.js';

export class DefineSurveyCommand {
  constructor(
    readonly consultationId: string,
    readonly input: CommandInput<DefineSurvey, 'consultationId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(DefineSurveyCommand)
export class DefineSurveyHandler implements ICommandHandler<DefineSurveyCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ consultationId, input, meta }: DefineSurveyCommand): Promise<CommandResult> {
    return executeOnConsultation(this.aggregates, consultationId, meta, () => ({ type: 'DefineSurvey', questions: input.questions }));
  }
}
