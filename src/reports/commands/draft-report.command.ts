import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { ContextLoader } from '../../command-handling/context-loader.js';
import { seededId } from '../../shared/ids.js';
import { executeOnReport } from './execute-on-report.js';
import type { DraftReport } from '../domain/commands.js';

export class DraftReportCommand {
  constructor(
    readonly input: CommandInput<DraftReport, 'reportId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(DraftReportCommand)
export class DraftReportHandler implements ICommandHandler<DraftReportCommand, CommandResult> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly context: ContextLoader,
  ) {}

  execute({ input, meta }: DraftReportCommand): Promise<CommandResult> {
    const reportId = seededId(meta.idempotencySeed);
    return executeOnReport(this.aggregates, reportId, meta, async () => {
      const [consultation, contributions] = await Promise.all([
        this.context.consultation(input.consultationId),
        this.context.contributions(input.contributionIds),
      ]);
      return {
        type: 'DraftReport',
        consultationId: input.consultationId,
        summary: input.summary,
        contributionIds: input.contributionIds,
        context: { consultation, contributions },
      };
    });
  }
}
