import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import pg from 'pg';
import { RUNTIME, type Runtime } from '../runtime.js';
import { dataSourceOptions } from './data-source.js';
import { DATABASE_POOL } from './tokens.js';
import { KEEP_OPENED_CONNECTIONS } from './pool-settings.js';

class PoolCloser implements OnApplicationShutdown {
  constructor(@Inject(DATABASE_POOL) private readonly pool: pg.Pool) {}
  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

/** One pg pool for the event store, the vault and idempotency; TypeORM for the read models. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot(
          dataSourceOptions({ url: runtime.databaseUrl, poolSize: runtime.config.DATABASE_POOL_SIZE, applicationName: 'consultation-record-read' }),
        ),
      ],
      providers: [
        { provide: RUNTIME, useValue: runtime },
        {
          provide: DATABASE_POOL,
          useFactory: () => {
            const pool = new pg.Pool({
              connectionString: runtime.databaseUrl,
              max: runtime.config.DATABASE_POOL_SIZE,
              ...KEEP_OPENED_CONNECTIONS,
              connectionTimeoutMillis: 5000,
              application_name: 'consultation-record',
            });
            // An idle client that loses its server must not crash the process; the next query reconnects.
            pool.on('error', () => undefined);
            // Nor may a checked-out one between two queries (its server gone, say): pg would throw the
            // error event at the process. The client is marked broken and the pool discards it on release.
            pool.on('connect', (client) => client.on('error', () => undefined));
            return pool;
          },
        },
        PoolCloser,
      ],
      exports: [RUNTIME, DATABASE_POOL, TypeOrmModule],
    };
  }
}
