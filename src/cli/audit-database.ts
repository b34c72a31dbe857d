/**
 * The database the auditing commands read, without the service: DATABASE_URL, or the embedded
 * PostgreSQL in DATA_DIR. Deliberately lighter than prepareRuntime: no migrations and no secrets —
 * an auditor's copy of a database must be checked as it is, not upgraded first — and the session
 * is read-only, so a verification cannot change what it checks.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import { startEmbeddedPostgres } from '../config/embedded-postgres.js';

export class UsageError extends Error {}

export interface AuditDatabase {
  client: pg.Client;
  /** Where it is, for the report (no password). */
  describe: string;
  close(): Promise<void>;
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: 'consultation-record-audit' });
  await client.connect();
  await client.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
  const { rows } = await client.query<{ ok: boolean }>(`SELECT to_regclass('events') IS NOT NULL AND to_regclass('streams') IS NOT NULL AS ok`);
  if (!rows[0].ok) {
    await client.end();
    throw new UsageError('this database holds no event log (no events and streams tables)');
  }
  return client;
}

export async function openAuditDatabase(config: AppConfig, log: (m: string) => void): Promise<AuditDatabase> {
  if (config.DATABASE_URL) {
    const url = new URL(config.DATABASE_URL);
    return { client: await connect(config.DATABASE_URL), describe: `${url.hostname}:${url.port || 5432}${url.pathname}`, close: async () => undefined };
  }
  const dataDir = path.resolve(config.DATA_DIR);
  const clusterDir = path.join(dataDir, 'postgres');
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    throw new UsageError(`no database to check: DATABASE_URL is not set and ${clusterDir} holds no PostgreSQL cluster`);
  }
  // While the service runs on this cluster the launcher shares its server and leaves it up.
  const embedded = await startEmbeddedPostgres({ dataDir, port: config.EMBEDDED_PG_PORT, log });
  try {
    const client = await connect(embedded.url);
    return {
      client,
      describe: `the embedded PostgreSQL in ${clusterDir}`,
      close: async () => {
        await client.end();
        await embedded.stop();
      },
    };
  } catch (error) {
    await embedded.stop().catch(() => undefined);
    throw error;
  }
}

/** A stderr line every few seconds on long runs: how far, how fast. */
export function progressReporter(label: string, everyMs = 3000): (phase: string, events: number) => void {
  let phase = '';
  let started = Date.now();
  let last = Date.now();
  return (current, events) => {
    const now = Date.now();
    if (current !== phase) {
      phase = current;
      started = now;
      last = now;
      return;
    }
    if (now - last < everyMs) return;
    last = now;
    const rate = Math.round(events / Math.max((now - started) / 1000, 0.001));
    process.stderr.write(`${label}: ${phase} — ${events.toLocaleString('en')} events checked (${rate.toLocaleString('en')} events/s)\n`);
  };
}
