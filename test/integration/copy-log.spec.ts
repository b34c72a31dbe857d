import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { runMigrations } from '../../src/database/data-source.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { adminUrl, createTestDatabase, type TestDatabase } from '../support/database.js';
import { appendBulk, buildOpenRecord, settled, tokensFor } from '../support/open-record.js';

/**
 * `npm run cli -- copy-log --to <postgres URL>`: a record moved from one PostgreSQL to another
 * through the event store port (the code path an EventStoreDB target takes too). The compiled CLI
 * is spawned as an operator would run it, with DATABASE_URL naming the source.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'dist/src/cli/main.js');

let t: TestApp;
let published: { position: string; eventCount: number; sha256: string };
const targets: TestDatabase[] = [];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], databaseUrl = t.db.url): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl, EVENTSTORE_CONNECTION_STRING: '', LOG_LEVEL: 'error' }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}

/** A fresh, empty database to copy into (copy-log migrates it). */
async function emptyTarget(): Promise<TestDatabase> {
  const db = await createTestDatabase({ migrate: false });
  targets.push(db);
  return db;
}

/** The log as stored, in log order: everything a copy must preserve. */
async function storedLog(url: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT event_id::text, stream_id, revision, type, schema_version, data::text AS data, metadata::text AS metadata,
              recorded_at, encode(chain_hash, 'hex') AS chain_hash
         FROM events ORDER BY transaction_id, global_position`,
    );
    return rows;
  } finally {
    await client.end();
  }
}

async function heads(url: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(`SELECT stream_id, revision, encode(last_hash, 'hex') AS h FROM streams ORDER BY stream_id`)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  t = await startTestApp({ projections: false });
  const tokens = await tokensFor(t);
  const record = await buildOpenRecord(t, tokens);
  await appendBulk(t, record.cycleId, 12, 100);
  await settled(t);
  const res = await t.http.get('/v1/audit/digest').set(bearer(tokens.auditor));
  expect(res.status).toBe(200);
  published = res.body;
}, 180_000);

afterAll(async () => {
  await t?.close();
  for (const db of targets) await db.drop();
});

describe('npm run cli -- copy-log --to <postgres URL>', () => {
  it('copies the whole log to an empty database byte for byte, with progress lines, and both digests equal', async () => {
    const target = await emptyTarget();
    const before = await storedLog(t.db.url);
    const run = await cli(['copy-log', '--to', target.url]);
    expect(run.stderr).toContain('the target is empty');
    expect(run.stderr).toMatch(/copied [\d,]+ of [\d,]+ events \(100%/);
    expect(run.stdout).toContain(`source  ${published.eventCount} events`);
    expect(run.stdout).toContain(`sha256 ${published.sha256}`);
    expect(run.stdout).toContain('DIGESTS EQUAL');
    expect(run.code).toBe(0);

    // Ids, streams, revisions, order, data and metadata (recordedAt included) as stored, and every chain hash.
    expect(await storedLog(target.url)).toEqual(before);
    expect(await heads(target.url)).toEqual(await heads(t.db.url));
    // The source is only read.
    expect(await storedLog(t.db.url)).toEqual(before);

    // An auditor checks the copy on its own: the published digest holds there, every chain holds.
    const digest = await cli(['digest', '--json'], target.url);
    expect(JSON.parse(digest.stdout)).toMatchObject({ eventCount: published.eventCount, sha256: published.sha256 });
    expect((await cli(['verify'], target.url)).code).toBe(0);

    // Run again: nothing left to copy, nothing written twice.
    const again = await cli(['copy-log', '--to', target.url]);
    expect(again.stderr).toContain(`the target holds the first ${published.eventCount.toLocaleString('en')} events of the source`);
    expect(again.code).toBe(0);
    expect(await storedLog(target.url)).toEqual(before);
  }, 180_000);

  it('resumes after a copy killed part-way, from where the target ends', async () => {
    const target = await emptyTarget();
    // One event per transaction, killed (SIGKILL) as soon as it reports its first write.
    const child = spawn(process.execPath, [CLI, 'copy-log', '--to', target.url, '--batch-size', '1'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: t.db.url, EVENTSTORE_CONNECTION_STRING: '', LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve) => {
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => {
        err += chunk.toString();
        if (/copied \d/.test(err)) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((resolve) => child.once('exit', resolve));
    const partial = (await storedLog(target.url)).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(published.eventCount);

    const run = await cli(['copy-log', '--to', target.url]);
    expect(run.stderr).toMatch(/the target holds the first [\d,]+ events of the source, identical byte for byte: resuming after them/);
    expect(run.stdout).toContain('DIGESTS EQUAL');
    expect(run.code).toBe(0);
    expect(await storedLog(target.url)).toEqual(await storedLog(t.db.url));
  }, 180_000);

  it('refuses a target that holds another log, and writes nothing to it', async () => {
    const target = await emptyTarget();
    await runMigrations(target.url);
    const other = new PostgresEventStore(target.url);
    await other.append(
      'cycle-00000000-0000-4000-8000-000000000001',
      [
        {
          eventId: '00000000-0000-4000-8000-0000000000aa',
          type: 'CycleOpened',
          data: { country: 'Elsewhere' },
          metadata: { actor: { id: 'x', role: 'poc' }, correlationId: 'c', causationId: null, occurredAt: '2021-01-01T00:00:00.000Z', schemaVersion: 1 },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    await other.close();
    const before = await storedLog(target.url);

    const run = await cli(['copy-log', '--to', target.url]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('REFUSED');
    expect(run.stderr).toContain('is not event #1 of the source');
    expect(await storedLog(target.url)).toEqual(before);
  }, 60_000);

  it('to a target whose service runs as another role: refused as that role (nothing written), done as the owner', async () => {
    const target = await emptyTarget();
    const role = `cr_copy_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    const owner = new pg.Client({ connectionString: target.url });
    await owner.connect();
    try {
      await owner.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
      await runMigrations(target.url, () => undefined, { serviceRole: { name: role } });
      const asService = new URL(target.url);
      asService.username = role;
      asService.password = password;

      const refused = await cli(['copy-log', '--to', asService.toString()]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`must log in as the role that owns the target's schema`);
      expect(await storedLog(target.url)).toEqual([]);

      const run = await cli(['copy-log', '--to', target.url]);
      expect(run.stdout).toContain('DIGESTS EQUAL');
      expect(run.code).toBe(0);
      // The service role reads the copy (and could append to it through cr_append only).
      expect(await storedLog(asService.toString())).toEqual(await storedLog(t.db.url));
    } finally {
      await owner.end();
      await target.drop();
      targets.splice(targets.indexOf(target), 1);
      const admin = new pg.Client({ connectionString: adminUrl() });
      await admin.connect();
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    }
  }, 180_000);

  it('refuses a bad --to with a usage error (exit 2)', async () => {
    const run = await cli(['copy-log', '--to', 'mysql://nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--to must be a postgres:// URL or an esdb:// connection string');
  });
});
