import { DataSource } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import { ENTITIES, MIGRATIONS } from './registry.js';

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

/**
 * The read-model / migration connection settings, shared by the service's TypeORM module, the
 * migrations and the tests. `synchronize` is off everywhere: schema comes from migrations.
 */
export function dataSourceOptions(options: DataSourceOptions): PostgresDataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: options.poolSize ?? 10, application_name: options.applicationName ?? 'consultation-record' },
  };
}

export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource(dataSourceOptions(options));
}

// Any constant will do; it only has to be the same for every process that migrates this database.
const MIGRATION_LOCK = 727_001;

/**
 * Runs pending migrations, one transaction each, under an advisory lock so that two processes
 * starting together do not race. Returns the names of the migrations it applied.
 */
export async function runMigrations(url: string, log: (m: string) => void = () => undefined): Promise<string[]> {
  const dataSource = createDataSource({ url, poolSize: 2, applicationName: 'consultation-record-migrate' });
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const m of applied) log(`migration applied: ${m.name}`);
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}
