import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { executeOnReport } from './execute-on-report.js';
import type { GiveReportFeedback } from '../domain/commands.js';

export class GiveReportFeedbackCommand {
  constructor(
    readonly reportId: string,
    readonly input: CommandInput<GiveReportFeedback, 'reportId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(GiveReportFeedbackCommand)
export class GiveReportFeedbackHandler implements ICommandHandler<GiveReportFeedbackCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ reportId, input, meta }: GiveReportFeedbackCommand): Promise<CommandResult> {
    return executeOnReport(this.aggregates, reportId, meta, () => ({
      type: 'GiveReportFeedback',
      items: input.items,
    }));
  }
}
