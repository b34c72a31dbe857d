import type { Decider, DomainEvent } from '../shared/decider.js';
import type { AggregateStore } from './aggregate-store.js';
import type { CommandMeta } from './command-meta.js';
import type { CommandResult } from './command-response.js';

/** A command as a handler builds it: the executor adds who, when, and which aggregate. */
export type CommandFields<C, K extends string> = C extends unknown ? Omit<C, 'actor' | 'occurredAt' | K> : never;

/**
 * What every handler of an aggregate does: run one command on the aggregate's stream and answer
 * with its id, revision and position. `build` runs again on every retry (with the state just
 * loaded), so the contexts it loads stay fresh.
 */
export function executorFor<C, E extends DomainEvent, S, K extends string>(
  decider: Decider<C, E, S>,
  streamOf: (id: string) => string,
  idField: K,
) {
  return async (
    aggregates: AggregateStore,
    id: string,
    meta: CommandMeta,
    build: (state: S) => CommandFields<C, K> | Promise<CommandFields<C, K>>,
  ): Promise<CommandResult> => {
    const result = await aggregates.execute({
      streamId: streamOf(id),
      decider,
      ...meta,
      command: async (state) => ({ ...(await build(state)), actor: meta.actor, occurredAt: meta.occurredAt, [idField]: id }) as C,
    });
    return { id, revision: result.revision, position: result.position };
  };
}
