import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { ContextLoader } from '../../command-handling/context-loader.js';
import { seededId } from '../../shared/ids.js';
import { executeOnReport } from './execute-on-report.js';
import type { DraftReportRequest } from './report.dto.js';

export class DraftReportCommand {
  constructor(
    readonly body: DraftReportRequest,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(DraftReportCommand)
export class DraftReportHandler implements ICommandHandler<DraftReportCommand, CommandResult> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly context: ContextLoader,
  ) {}

  execute({ body, meta }: DraftReportCommand): Promise<CommandResult> {
    const reportId = seededId(meta.idempotencySeed);
    return executeOnReport(this.aggregates, reportId, meta, async () => {
      const [consultation, contributions] = await Promise.all([
        this.context.consultation(body.consultationId),
        this.context.contributions(body.contributionIds),
      ]);
      return {
        type: 'DraftReport',
        consultationId: body.consultationId,
        summary: body.summary,
        contributionIds: body.contributionIds,
        context: { consultation, contributions },
      };
    });
  }
}
