import type { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-request.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { streams } from '../../shared/streams.js';
import type { CommitmentCommand } from '../domain/commands.js';
import { commitmentDecider } from '../domain/commitment.decider.js';

type OwnFields<C> = C extends unknown ? Omit<C, 'actor' | 'occurredAt' | 'commitmentId'> : never;

/** A commitment command as a handler builds it: executeOnCommitment adds who, when and which commitment. */
export type CommitmentCommandFields = OwnFields<CommitmentCommand>;

/**
 * What every commitment handler does: run one command on the commitment's stream and answer with its
 * id, revision and position. `build` runs again on every retry, so the contexts it loads stay fresh.
 */
export async function executeOnCommitment(
  aggregates: AggregateStore,
  commitmentId: string,
  meta: CommandMeta,
  build: () => CommitmentCommandFields | Promise<CommitmentCommandFields>,
): Promise<CommandResult> {
  const result = await aggregates.execute({
    streamId: streams.commitment(commitmentId),
    decider: commitmentDecider,
    ...meta,
    command: async (): Promise<CommitmentCommand> => ({ ...(await build()), actor: meta.actor, occurredAt: meta.occurredAt, commitmentId }),
  });
  return { id: commitmentId, revision: result.revision, position: result.position };
}
