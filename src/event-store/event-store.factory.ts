import type pg from 'pg';
import { ConfigError } from '../config/app-config.js';
import type { Runtime } from '../runtime.js';
import type { EventStore } from './event-store.port.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';

/** The PostgreSQL adapter; the EventStoreDB one is not part of this build (see README). */
export function createEventStore(runtime: Runtime, pool: pg.Pool): EventStore {
  if (runtime.config.EVENTSTORE_CONNECTION_STRING) {
    throw new ConfigError([
      'EVENTSTORE_CONNECTION_STRING: the EventStoreDB adapter is not part of this build yet; unset it to keep the events in PostgreSQL',
    ]);
  }
  return new PostgresEventStore(pool);
}
