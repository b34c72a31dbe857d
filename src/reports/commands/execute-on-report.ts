import { executorFor, type CommandFields } from '../../command-handling/execute-on.js';
import { streams } from '../../shared/streams.js';
import type { ReportCommand } from '../domain/commands.js';
import { reportDecider } from '../domain/report.decider.js';

/** A report command as a handler builds it: executeOnReport adds who, when and which report. */
export type ReportCommandFields = CommandFields<ReportCommand, 'reportId'>;

/** Runs one command on the report's stream and answers with its id, revision and position. */
export const executeOnReport = executorFor(reportDecider, streams.report, 'reportId');
