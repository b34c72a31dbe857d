import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { chainHash, GENESIS_HASH } from '../../src/event-store/hashing.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { eventStoreDBAvailable, startEventStoreDB } from '../support/eventstoredb.js';
import { appendBulk, buildOpenRecord, SECRET, tokensFor, type OpenRecord } from '../support/open-record.js';

/**
 * The service end to end with its events in EventStoreDB and its read models in PostgreSQL: the
 * commands, the projections and the survey reactor on $all, read-your-writes, the history and the
 * past (asOf), the digest and verify (HTTP and CLI), the exports, rebuild --compare, and the record
 * moved to PostgreSQL and back with copy-log, every digest equal. Runs where a server is; elsewhere
 * the global setup says in one line that it did not run.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'dist/src/cli/main.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

(eventStoreDBAvailable() ? describe : describe.skip)('the service on EventStoreDB', () => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof tokensFor>>;
  let record: OpenRecord;
  let store: EventStore;
  const dropLater: TestDatabase[] = [];

  function cli(args: string[], env: Record<string, string>): Promise<Run> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [CLI, ...args],
        {
          cwd: ROOT,
          // DATA_DIR where nothing is: no embedded PostgreSQL is started behind a command's back.
          env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'error', DATA_DIR: path.join(tmpdir(), `cr-none-${randomUUID()}`), AUTH_JWT_SECRET: t.config.AUTH_JWT_SECRET!, MASTER_KEY: t.config.MASTER_KEY!, ...env },
          timeout: 300_000,
        },
        (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr }),
      );
    });
  }
  const onEventStoreDB = () => ({ EVENTSTORE_CONNECTION_STRING: t.eventStore!, DATABASE_URL: t.db.url });

  beforeAll(async () => {
    t = await startTestApp({ eventStore: 'eventstoredb' });
    tokens = await tokensFor(t);
    record = await buildOpenRecord(t, tokens);
    await appendBulk(t, record.cycleId, 3, 400);
    store = t.app.get<EventStore>(EVENT_STORE);
  }, 300_000);

  afterAll(async () => {
    await t?.close();
    for (const db of dropLater) await db.drop();
  });

  it('keeps its events in EventStoreDB, with EventStoreDB positions', async () => {
    expect(store.description).toBe('EventStoreDB');
    expect(record.position).toMatch(/^C:\d+\/P:\d+$/);
    expect(await store.head()).toMatch(/^C:\d+\/P:\d+$/);
  });

  it('projections and the survey reactor follow $all: read-your-writes with consistentWith, the past with asOf', async () => {
    const id = record.contributions.cso;
    const now = await t.http.get(`/v1/contributions/${id}/accountability?consistentWith=${encodeURIComponent(record.position)}`).set(bearer(tokens.poc));
    expect(now.status).toBe(200);
    expect(now.body).toMatchObject({ contributionId: id, addressed: true, decision: 'partially_accepted', status: 'published' });

    const history = await t.http.get(`/v1/contributions/${id}/history`).set(bearer(tokens.auditor));
    expect(history.status).toBe(200);
    const received = (history.body.events as Array<{ type: string; position: string }>).find((e) => e.type === 'ContributionReceived')!;
    expect(received.position).toMatch(/^C:\d+\/P:\d+$/);

    const before = await t.http.get(`/v1/contributions/${id}/accountability?asOf=${encodeURIComponent(received.position)}`).set(bearer(tokens.poc));
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ addressed: false, decision: null });

    // The survey's free-text answers became contributions (the reactor, on EventStoreDB's subscription).
    const summary = await t.http.get(`/v1/consultations/${record.surveyId}/summary?consistentWith=${encodeURIComponent(record.position)}`).set(bearer(tokens.poc));
    expect(summary.status).toBe(200);
    expect(summary.body.received).toBeGreaterThanOrEqual(2);
  });

  it('digest and verify over HTTP: the documented hash of the stored bytes in $all order, recomputable from the download', async () => {
    const digest = await t.http.get('/v1/audit/digest').set(bearer(tokens.auditor));
    expect(digest.status).toBe(200);
    expect(digest.body.position).toBe(await store.head());
    const download = await t.http.get('/v1/audit/events').set(bearer(tokens.auditor)).buffer(true).parse((r, done) => {
      let text = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (text += c));
      r.on('end', () => done(null, text));
    });
    const lines = (download.body as string).split('\n').filter(Boolean).map((l) => JSON.parse(l));
    let h = GENESIS_HASH;
    for (const line of lines) h = chainHash(h, { ...line, data: JSON.stringify(line.data), metadata: JSON.stringify(line.metadata) });
    expect(lines.length).toBe(digest.body.eventCount);
    expect(h.toString('hex')).toBe(digest.body.sha256);

    const verified = await t.http.post('/v1/audit/verify').set(bearer(tokens.auditor)).send({ position: digest.body.position, sha256: digest.body.sha256 });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ valid: true, chainsIntact: true, checkedEvents: digest.body.eventCount, brokenStreams: [] });
    const bad = await t.http.post('/v1/audit/verify').set(bearer(tokens.auditor)).send({ position: '12:34', sha256: digest.body.sha256 });
    expect(bad.status).toBe(400);
  });

  it('the public export reads the log through the port: published contributions only, no personal data', async () => {
    const res = await t.http.get('/v1/exports/events.ndjson').buffer(true).parse((r, done) => {
      let text = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (text += c));
      r.on('end', () => done(null, text));
    });
    expect(res.status).toBe(200);
    const lines = (res.body as string).split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const streams = new Set(lines.map((l) => l.streamId));
    expect(streams.has(`contribution-${record.contributions.cso}`)).toBe(true);
    expect(streams.has(`contribution-${record.contributions.unpublished}`)).toBe(false);
    for (const secret of Object.values(SECRET)) expect(res.body).not.toContain(secret);
  });

  it('CLI on EventStoreDB: digest equals the HTTP one, verify exits 0, rebuild --compare finds every view equal', async () => {
    const digest = (await t.http.get('/v1/audit/digest').set(bearer(tokens.auditor))).body;
    const printed = await cli(['digest', '--json', '--position', digest.position], onEventStoreDB());
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.stdout)).toMatchObject({ eventCount: digest.eventCount, sha256: digest.sha256 });
    const verified = await cli(['verify', '--position', digest.position, '--sha256', digest.sha256], onEventStoreDB());
    expect(verified.stdout).toContain('VERDICT: VALID');
    expect(verified.code).toBe(0);
    const rebuilt = await cli(['rebuild', '--compare'], onEventStoreDB());
    expect(rebuilt.stdout).toMatch(/all \d+ projections equal their rebuild from the log/);
    expect(rebuilt.code).toBe(0);
  }, 300_000);

  it('copy-log moves the record to PostgreSQL and back to an empty EventStoreDB: every digest equal', async () => {
    const digest = (await t.http.get('/v1/audit/digest').set(bearer(tokens.auditor))).body;
    const postgres = await createTestDatabase({ migrate: false });
    dropLater.push(postgres);
    const out = await cli(['copy-log', '--to', postgres.url], onEventStoreDB());
    expect(out.stdout).toContain('DIGESTS EQUAL');
    expect(out.code).toBe(0);
    const there = await cli(['digest', '--json'], { DATABASE_URL: postgres.url });
    expect(JSON.parse(there.stdout)).toMatchObject({ eventCount: digest.eventCount, sha256: digest.sha256 });

    // And back into an EventStoreDB of its own (a shared server is not empty: the copy would be refused).
    if (process.env.EVENTSTORE_CONNECTION_STRING) return;
    const fresh = await startEventStoreDB();
    try {
      const back = await cli(['copy-log', '--to', fresh.connectionString], { DATABASE_URL: postgres.url });
      expect(back.stdout).toContain('DIGESTS EQUAL');
      expect(back.code).toBe(0);
      const again = await cli(['digest', '--json'], { EVENTSTORE_CONNECTION_STRING: fresh.connectionString });
      expect(JSON.parse(again.stdout)).toMatchObject({ eventCount: digest.eventCount, sha256: digest.sha256 });
    } finally {
      await fresh.stop();
    }
  }, 600_000);
});
