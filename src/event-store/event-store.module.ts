import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type pg from 'pg';
import { DATABASE_POOL } from '../database/tokens.js';
import { RUNTIME, type Runtime } from '../runtime.js';
import { EVENT_STORE, type EventStore } from './event-store.port.js';
import { createEventStore } from './event-store.factory.js';

class EventStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [RUNTIME, DATABASE_POOL],
      useFactory: async (runtime: Runtime, pool: pg.Pool) => createEventStore(runtime, pool),
    },
    EventStoreCloser,
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule {}
