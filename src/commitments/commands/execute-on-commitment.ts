import { executorFor } from '../../command-handling/execute-on.js';
import { streams } from '../../shared/streams.js';
import { commitmentDecider } from '../domain/commitment.decider.js';

/** Runs one command on the commitment's stream and answers with its id, revision and position. */
export const executeOnCommitment = executorFor(commitmentDecider, streams.commitment, 'commitmentId');
