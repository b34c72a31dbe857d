import { DataSource } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import { ENTITIES, MIGRATIONS } from './registry.js';
import { ensureLoginRole, grantServiceRole } from './service-role.js';
import { KEEP_OPENED_CONNECTIONS } from './pool-settings.js';

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
  /** Fixes the session's search_path (no "$user" schema another role could have created). */
  searchPath?: string;
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
    extra: {
      max: options.poolSize ?? 10,
      ...KEEP_OPENED_CONNECTIONS,
      application_name: options.applicationName ?? 'consultation-record',
      ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
    },
  };
}

export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource(dataSourceOptions(options));
}

// Any constant will do; it only has to be the same for every process that migrates this database.
const MIGRATION_LOCK = 727_001;

export interface MigrateOptions {
  /** A role to grant the service's rights to after migrating (the URL's role owns the schema). */
  serviceRole?: { name: string; /** Creates the role, or sets its password (the embedded default). */ password?: string };
}

export class MigrationPrivilegeError extends Error {}

/**
 * Runs pending migrations, one transaction each, under an advisory lock so that two processes
 * starting together do not race, then grants the service role its rights. Returns the names of
 * the migrations it applied.
 */
export async function runMigrations(url: string, log: (m: string) => void = () => undefined, options: MigrateOptions = {}): Promise<string[]> {
  // The schema is public (the rebuild swap names it); a fixed search_path keeps a schema named
  // after this role, which the service role could create, from shadowing the real tables.
  const dataSource = createDataSource({ url, poolSize: 2, applicationName: 'consultation-record-migrate', searchPath: 'public' });
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    let applied;
    try {
      applied = await dataSource.runMigrations({ transaction: 'each' });
    } catch (error) {
      if ((error as { code?: string }).code === '42501' && !options.serviceRole) {
        throw new MigrationPrivilegeError(
          `the database role of DATABASE_URL may not change the schema (${(error as Error).message}): ` +
            'set MIGRATION_DATABASE_URL to a role that owns it, and the service runs as the other one',
        );
      }
      throw error;
    }
    for (const m of applied) log(`migration applied: ${m.name}`);
    if (options.serviceRole) {
      const { name, password } = options.serviceRole;
      if (password !== undefined) await ensureLoginRole(lock, name, password);
      const report = await grantServiceRole(lock, name);
      for (const schema of report.adoptedSchemas) log(`scratch schema ${schema} handed to the service role ${name}`);
    }
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}
