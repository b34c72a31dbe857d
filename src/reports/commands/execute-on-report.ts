import type { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-request.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { streams } from '../../shared/streams.js';
import type { ReportCommand } from '../domain/commands.js';
import { reportDecider } from '../domain/report.decider.js';

type OwnFields<C> = C extends unknown ? Omit<C, 'actor' | 'occurredAt' | 'reportId'> : never;

/** A report command as a handler builds it: executeOnReport adds who, when and which report. */
export type ReportCommandFields = OwnFields<ReportCommand>;

/**
 * What every report handler does: run one command on the report's stream and answer with its
 * id, revision and position. `build` runs again on every retry, so the contexts it loads stay fresh.
 */
export async function executeOnReport(
  aggregates: AggregateStore,
  reportId: string,
  meta: CommandMeta,
  build: () => ReportCommandFields | Promise<ReportCommandFields>,
): Promise<CommandResult> {
  const result = await aggregates.execute({
    streamId: streams.report(reportId),
    decider: reportDecider,
    ...meta,
    command: async (): Promise<ReportCommand> => ({ ...(await build()), actor: meta.actor, occurredAt: meta.occurredAt, reportId }),
  });
  return { id: reportId, revision: result.revision, position: result.position };
}
