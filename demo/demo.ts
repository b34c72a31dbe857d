import { ArgumentError, parseCommandLine } from '../src/cli/args.js';
import { ConfigError, loadConfig } from '../src/config/app-config.js';
import { resolveSecrets } from '../src/security/secrets.js';
import { DemoError, formatSummary, runDemo } from './albania-2020.js';
import { fetchClient } from './client.js';

const USAGE = `Replays Albania's 2020–2022 OGP action plan process through the API of a running service.
Re-runnable: a second run replays the same answers and appends nothing.

  npm run demo [-- --base-url http://localhost:3000] [--concurrency 12] [--prefix demo-2020]

  BASE_URL     the service (default http://localhost:3000; --base-url wins)
  DATA_DIR, AUTH_JWT_SECRET
               as for the service: tokens are signed with the secret it uses`;

async function main(): Promise<number> {
  const { options } = parseCommandLine(process.argv.slice(2), { 'base-url': { type: 'string' }, concurrency: { type: 'string' }, prefix: { type: 'string' } });
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  // BASE_URL is the client's setting, not the service's: it has no place in AppConfig.
  const baseUrl = typeof options['base-url'] === 'string' ? options['base-url'] : (process.env.BASE_URL ?? 'http://localhost:3000');
  if (!/^https?:\/\/[^/]+/.test(baseUrl)) throw new ConfigError([`--base-url / BASE_URL must be an http(s) URL, got "${baseUrl}"`]);
  const concurrency = typeof options.concurrency === 'string' ? Number(options.concurrency) : 12;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new ConfigError(['--concurrency must be an integer from 1 to 64']);
  const keyPrefix = typeof options.prefix === 'string' ? options.prefix : undefined;

  const secrets = await resolveSecrets(loadConfig());
  console.log(`demo: replaying Albania NAP 2020–2022 against ${baseUrl}`);
  const result = await runDemo(fetchClient(baseUrl), {
    jwtSecret: secrets.authJwtSecret,
    concurrency,
    keyPrefix,
    log: (line) => console.log(`demo: ${line}`),
  });
  console.log(formatSummary(result));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof DemoError) {
      console.error(error.message);
      if (error.status === 401) console.error('(401: does the demo sign with the service\'s secret? Use the same DATA_DIR or AUTH_JWT_SECRET.)');
      process.exit(1);
    }
    if (error instanceof ArgumentError) console.error(`demo: ${error.message}\n\n${USAGE}`);
    else console.error(error instanceof ConfigError ? error.message : error);
    process.exit(error instanceof ConfigError || error instanceof ArgumentError ? 2 : 1);
  },
);
