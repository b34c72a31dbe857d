import { executorFor } from '../../command-handling/execute-on.js';
import { streams } from '../../shared/streams.js';
import { cycleDecider } from '../domain/cycle.decider.js';

/** Runs one command on the cycle's stream and answers with its id, revision and position. */
export const executeOnCycle = executorFor(cycleDecider, streams.cycle, 'cycleId');
