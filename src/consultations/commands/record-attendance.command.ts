import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { ContextLoader } from '../../command-handling/context-loader.js';
import type { RecordAttendanceRequest } from './consultation.dto.js';
import { executeOnConsultation } from './execute-on-consultation.js';

export class RecordAttendanceCommand {
  constructor(
    readonly consultationId: string,
    readonly body: RecordAttendanceRequest,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(RecordAttendanceCommand)
export class RecordAttendanceHandler implements ICommandHandler<RecordAttendanceCommand, CommandResult> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly contexts: ContextLoader,
  ) {}

  execute({ consultationId, body, meta }: RecordAttendanceCommand): Promise<CommandResult> {
    return executeOnConsultation(this.aggregates, consultationId, meta, async () => ({
      type: 'RecordAttendance',
      stakeholderIds: body.stakeholderIds,
      anonymousCount: body.anonymousCount,
      context: { stakeholders: await this.contexts.stakeholders(body.stakeholderIds) },
    }));
  }
}
