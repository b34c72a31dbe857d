import { executorFor, type CommandFields } from '../../command-handling/execute-on.js';
import { streams } from '../../shared/streams.js';
import type { CommitmentCommand } from '../domain/commands.js';
import { commitmentDecider } from '../domain/commitment.decider.js';

/** A commitment command as a handler builds it: executeOnCommitment adds who, when and which commitment. */
export type CommitmentCommandFields = CommandFields<CommitmentCommand, 'commitmentId'>;

/** Runs one command on the commitment's stream and answers with its id, revision and position. */
export const executeOnCommitment = executorFor(commitmentDecider, streams.commitment, 'commitmentId');
