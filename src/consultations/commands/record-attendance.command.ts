import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { ContextLoader } from '../../command-handling/context-loader.js';
import { executeOnConsultation } from './execute-on-consultation.js';
import type { RecordAttendance } from '../domain/commands.js';

export class RecordAttendanceCommand {
  constructor(
    readonly consultationId: string,
    readonly input: CommandInput<RecordAttendance, 'consultationId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(RecordAttendanceCommand)
export class RecordAttendanceHandler implements ICommandHandler<RecordAttendanceCommand, CommandResult> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly contexts: ContextLoader,
  ) {}

  execute({ consultationId, input, meta }: RecordAttendanceCommand): Promise<CommandResult> {
    return executeOnConsultation(this.aggregates, consultationId, meta, async () => ({
      type: 'RecordAttendance',
      stakeholderIds: input.stakeholderIds,
      anonymousCount: input.anonymousCount,
      context: { stakeholders: await this.contexts.stakeholders(input.stakeholderIds) },
    }));
  }
}
