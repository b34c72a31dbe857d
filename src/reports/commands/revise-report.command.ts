import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { ContextLoader } from '../../command-handling/context-loader.js';
import { executeOnReport } from './execute-on-report.js';
import type { ReviseReport } from '../domain/commands.js';

export class ReviseReportCommand {
  constructor(
    readonly reportId: string,
    readonly input: CommandInput<ReviseReport, 'reportId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(ReviseReportCommand)
export class ReviseReportHandler implements ICommandHandler<ReviseReportCommand, CommandResult> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly context: ContextLoader,
  ) {}

  execute({ reportId, input, meta }: ReviseReportCommand): Promise<CommandResult> {
    return executeOnReport(this.aggregates, reportId, meta, async () => ({
      type: 'ReviseReport',
      summary: input.summary,
      contributionIds: input.contributionIds,
      context: { contributions: await this.context.contributions(input.contributionIds) },
    }));
  }
}
