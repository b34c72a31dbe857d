import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { executeOnReport } from './execute-on-report.js';

export class AcceptReportCommand {
  constructor(
    readonly reportId: string,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(AcceptReportCommand)
export class AcceptReportHandler implements ICommandHandler<AcceptReportCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ reportId, meta }: AcceptReportCommand): Promise<CommandResult> {
    return executeOnReport(this.aggregates, reportId, meta, () => ({
      type: 'AcceptReport',
    }));
  }
}
