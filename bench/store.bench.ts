/**
 * Event store benchmark: `npm run bench:store`. Starts its own embedded PostgreSQL in a temporary
 * folder (or uses DATABASE_URL), with fsync and synchronous_commit on, and measures the PostgreSQL
 * adapter next to bare INSERTs into a minimal table on the same server: each store phase runs right
 * after its baseline, so both see the same machine. Prints the figures and writes them to
 * bench/results/store-<timestamp>.json.
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import * as path from 'node:path';
import pg from 'pg';
import { runMigrations } from '../src/database/data-source.js';
import type { NewEvent, RecordedEvent } from '../src/event-store/event-store.port.js';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store.js';
import { APPEND_SQL, appendArguments } from '../src/event-store/postgres/sql.js';
import { benchDatabase } from './support/bench-database.js';
import { percentile, writeResults } from './support/results.js';

const WRITERS = 16;
const SINGLE_APPENDS = 20_000;
const BATCH_EVENTS = 200_000;
const BATCH_SIZE = 100;
const STREAM_LENGTH = 10;
const READ_SAMPLES = 10_000;
const READ_ALL_PAGE = 1_000;
const FOLLOW_APPENDS = 16_000;
const POOL_SIZE = WRITERS + 8;

const TARGETS = {
  singleWriterEventsPerSecond: 1_500,
  concurrentWritersEventsPerSecond: 5_000,
  batchedEventsPerSecond: 25_000,
  readStreamP50Ms: 0.4,
  readAllEventsPerSecond: 100_000,
  missedOrRepeated: 0,
};

const BODY =
  'The action plan should commit to publishing budget execution data monthly, in open formats, ' +
  'with a named contact in the ministry and a public log of requests that were refused and why.';

// One actor and request for the whole run: only what must be unique is generated per event, so
// the figures measure the store rather than the random number generator.
const ACTOR = { id: randomUUID(), role: 'lfp' as const, institution: 'Ministry of Finance' };
const CONSULTATION = randomUUID();
const REQUEST = randomUUID();

function newEvent(i: number): NewEvent {
  const eventId = randomUUID();
  return {
    eventId,
    type: i % 3 === 0 ? 'ContributionReceived' : i % 3 === 1 ? 'ContributionResponded' : 'ResponseReviewed',
    data: { contributionId: eventId, consultationId: CONSULTATION, channel: 'survey', body: BODY, n: i },
    metadata: {
      actor: ACTOR,
      correlationId: REQUEST,
      causationId: null,
      occurredAt: '2021-03-04T10:00:00.000Z',
      schemaVersion: 1,
      requestId: REQUEST,
    },
  };
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');

/**
 * CPU time used by the whole PostgreSQL server (postmaster, its live children, and the children
 * that already exited), in µs, read from /proc. Only for the embedded server; null elsewhere.
 */
