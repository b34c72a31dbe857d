import type pg from 'pg';
import type { Runtime } from '../runtime.js';
import type { EventStore } from './event-store.port.js';
import { EventStoreDBEventStore } from './eventstoredb/eventstoredb-event-store.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';

/** The service's store: EventStoreDB when EVENTSTORE_CONNECTION_STRING is set, else PostgreSQL on the service's pool. */
export function createEventStore(runtime: Runtime, pool: pg.Pool): EventStore {
  const esdb = runtime.config.EVENTSTORE_CONNECTION_STRING;
  return esdb ? EventStoreDBEventStore.fromConnectionString(esdb) : new PostgresEventStore(pool);
}

export const isPostgresUrl = (target: string) => /^postgres(ql)?:\/\//.test(target);
export const isEventStoreDBConnectionString = (target: string) => /^esdb(\+discover)?:\/\//.test(target);

/**
 * A store of its own, outside Nest, from a PostgreSQL URL or an EventStoreDB connection string:
 * what the command line opens (cheap: PostgreSQL gets a small pool, EventStoreDB connects lazily).
 */
export function openEventStore(target: string, options: { readOnly?: boolean } = {}): EventStore {
  if (isPostgresUrl(target)) return new PostgresEventStore(target, { poolSize: 4, readOnly: options.readOnly });
  if (isEventStoreDBConnectionString(target)) return EventStoreDBEventStore.fromConnectionString(target);
  throw new TypeError('not a postgres:// URL or an esdb:// connection string');
}

/** Where a store is, for reports: host, port and database, never credentials. */
export function describeTarget(target: string): string {
  const kind = isPostgresUrl(target) ? 'PostgreSQL' : 'EventStoreDB';
  const rest = target.replace(/^[a-z+]+:\/\//, '').replace(/^[^@/]*@/, '');
  return `${kind} at ${rest.split('?')[0]}`;
}
