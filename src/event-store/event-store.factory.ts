import type pg from 'pg';
import type { Runtime } from '../runtime.js';
import type { EventStore } from './event-store.port.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';

/** The EventStoreDB adapter, loaded only where it is used (its gRPC client takes ~200 ms to load). */
async function eventStoreDB(connectionString: string): Promise<EventStore> {
  const { EventStoreDBEventStore } = await import('./eventstoredb/eventstoredb-event-store.js');
  return EventStoreDBEventStore.fromConnectionString(connectionString);
}

/** The service's store: EventStoreDB when EVENTSTORE_CONNECTION_STRING is set, else PostgreSQL on the service's pool. */
export async function createEventStore(runtime: Runtime, pool: pg.Pool): Promise<EventStore> {
  const esdb = runtime.config.EVENTSTORE_CONNECTION_STRING;
  return esdb ? eventStoreDB(esdb) : new PostgresEventStore(pool);
}

/**
 * Start-up's check that the configured EventStoreDB answers (before PostgreSQL starts): a read of
 * the head of $all, bounded in time. Throws with the reason.
 */
export async function probeEventStoreDB(connectionString: string, timeoutMs = 15_000): Promise<void> {
  const store = await eventStoreDB(connectionString);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      store.head(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs))),
    ]);
  } finally {
    clearTimeout(timer);
    await store.close().catch(() => undefined);
  }
}

export const isPostgresUrl = (target: string) => /^postgres(ql)?:\/\//.test(target);
export const isEventStoreDBConnectionString = (target: string) => /^esdb(\+discover)?:\/\//.test(target);

/**
 * A store of its own, outside Nest, from a PostgreSQL URL or an EventStoreDB connection string:
 * what the command line opens (cheap: PostgreSQL gets a small pool, EventStoreDB connects lazily).
 */
export async function openEventStore(target: string, options: { readOnly?: boolean } = {}): Promise<EventStore> {
  if (isPostgresUrl(target)) return new PostgresEventStore(target, { poolSize: 4, readOnly: options.readOnly });
  if (isEventStoreDBConnectionString(target)) return eventStoreDB(target);
  throw new TypeError('not a postgres:// URL or an esdb:// connection string');
}

/** Where a store is, for reports: host, port and database, never credentials. */
export function describeTarget(target: string): string {
  const kind = isPostgresUrl(target) ? 'PostgreSQL' : 'EventStoreDB';
  const rest = target.replace(/^[a-z+]+:\/\//, '').replace(/^[^@/]*@/, '');
  return `${kind} at ${rest.split('?')[0]}`;
}
