import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from '../event-store/event-store.port.js';
import { randomId, uuidv5 } from '../shared/ids.js';

export interface RequestContext {
  requestId: string;
  actor?: Actor;
  /** Set when the request carries an Idempotency-Key: every id it makes is derived from it. */
  idempotencySeed?: string;
  idCounter: number;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runInRequestContext<T>(context: Omit<RequestContext, 'idCounter'>, fn: () => T): T {
  return storage.run({ ...context, idCounter: 0 }, fn);
}

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/**
 * A new id. Under an Idempotency-Key the n-th id of a request is derived from the key, so a
 * retried request makes the very same aggregate and event ids and the store recognises the replay.
 */
export function nextId(): string {
  const context = storage.getStore();
  if (!context?.idempotencySeed) return randomId();
  return uuidv5(`${context.idempotencySeed}#${context.idCounter++}`);
}
