import type { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-request.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { streams } from '../../shared/streams.js';
import type { ConsultationCommand } from '../domain/commands.js';
import { consultationDecider } from '../domain/consultation.decider.js';

type OwnFields<C> = C extends unknown ? Omit<C, 'actor' | 'occurredAt' | 'consultationId'> : never;

/** A consultation command as a handler builds it; who, when and which consultation are added by executeOnConsultation. */
export type ConsultationCommandFields = OwnFields<ConsultationCommand>;

/**
 * What every consultation handler does: run one command on the consultation's stream and answer
 * with its id, revision and position. `build` runs again on every retry, so its contexts stay fresh.
 */
export async function executeOnConsultation(
  aggregates: AggregateStore,
  consultationId: string,
  meta: CommandMeta,
  build: () => ConsultationCommandFields | Promise<ConsultationCommandFields>,
): Promise<CommandResult> {
  const result = await aggregates.execute({
    streamId: streams.consultation(consultationId),
    decider: consultationDecider,
    ...meta,
    command: async (): Promise<ConsultationCommand> => ({ ...(await build()), actor: meta.actor, occurredAt: meta.occurredAt, consultationId }),
  });
  return { id: consultationId, revision: result.revision, position: result.position };
}
