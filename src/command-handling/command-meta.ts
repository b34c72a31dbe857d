import type { Actor } from '../shared/actor.js';

/** What every command carries besides its own fields, given explicitly by whoever sends it (the HTTP edge, the CLI, a reactor). */
export interface CommandMeta {
  actor: Actor;
  occurredAt: string;
  /** The revision the sender insists on (If-Match / expectedRevision): no retry when it differs. */
  expectedRevision?: number;
  /** The request that asked for it: each event's metadata records it, and it is the correlation id. */
  requestId?: string;
  /** Under an Idempotency-Key: the command's new ids and event ids derive from it, so a retry makes the same ones. */
  idempotencySeed?: string;
}

/**
 * What a sender gives for a domain command: its own fields, without what command handling adds (the
 * type, who, when, the context it loads) or the aggregate's id `K` given beside it. The bus command
 * carries this, typed by the domain's command, never the HTTP request's DTO.
 */
export type CommandInput<C, K extends keyof C = never> = Omit<C, 'type' | 'actor' | 'occurredAt' | 'context' | K>;
