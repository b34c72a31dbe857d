// Loaded by jest outside its module mapper, so it imports the compiled launcher (npm test builds first).
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type * as AppConfigModule from '../../src/config/app-config.js';
import type * as EmbeddedModule from '../../src/config/embedded-postgres.js';
import type * as FreePortModule from '../../src/config/free-port.js';
import type { EmbeddedPostgres } from '../../src/config/embedded-postgres.js';

// A computed specifier: resolved at run time against the compiled tree, never by the type checker.
const compiled = (file: string) => new URL(`../../dist/src/config/${file}`, import.meta.url).href;

declare global {
  var __crEmbedded: EmbeddedPostgres | undefined;
}

/**
 * One PostgreSQL for the whole run: DATABASE_URL when set (it must be allowed to create
 * databases), else an embedded cluster in a fresh temporary folder. Each test file then makes a
 * database of its own (test/support/database.ts), so files run in parallel.
 */
export default async function globalSetup(): Promise<void> {
  const { loadConfig } = (await import(compiled('app-config.js'))) as typeof AppConfigModule;
  const { startEmbeddedPostgres } = (await import(compiled('embedded-postgres.js'))) as typeof EmbeddedModule;
  const { freePort } = (await import(compiled('free-port.js'))) as typeof FreePortModule;
  const config = loadConfig();
  if (config.DATABASE_URL) {
    process.env.CR_TEST_ADMIN_URL = config.DATABASE_URL;
    return;
  }
  // /tmp is traversable by the server's user when the tests run as root.
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cr-test-pg-'));
  await chmod(dataDir, 0o755);
  const embedded = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'postgres' });
  globalThis.__crEmbedded = embedded;
  process.env.CR_TEST_ADMIN_URL = embedded.adminUrl;
  process.env.CR_TEST_DATA_DIR = dataDir;
}
