import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createLogger } from './http/logging.js';
import { createApp, bootstrapLogger as logger } from './bootstrap.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { prepareRuntime, type Started } from './startup.js';

async function main(): Promise<void> {
  const config = loadConfig();
  // From the first line on, in the configured format and level (the app keeps the same logger).
  Logger.overrideLogger(createLogger(config));
  let started: Started | undefined;
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  let closing = false;

  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal}: shutting down`);
    // The service drains and closes its connections before the database stops.
    await app?.close().catch((error) => logger.error(`closing the service: ${String(error)}`));
    await started?.stopDatabase().catch((error) => logger.error(String(error)));
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    started = await prepareRuntime(config, logger);
    app = await createApp(started.runtime);
    await app.listen(config.PORT);
    started.superviseDatabase({
      log: (m) => logger.warn(m),
      onGiveUp: (error) => {
        // Better no service than one answering 503 forever: a supervisor (systemd, Docker) restarts it.
        logger.error(`${error.message}; exiting`);
        process.exit(1);
      },
    });
    logger.log(`Consultation Record listening on http://localhost:${config.PORT} (API docs at /docs)`);
  } catch (error) {
    if (error instanceof ConfigError) logger.error(error.message);
    else logger.error(`start-up failed: ${(error as Error).stack ?? String(error)}`);
    await app?.close().catch(() => undefined);
    await started?.stopDatabase().catch(() => undefined);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  // loadConfig throws before anything started.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
