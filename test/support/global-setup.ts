// Loaded by jest outside its module mapper, so it imports the compiled launcher (npm test builds first).
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type * as AppConfigModule from '../../src/config/app-config.js';
import type * as EmbeddedModule from '../../src/config/embedded-postgres.js';
import type * as FreePortModule from '../../src/config/free-port.js';
import type { EmbeddedPostgres } from '../../src/config/embedded-postgres.js';
import type * as EventStoreDBModule from './eventstoredb.js';

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
  await decideEventStoreDB();
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

/**
 * Whether the EventStoreDB specs run: with EVENTSTORE_CONNECTION_STRING, or under
 * `npm run test:eventstoredb` with a Docker daemon (which that command requires). Otherwise they
 * are skipped, and this one line says what did not run.
 */
async function decideEventStoreDB(): Promise<void> {
  const { dockerReachable, NOT_RUN_LINE } = (await import(new URL('../../dist/test/support/eventstoredb.js', import.meta.url).href)) as typeof EventStoreDBModule;
  const wanted = process.env.CR_TEST_EVENT_STORE === 'eventstoredb';
  const available = Boolean(process.env.EVENTSTORE_CONNECTION_STRING) || (wanted && (await dockerReachable()));
  process.env.CR_TEST_ESDB = available ? '1' : '0';
  if (available) return;
  if (wanted) throw new Error(`npm run test:eventstoredb: neither EVENTSTORE_CONNECTION_STRING nor a Docker daemon is available, so nothing can run on EventStoreDB`);
  process.stdout.write(`\n${NOT_RUN_LINE}\n`);
}
