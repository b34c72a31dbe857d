import type { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-request.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { streams } from '../../shared/streams.js';
import type { ContributionCommand } from '../domain/commands.js';
import { contributionDecider } from '../domain/contribution.decider.js';

type OwnFields<C> = C extends unknown ? Omit<C, 'actor' | 'occurredAt' | 'contributionId'> : never;

/** A contribution command as a handler builds it: executeOnContribution adds who, when and which contribution. */
export type ContributionCommandFields = OwnFields<ContributionCommand>;

/**
 * What every contribution handler does: run one command on the contribution's stream and answer with its
 * id, revision and position. `build` runs again on every retry, so the contexts it loads stay fresh.
 */
export async function executeOnContribution(
  aggregates: AggregateStore,
  contributionId: string,
  meta: CommandMeta,
  build: () => ContributionCommandFields | Promise<ContributionCommandFields>,
): Promise<CommandResult> {
  const result = await aggregates.execute({
    streamId: streams.contribution(contributionId),
    decider: contributionDecider,
    ...meta,
    command: async (): Promise<ContributionCommand> => ({ ...(await build()), actor: meta.actor, occurredAt: meta.occurredAt, contributionId }),
  });
  return { id: contributionId, revision: result.revision, position: result.position };
}
