/**
 * The log the auditing commands read, without the service: the configured event store
 * (EVENTSTORE_CONNECTION_STRING, else DATABASE_URL, else the embedded PostgreSQL in DATA_DIR), and
 * the PostgreSQL where issued digests are recorded. Deliberately lighter than prepareRuntime: no
 * migrations and no secrets — an auditor's copy of a database must be checked as it is, not
 * upgraded first — and PostgreSQL sessions are read-only, so a verification cannot change what it
 * checks.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../config/embedded-postgres.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { describeTarget, openEventStore } from '../event-store/event-store.factory.js';

export class UsageError extends Error {}

export interface AuditLog {
  store: EventStore;
  /** Where issued digests and their checkpoints are recorded; null when there is no such database. */
  records: pg.Client | null;
  /** Where the log is, for the report (no password). */
  describe: string;
  close(): Promise<void>;
}

async function connectReadOnly(url: string, requireLog: boolean): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: 'consultation-record-audit' });
  await client.connect();
  await client.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
  if (requireLog) {
    const { rows } = await client.query<{ ok: boolean }>(`SELECT to_regclass('events') IS NOT NULL AND to_regclass('streams') IS NOT NULL AS ok`);
    if (!rows[0].ok) {
      await client.end();
      throw new UsageError('this database holds no event log (no events and streams tables)');
    }
  }
  return client;
}

const describeUrl = (value: string) => {
  const url = new URL(value);
  return `${url.hostname}:${url.port || 5432}${url.pathname}`;
};

/** The PostgreSQL of the configuration: DATABASE_URL, or the embedded cluster in DATA_DIR when it exists (null when neither). */
async function configuredPostgres(config: AppConfig, log: (m: string) => void): Promise<{ url: string; describe: string; embedded?: EmbeddedPostgres } | null> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, describe: describeUrl(config.DATABASE_URL) };
  const dataDir = path.resolve(config.DATA_DIR);
  const clusterDir = path.join(dataDir, 'postgres');
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) return null;
  // While the service runs on this cluster the launcher shares its server and leaves it up.
  const embedded = await startEmbeddedPostgres({ dataDir, port: config.EMBEDDED_PG_PORT, log });
  return { url: embedded.url, describe: `the embedded PostgreSQL in ${clusterDir}`, embedded };
}

export async function openAuditLog(config: AppConfig, log: (m: string) => void): Promise<AuditLog> {
  const postgres = await configuredPostgres(config, log);
  const esdb = config.EVENTSTORE_CONNECTION_STRING;
  if (!postgres && !esdb) {
    throw new UsageError(`no log to check: neither EVENTSTORE_CONNECTION_STRING nor DATABASE_URL is set, and ${path.join(path.resolve(config.DATA_DIR), 'postgres')} holds no PostgreSQL cluster`);
  }
  let records: pg.Client | null = null;
  try {
    records = postgres ? await connectReadOnly(postgres.url, !esdb) : null;
    const store = await openEventStore(esdb ?? postgres!.url, { readOnly: true });
    const client = records;
    return {
      store,
      records: client,
      describe: esdb ? describeTarget(esdb) : postgres!.describe,
      close: async () => {
        await store.close();
        await client?.end();
        await postgres?.embedded?.stop();
      },
    };
  } catch (error) {
    await records?.end().catch(() => undefined);
    await postgres?.embedded?.stop().catch(() => undefined);
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
