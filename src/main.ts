import 'reflect-metadata';
import { createApp, bootstrapLogger as logger } from './bootstrap.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './config/embedded-postgres.js';
import { runMigrations } from './database/data-source.js';
import { resolveSecrets } from './security/secrets.js';

async function main(): Promise<void> {
  const config = loadConfig();
  let embedded: EmbeddedPostgres | undefined;
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  let closing = false;

  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal}: shutting down`);
    // The service drains and closes its connections before the database stops.
    await app?.close().catch((error) => logger.error(`closing the service: ${String(error)}`));
    await embedded?.stop().catch((error) => logger.error(String(error)));
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    let databaseUrl = config.DATABASE_URL;
    if (!databaseUrl) {
      logger.log(`no DATABASE_URL: starting the embedded PostgreSQL in ${config.DATA_DIR}`);
      embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.EMBEDDED_PG_PORT, log: (m) => logger.log(m) });
      databaseUrl = embedded.url;
    }
    const secrets = await resolveSecrets(config);
    logger.log(`secrets from ${secrets.source === 'environment' ? 'the environment' : secrets.source}`);
    const applied = await runMigrations(databaseUrl, (m) => logger.log(m));
    logger.log(`database schema up to date (${applied.length} migration(s) applied now)`);
    app = await createApp({ config, databaseUrl, secrets });
    await app.listen(config.PORT);
    logger.log(`Consultation Record listening on http://localhost:${config.PORT} (API docs at /docs)`);
  } catch (error) {
    if (error instanceof ConfigError) logger.error(error.message);
    else logger.error(`start-up failed: ${(error as Error).stack ?? String(error)}`);
    await app?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  // loadConfig throws before anything started.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
