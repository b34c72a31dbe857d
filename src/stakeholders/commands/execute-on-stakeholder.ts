import { executorFor } from '../../command-handling/execute-on.js';
import { streams } from '../../shared/streams.js';
import { stakeholderDecider } from '../domain/stakeholder.decider.js';

/** Runs one command on the stakeholder's stream and answers with its id, revision and position. */
export const executeOnStakeholder = executorFor(stakeholderDecider, streams.stakeholder, 'stakeholderId');
