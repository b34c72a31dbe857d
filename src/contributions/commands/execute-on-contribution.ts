import { executorFor, type CommandFields } from '../../command-handling/execute-on.js';
import { streams } from '../../shared/streams.js';
import type { ContributionCommand } from '../domain/commands.js';
import { contributionDecider } from '../domain/contribution.decider.js';

/** A contribution command as a handler builds it: executeOnContribution adds who, when and which contribution. */
export type ContributionCommandFields = CommandFields<ContributionCommand, 'contributionId'>;

/** Runs one command on the contribution's stream and answers with its id, revision and position. */
export const executeOnContribution = executorFor(contributionDecider, streams.contribution, 'contributionId');
