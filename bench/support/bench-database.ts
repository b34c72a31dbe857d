import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../../src/config/app-config.js';
import { startEmbeddedPostgres } from '../../src/config/embedded-postgres.js';
import { freePort } from '../../src/config/free-port.js';

export interface BenchDatabase {
  url: string;
  /** The embedded cluster's folder (its server processes can be found by it); none with DATABASE_URL. */
  dataDir?: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * DATABASE_URL when set, else a fresh embedded PostgreSQL in a temporary folder (fsync and
 * synchronous_commit on, as in production), removed by stop().
 */
export async function benchDatabase(name: string, log?: (message: string) => void): Promise<BenchDatabase> {
  const url = loadConfig().DATABASE_URL;
  if (url) return { url, embedded: false, stop: async () => undefined };
  const dataDir = await mkdtemp(path.join(tmpdir(), `cr-bench-${name}-`));
  await chmod(dataDir, 0o755); // the server runs as "postgres" when we run as root
  const embedded = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: name.replace(/-/g, '_'), log });
  return {
    url: embedded.url,
    dataDir,
    embedded: true,
    async stop() {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
