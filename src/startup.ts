import type { Logger } from '@nestjs/common';
import type { AppConfig } from './config/app-config.js';
import { startEmbeddedPostgres, type EmbeddedPostgres, type SuperviseOptions } from './config/embedded-postgres.js';
import { runMigrations } from './database/data-source.js';
import { ConfigError } from './config/app-config.js';
import { databaseRoles, describeRole } from './database/service-role.js';
import { describeTarget, probeEventStoreDB } from './event-store/event-store.factory.js';
import type { Runtime } from './runtime.js';
import { resolveSecrets } from './security/secrets.js';

export interface Started {
  runtime: Runtime;
  /** Stops the embedded PostgreSQL, if this process started one. */
  stopDatabase(): Promise<void>;
  /** Restarts the embedded PostgreSQL this process started if it dies (no-op otherwise). */
  superviseDatabase(options: SuperviseOptions): void;
}

/**
 * What the service and the CLI do before Nest, in an order that starts nothing until every setting
 * is known good: the configuration (validated by loadConfig before this), the secrets, the
 * EventStoreDB when one is configured (it must answer), and only then the database (DATABASE_URL,
 * or the embedded one in DATA_DIR) and the migrations. Whatever fails after the embedded
 * PostgreSQL started stops it again.
 */
export async function prepareRuntime(config: AppConfig, logger: Pick<Logger, 'log'>): Promise<Started> {
  const secrets = await resolveSecrets(config);
  logger.log(`secrets from ${secrets.source === 'environment' ? 'the environment' : secrets.source}`);
  if (config.EVENTSTORE_CONNECTION_STRING) {
    const where = describeTarget(config.EVENTSTORE_CONNECTION_STRING);
    try {
      await probeEventStoreDB(config.EVENTSTORE_CONNECTION_STRING);
    } catch (error) {
      throw new ConfigError([`EVENTSTORE_CONNECTION_STRING: ${where} does not answer (${(error as Error).message}); start it, or fix or unset the variable`]);
    }
    logger.log(`events in ${where}; read models in PostgreSQL`);
  }
  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = config.DATABASE_URL;
  try {
    if (!databaseUrl) {
      logger.log(`no DATABASE_URL: starting the embedded PostgreSQL in ${config.DATA_DIR}`);
      embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.EMBEDDED_PG_PORT, log: (m) => logger.log(m) });
      databaseUrl = embedded.url;
    }
    const roles = await databaseRoles(
      { databaseUrl, migrationDatabaseUrl: config.MIGRATION_DATABASE_URL, embeddedDataDir: embedded?.dataDir },
      (m) => logger.log(m),
    );
    const applied = await runMigrations(roles.migrationUrl, (m) => logger.log(m), roles.migrate);
    logger.log(`database schema up to date (${applied.length} migration(s) applied now)`);
    if (!roles.migrate.serviceRole) {
      const { role, canAlterLog } = await describeRole(roles.serviceUrl);
      if (canAlterLog) logger.log(`the service's database role ${role} owns the event log: it could disable its triggers (set MIGRATION_DATABASE_URL to separate the roles)`);
    }
    return {
      runtime: { config, databaseUrl: roles.serviceUrl, secrets },
      stopDatabase: async () => embedded?.stop(),
      superviseDatabase: (options) => embedded?.supervise(options),
    };
  } catch (error) {
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
}

