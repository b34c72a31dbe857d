import { executorFor, type CommandFields } from '../../command-handling/execute-on.js';
import { streams } from '../../shared/streams.js';
import type { CycleCommand } from '../domain/commands.js';
import { cycleDecider } from '../domain/cycle.decider.js';

/** A cycle command as a handler builds it: executeOnCycle adds who, when and which cycle. */
export type CycleCommandFields = CommandFields<CycleCommand, 'cycleId'>;

/** Runs one command on the cycle's stream and answers with its id, revision and position. */
export const executeOnCycle = executorFor(cycleDecider, streams.cycle, 'cycleId');
