import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from '../shared/actor.js';

export interface RequestContext {
  requestId: string;
  actor?: Actor;
  /** Set when the request carries an Idempotency-Key: every id its command makes is derived from it (see commandMeta). */
  idempotencySeed?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runInRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run({ ...context }, fn);
}

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}
