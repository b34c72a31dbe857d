import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { executeOnReport } from './execute-on-report.js';
import type { PublishReport } from '../domain/commands.js';

export class PublishReportCommand {
  constructor(
    readonly reportId: string,
    readonly input: CommandInput<PublishReport, 'reportId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(PublishReportCommand)
export class PublishReportHandler implements ICommandHandler<PublishReportCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ reportId, input, meta }: PublishReportCommand): Promise<CommandResult> {
    return executeOnReport(this.aggregates, reportId, meta, () => ({
      type: 'PublishReport',
      url: input.url ?? null,
    }));
  }
}
