import { Logger } from '@nestjs/common';
import { loadConfig } from '../../config/app-config.js';
import { prepareRuntime } from '../../startup.js';
import type { CliCommand } from '../cli-command.js';
import { loadApp } from '../load-app.js';

/** A process that only runs the projections (and reactors), e.g. beside HTTP-only instances. */
export const projectionsCommand: CliCommand = {
  name: 'projections',
  summary: 'run the projection runner (no HTTP) until SIGINT/SIGTERM',
  usage: 'npm run cli -- projections',
  options: {},
  async run() {
    const logger = new Logger('Projections');
    // This process exists to run them, whatever PROJECTIONS_ENABLED says for the HTTP instances.
    const config = loadConfig(undefined, { PROJECTIONS_ENABLED: 'true' });
    const started = await prepareRuntime(config, logger);
    const { NestFactory, AppModule } = await loadApp();
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(started.runtime), {
      logger: ['error', 'warn', 'log'],
    });
    await app.init();
    logger.log('running projections; Ctrl-C to stop');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    // A worker that cannot close (its database gone, say) must still exit.
    const deadline = setTimeout(() => {
      logger.error('could not shut down within 20 s; exiting');
      process.exit(1);
    }, 20_000);
    await app.close();
    await started.stopDatabase();
    clearTimeout(deadline);
    return 0;
  },
};