async function serverCpu(dataDir: string | undefined): Promise<number | null> {
  if (!dataDir) return null;
  try {
    const postmaster = Number((await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    const ticks = (fields: string[], from: number, to: number) => fields.slice(from, to + 1).reduce((sum, f) => sum + Number(f), 0);
    let total = 0;
    for (const entry of await readdir('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // After the name: state, ppid, …, utime (11), stime (12), cutime (13), cstime (14).
      if (Number(entry) === postmaster) total += ticks(fields, 11, 14);
      else if (Number(fields[1]) === postmaster) total += ticks(fields, 11, 12);
    }
    return total * 10_000; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

interface PhaseResult {
  eventsPerSecond: number;
  /** CPU of this Node process (client, pg driver, kernel TCP send path) per event, µs. */
  clientCpuUs: number;
  /** CPU of the PostgreSQL server per event, µs (embedded server only). */
  serverCpuUs: number | null;
}

/**
 * Runs `total` units of work on `writers` concurrent loops, printing progress every 2 s. A unit is
 * `unit` events, unless the work answers how many it handled.
 */
async function phase(
  label: string,
  dataDir: string | undefined,
  total: number,
  writers: number,
  unit: number,
  work: (i: number, writer: number) => Promise<number | void>,
): Promise<PhaseResult> {
  let next = 0;
  let done = 0;
  const started = performance.now();
  const clientStart = process.cpuUsage();
  const serverStart = await serverCpu(dataDir);
  const timer = setInterval(() => {
    const seconds = (performance.now() - started) / 1000;
    log(`  … ${label}: ${fmt(done)} events (${fmt(done / seconds)}/s)`);
  }, 2_000);
  try {
    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        for (let i = next++; i < total; i = next++) {
          const handled = await work(i, writer);
          done += handled ?? unit;
        }
      }),
    );
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - started) / 1000;
  const events = done;
  const client = process.cpuUsage(clientStart);
  const serverEnd = await serverCpu(dataDir);
  const result: PhaseResult = {
    eventsPerSecond: Math.round(events / seconds),
    clientCpuUs: Math.round((client.user + client.system) / events),
    serverCpuUs: serverStart === null || serverEnd === null ? null : Math.round((serverEnd - serverStart) / events),
  };
  const cpu = `client CPU ${result.clientCpuUs} µs/event` + (result.serverCpuUs === null ? '' : `, server CPU ${result.serverCpuUs} µs/event`);
  log(`${label}: ${fmt(result.eventsPerSecond)} events/s (${cpu})`);
  return result;
}

async function serverSettings(pool: pg.Pool): Promise<Record<string, string>> {
  const names = ['fsync', 'synchronous_commit', 'shared_buffers', 'wal_sync_method', 'full_page_writes', 'max_connections', 'wal_buffers'];
  const { rows } = await pool.query<{ name: string; setting: string }>(
    `SELECT 'version' AS name, version() AS setting
      UNION ALL SELECT name, current_setting(name) FROM unnest($1::text[]) AS name`,
    [names],
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
}

/** Appends and bare INSERTs, phase by phase: single-event with 1 and 16 writers, then batches of 100. */
async function writes(store: PostgresEventStore, pool: pg.Pool, dataDir: string | undefined) {
  await pool.query('DROP TABLE IF EXISTS bench_bare');
  await pool.query('CREATE TABLE bench_bare (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload json NOT NULL)');
  const payload = (i: number) => JSON.stringify(newEvent(i));
  const insert = async (i: number) => {
    await pool.query({ name: 'bare_insert', text: 'INSERT INTO bench_bare (payload) VALUES ($1)', values: [payload(i)] });
  };
  // Command-handler appends: each writer fills streams of 10 events, named like the service's
  // (<category>-<uuid>), with exact expected revisions.
  const appends = (writers: number, streams: string[] = []) => {
    const counts = new Array<number>(writers).fill(0);
    const current = new Array<string>(writers).fill('');
    return async (i: number, writer: number) => {
      const revision = counts[writer]++ % STREAM_LENGTH;
      if (revision === 0) streams.push((current[writer] = `contribution-${randomUUID()}`));
      await store.append(current[writer], [newEvent(i)], { expectedRevision: revision === 0 ? 'no_stream' : revision - 1 });
    };
  };
  const result = {
    baseline: {} as Record<string, PhaseResult>,
    store: {} as Record<string, PhaseResult>,
    singleWriterStreams: [] as string[],
  };
  result.baseline.singleWriter = await phase('bare INSERT, 1 writer', dataDir, SINGLE_APPENDS, 1, 1, insert);
  result.store.singleWriter = await phase(
    'store: single-event appends, 1 writer',
    dataDir,
    SINGLE_APPENDS,
    1,
    1,
    appends(1, result.singleWriterStreams),
  );
  result.baseline.concurrentWriters = await phase(`bare INSERT, ${WRITERS} writers`, dataDir, SINGLE_APPENDS, WRITERS, 1, insert);
  result.store.concurrentWriters = await phase(
    `store: single-event appends, ${WRITERS} writers`,
    dataDir,
    SINGLE_APPENDS,
    WRITERS,
    1,
    appends(WRITERS),
  );
  result.baseline.batched = await phase(`bare INSERT, batches of ${BATCH_SIZE}`, dataDir, BATCH_EVENTS / BATCH_SIZE, 1, BATCH_SIZE, async (i) => {
    const rows = Array.from({ length: BATCH_SIZE }, (_, k) => payload(i * BATCH_SIZE + k));
    await pool.query({ name: 'bare_batch', text: 'INSERT INTO bench_bare (payload) SELECT * FROM unnest($1::json[])', values: [rows] });
  });
  result.store.batched = await phase(`store: batches of ${BATCH_SIZE}, 1 writer`, dataDir, BATCH_EVENTS / BATCH_SIZE, 1, BATCH_SIZE, async (i) => {
    const batch = Array.from({ length: BATCH_SIZE }, (_, k) => newEvent(i * BATCH_SIZE + k));
    await store.append(`report-${randomUUID()}`, batch, { expectedRevision: 'no_stream' });
  });
  await pool.query('DROP TABLE bench_bare');
  return result;
}

async function readStreamLatency(store: PostgresEventStore, streams: string[]): Promise<{ p50: number; p99: number; samples: number }> {
  const samples: number[] = [];
  for (let i = 0; i < 500; i++) await store.readStream(streams[i % streams.length]); // warm the statement and the cache
  for (let i = 0; i < READ_SAMPLES; i++) {
    const stream = streams[(i * 7919) % streams.length];
    const started = performance.now();
    const events = await store.readStream(stream);
    samples.push(performance.now() - started);
    if (events.length !== STREAM_LENGTH) throw new Error(`${stream} has ${events.length} events`);
  }
  samples.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  const result = { p50: round(percentile(samples, 50)), p99: round(percentile(samples, 99)), samples: READ_SAMPLES };
  log(`readStream (10 events): p50 ${result.p50} ms, p99 ${result.p99} ms over ${fmt(READ_SAMPLES)} reads`);
  return result;
}

async function readAllThroughput(store: PostgresEventStore, pool: pg.Pool, dataDir: string | undefined) {
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
  let after: string | null = null;
  // One page after another, the way a projection catches up.
  const pages = Math.ceil(rows[0].n / READ_ALL_PAGE);
  return phase(`readAll, ${fmt(rows[0].n)} events in pages of ${READ_ALL_PAGE}`, dataDir, pages, 1, READ_ALL_PAGE, async () => {
    const page: RecordedEvent[] = await store.readAll({ after, limit: READ_ALL_PAGE });
    after = page[page.length - 1].position;
    return page.length;
  });
}

/**
 * Concurrent appends of mixed batch sizes (some writers sharing streams, two holding their
 * transaction open a few ms before committing, so commits land out of order) while a subscriber
 * and a paging readAll follow the log. Every appended event must reach both exactly once, in the
 * same order, and that order must be the final readAll order.
 */
async function followWhileAppending(store: PostgresEventStore, url: string, dataDir: string | undefined) {
  const start = await store.head();
  const appended = new Set<string>();
  const subscriberSeen: string[] = [];
  const readerSeen: string[] = [];
  const subscription = store.subscribe({ after: start, batchSize: 500 });
  let writing = true;

  const subscriber = (async () => {
    for await (const event of subscription) {
      if (event.type === 'FollowDone') break;
      subscriberSeen.push(event.eventId);
    }
  })();
  const reader = (async () => {
    let after = start;
    for (;;) {
      const page = await store.readAll({ after, limit: 500 });
      for (const e of page) if (e.type !== 'FollowDone') readerSeen.push(e.eventId);
      if (page.length > 0) after = page[page.length - 1].position;
      if (page.some((e) => e.type === 'FollowDone')) return;
      if (page.length === 0) await new Promise((resolve) => setTimeout(resolve, writing ? 1 : 10));
    }
  })();

  const slow = await Promise.all(
    [0, 1].map(async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const label = `follow: ${WRITERS} writers, batches of 1-5, with a subscriber and a reader`;
  const appendsResult = await phase(label, dataDir, FOLLOW_APPENDS, WRITERS, 0, async (i, writer) => {
    const batch = Array.from({ length: 1 + (i % 5) }, (_, k) => newEvent(i * 5 + k));
    for (const e of batch) appended.add(e.eventId);
    const stream = writer < 8 ? `follow-shared-${i % 4}` : `follow-${writer}-${Math.floor(i / 50)}`;
    if (writer < 2) {
      // Holds its transaction open after appending: a later-numbered append commits first.
      const c = slow[writer];
      await c.query('BEGIN');
      await c.query(APPEND_SQL, [stream, 'any', ...appendArguments(batch)]);
      await new Promise((resolve) => setTimeout(resolve, 1 + (i % 4)));
      await c.query('COMMIT');
    } else {
      await store.append(stream, batch, { expectedRevision: 'any' });
    }
    return batch.length;
  });
  writing = false;
  await store.append(`follow-done-${randomUUID()}`, [{ ...newEvent(0), type: 'FollowDone' }], { expectedRevision: 'no_stream' });
  await Promise.all([subscriber, reader]);
  await subscription.close();
  await Promise.all(slow.map((c) => c.end()));

  const final: string[] = [];
  let after = start;
  for (;;) {
    const page = await store.readAll({ after, limit: 5_000 });
    if (page.length === 0) break;
    for (const e of page) if (e.type !== 'FollowDone') final.push(e.eventId);
    after = page[page.length - 1].position;
  }
  const check = (seen: string[]) => {
    const unique = new Set(seen);
    return {
      delivered: seen.length,
      missed: [...appended].filter((id) => !unique.has(id)).length,
      repeated: seen.length - unique.size,
      orderMatchesReadAll: seen.length === final.length && seen.every((id, k) => final[k] === id),
    };
  };
  const result = { appendedEvents: appended.size, appends: appendsResult, subscriber: check(subscriberSeen), reader: check(readerSeen) };
  log(
    `follow: ${fmt(result.appendedEvents)} events appended; subscriber missed ${result.subscriber.missed}, ` +
      `repeated ${result.subscriber.repeated}, order ${result.subscriber.orderMatchesReadAll ? 'ok' : 'WRONG'}; ` +
      `reader missed ${result.reader.missed}, repeated ${result.reader.repeated}, order ${result.reader.orderMatchesReadAll ? 'ok' : 'WRONG'}`,
  );
  return result;
}

async function main(): Promise<void> {
  // Other work on the machine skews every figure: recorded with the results.
  const loadAverageAtStart = loadavg();
  const database = await benchDatabase('store', log);
  const { url, dataDir: tempDir } = database;
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  pool.on('error', () => undefined); // an idle connection dropped: the pool replaces it
  const store = new PostgresEventStore(pool);
  try {
    await runMigrations(url);
    const settings = await serverSettings(pool);
    log(`PostgreSQL: ${settings.version}`);
    log(
      `settings: fsync=${settings.fsync} synchronous_commit=${settings.synchronous_commit} shared_buffers=${settings.shared_buffers} ` +
        `wal_sync_method=${settings.wal_sync_method} full_page_writes=${settings.full_page_writes}`,
    );
    const load = loadAverageAtStart.map((l) => l.toFixed(2)).join(' ');
    log(`machine: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${load}`);
    if (settings.fsync !== 'on' || settings.synchronous_commit !== 'on') throw new Error('fsync and synchronous_commit must be on');
    if (loadAverageAtStart[0] > cpus().length) {
      log(`warning: load average ${loadAverageAtStart[0].toFixed(1)} on ${cpus().length} cores: other work competes for the CPU`);
    }

    const written = await writes(store, pool, tempDir);
    const readStream = await readStreamLatency(store, written.singleWriterStreams);
    const readAll = await readAllThroughput(store, pool, tempDir);
    const follow = await followWhileAppending(store, url, tempDir);

    const s = written.store;
    const b = written.baseline;
    const met = {
      singleWriterEventsPerSecond: s.singleWriter.eventsPerSecond >= TARGETS.singleWriterEventsPerSecond,
      concurrentWritersEventsPerSecond: s.concurrentWriters.eventsPerSecond >= TARGETS.concurrentWritersEventsPerSecond,
      batchedEventsPerSecond: s.batched.eventsPerSecond >= TARGETS.batchedEventsPerSecond,
      readStreamP50Ms: readStream.p50 <= TARGETS.readStreamP50Ms,
      readAllEventsPerSecond: readAll.eventsPerSecond >= TARGETS.readAllEventsPerSecond,
      missedOrRepeated:
        follow.subscriber.missed + follow.subscriber.repeated + follow.reader.missed + follow.reader.repeated === 0 &&
        follow.subscriber.orderMatchesReadAll &&
        follow.reader.orderMatchesReadAll,
    };
    const report = {
      startedAt: new Date().toISOString(),
      machine: {
        cores: cpus().length,
        cpu: cpus()[0]?.model,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        loadAverageAtStart,
        loadAverageAtEnd: loadavg(),
      },
      postgres: { ...settings, embedded: database.embedded, poolSize: POOL_SIZE },
      baseline: b,
      store: { ...s, readStream, readAll: { ...readAll, pageSize: READ_ALL_PAGE } },
      follow,
      targets: TARGETS,
      met,
    };

    const cpu = (r: PhaseResult) => `${r.clientCpuUs} / ${r.serverCpuUs ?? '-'}`;
    const row = (name: string, store: string | number, bare: string | number, target: string, cpuStore = '', cpuBare = '') =>
      log(
        `${name.padEnd(30)} ${String(store).padStart(13)} ${String(bare).padStart(12)}   ${target.padEnd(10)} ` +
          `${cpuStore.padStart(10)} ${cpuBare.padStart(10)}`,
      );
    const writeRow = (name: string, phase: 'singleWriter' | 'concurrentWriters' | 'batched', target: number) =>
      row(name, s[phase].eventsPerSecond, b[phase].eventsPerSecond, `≥ ${target}`, cpu(s[phase]), cpu(b[phase]));
    log('');
    row('', 'store', 'bare INSERT', 'target', 'µs/ev c/s', 'bare c/s');
    writeRow('1 writer, events/s', 'singleWriter', TARGETS.singleWriterEventsPerSecond);
    writeRow(`${WRITERS} writers, events/s`, 'concurrentWriters', TARGETS.concurrentWritersEventsPerSecond);
    writeRow(`batches of ${BATCH_SIZE}, events/s`, 'batched', TARGETS.batchedEventsPerSecond);
    row('readStream p50 / p99, ms', `${readStream.p50} / ${readStream.p99}`, '', `≤ ${TARGETS.readStreamP50Ms}`);
    row('readAll, events/s', readAll.eventsPerSecond, '', `≥ ${TARGETS.readAllEventsPerSecond}`, cpu(readAll));
    const missed = follow.subscriber.missed + follow.reader.missed;
    const repeated = follow.subscriber.repeated + follow.reader.repeated;
    row('follow: missed / repeated', `${missed} / ${repeated}`, '', '0 / 0');
    log('(µs/ev c/s: CPU per event of this client process / of the PostgreSQL server)');
    log(`targets met: ${Object.entries(met).map(([k, v]) => `${k} ${v ? 'yes' : 'NO'}`).join(', ')}`);

    log(`written to ${await writeResults('store', report.startedAt, report)}`);
  } finally {
    await store.close();
    await pool.end();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
