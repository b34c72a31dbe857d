import type { Logger } from '@nestjs/common';
import type { AppConfig } from './config/app-config.js';
import { startEmbeddedPostgres, type EmbeddedPostgres, type SuperviseOptions } from './config/embedded-postgres.js';
import { runMigrations } from './database/data-source.js';
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
 * What the service and the CLI do before Nest: the database (DATABASE_URL, or the embedded one in
 * DATA_DIR), the secrets, the migrations.
 */
export async function prepareRuntime(config: AppConfig, logger: Pick<Logger, 'log'>): Promise<Started> {
  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = config.DATABASE_URL;
  try {
    if (!databaseUrl) {
      logger.log(`no DATABASE_URL: starting the embedded PostgreSQL in ${config.DATA_DIR}`);
      embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.EMBEDDED_PG_PORT, log: (m) => logger.log(m) });
      databaseUrl = embedded.url;
    }
    const secrets = await resolveSecrets(config);
    logger.log(`secrets from ${secrets.source === 'environment' ? 'the environment' : secrets.source}`);
    const applied = await runMigrations(databaseUrl, (m) => logger.log(m));
    logger.log(`database schema up to date (${applied.length} migration(s) applied now)`);
    return {
      runtime: { config, databaseUrl, secrets },
      stopDatabase: async () => embedded?.stop(),
      superviseDatabase: (options) => embedded?.supervise(options),
    };
  } catch (error) {
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
}
