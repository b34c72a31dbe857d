import { executorFor } from '../../command-handling/execute-on.js';
import { streams } from '../../shared/streams.js';
import { reportDecider } from '../domain/report.decider.js';

/** Runs one command on the report's stream and answers with its id, revision and position. */
export const executeOnReport = executorFor(reportDecider, streams.report, 'reportId');
