import { executorFor } from '../../command-handling/execute-on.js';
import { streams } from '../../shared/streams.js';
import { contributionDecider } from '../domain/contribution.decider.js';

/** Runs one command on the contribution's stream and answers with its id, revision and position. */
export const executeOnContribution = executorFor(contributionDecider, streams.contribution, 'contributionId');
