import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { executeOnReport } from './execute-on-report.js';
import type { GiveReportFeedbackRequest } from './report.dto.js';

export class GiveReportFeedbackCommand {
  constructor(
    readonly reportId: string,
    readonly body: GiveReportFeedbackRequest,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(GiveReportFeedbackCommand)
export class GiveReportFeedbackHandler implements ICommandHandler<GiveReportFeedbackCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ reportId, body, meta }: GiveReportFeedbackCommand): Promise<CommandResult> {
    return executeOnReport(this.aggregates, reportId, meta, () => ({
      type: 'GiveReportFeedback',
      items: body.items,
    }));
  }
}
