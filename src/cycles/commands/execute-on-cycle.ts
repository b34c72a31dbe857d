import type { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-request.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { streams } from '../../shared/streams.js';
import type { CycleCommand } from '../domain/commands.js';
import { cycleDecider } from '../domain/cycle.decider.js';

type OwnFields<C> = C extends unknown ? Omit<C, 'actor' | 'occurredAt' | 'cycleId'> : never;

/** A cycle command as a handler builds it; who, when and which cycle are added by executeOnCycle. */
export type CycleCommandFields = OwnFields<CycleCommand>;

/**
 * What every cycle handler does: run one command on the cycle's stream and answer with the cycle's
 * id, revision and position. `build` runs again on every retry, so the contexts it loads stay fresh.
 */
export async function executeOnCycle(
  aggregates: AggregateStore,
  cycleId: string,
  meta: CommandMeta,
  build: () => CycleCommandFields | Promise<CycleCommandFields>,
): Promise<CommandResult> {
  const result = await aggregates.execute({
    streamId: streams.cycle(cycleId),
    decider: cycleDecider,
    ...meta,
    command: async (): Promise<CycleCommand> => ({ ...(await build()), actor: meta.actor, occurredAt: meta.occurredAt, cycleId }),
  });
  return { id: cycleId, revision: result.revision, position: result.position };
}
