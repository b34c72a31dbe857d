/**
 * npm run bench:projections — rebuild every projection over a generated log of realistic cycles,
 * then read the accountability view under load while commands are appended.
 *
 * Prints, and writes to bench/results/projections-<time>.json: append rate of the generator, the
 * rebuild's events/s and time per projection, peak RSS and RSS at each quarter of the rebuild
 * (memory must stay flat: the runner streams the log in batches), and the latency of
 * GET /v1/contributions/:id/accountability at p50/p99 under 50 concurrent clients while 100
 * commands/s are appended over HTTP.
 *
 * Options: --events (default 1000000), --read-seconds (20; 0 skips the reads), --clients (50),
 * --commands-per-second (100), e.g. `npm run bench:projections -- --events 200000`. DATABASE_URL
 * uses a server of your own instead of a fresh embedded one; with --reuse-log and a log already
 * generated there (same --events), the log is kept and only the read models are emptied, so
 * rebuilds can be compared without generating again.
 */
import 'reflect-metadata';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { ALL_PROJECTIONS } from '../projections/index.js';
import { parseCommandLine } from '../src/cli/args.js';
import { createApp } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/app-config.js';
import { runMigrations } from '../src/database/data-source.js';
import { EVENT_STORE, type EventStore } from '../src/event-store/event-store.port.js';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store.js';
import { resolveSecrets } from '../src/security/secrets.js';
import { signToken } from '../src/security/tokens.js';
import { coalesce, generateCycle, type GeneratedCycle } from './generator.js';
import { benchDatabase } from './support/bench-database.js';
import { percentile, writeResults } from './support/results.js';
import { freePort } from '../src/config/free-port.js';
import { ProjectionRunner } from '../src/projection-runner/projection-runner.service.js';

const { options } = parseCommandLine(process.argv.slice(2), {
  events: { type: 'string' },
  'read-seconds': { type: 'string' },
  clients: { type: 'string' },
  'commands-per-second': { type: 'string' },
  'reuse-log': { type: 'boolean' },
});
const option = (name: string, fallback: number) => {
  const value = options[name] === undefined ? fallback : Number(options[name]);
  if (!Number.isFinite(value) || value < 0 || (value === 0 && name !== 'read-seconds')) throw new Error(`--${name} must be a positive number`);
  return value;
};
const TARGET = option('events', 1_000_000);
const READ_SECONDS = option('read-seconds', 20);
const CLIENTS = option('clients', 50);
const COMMANDS_PER_SECOND = option('commands-per-second', 100);
const CONTRIBUTIONS_PER_CYCLE = 4000;

const log = (line: string) => console.log(`[bench:projections] ${line}`);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

/** With `append` false, only the cycles' ids (the log is already there). */
async function generate(store: EventStore, append = true): Promise<{ cycles: GeneratedCycle[]; events: number; seconds: number }> {
  const started = Date.now();
  const cycles: GeneratedCycle[] = [];
  let events = 0;
  let lastLog = started;
  for (let index = 0; events < TARGET; index++) {
    const perCycle = Math.max(100, Math.min(CONTRIBUTIONS_PER_CYCLE, Math.round((TARGET - events) / 3.6)));
    const last = events + perCycle * 3.8 >= TARGET;
    const cycle = generateCycle(index, { contributionsPerCycle: perCycle, leaveLastOpen: last });
    for (const wave of append ? cycle.waves : []) {
      await pool(coalesce(wave), 16, async (append) => {
        await store.append(append.streamId, append.events, { expectedRevision: 'any' });
      });
    }
    // Keep the ids the read phase needs (none without one), not the appended events: the RSS figures are the runner's.
    cycles.push({ ...cycle, waves: [], ...(READ_SECONDS === 0 ? { contributionIds: [], stakeholderIds: [] } : {}) });
    events += cycle.eventCount;
    if (Date.now() - lastLog > 5000) {
      lastLog = Date.now();
      log(`generated ${events} events (${Math.round(events / ((Date.now() - started) / 1000))} events/s)`);
    }
  }
  return { cycles, events, seconds: (Date.now() - started) / 1000 };
}

/**
 * How long the log's visible head is held back: a probe appends an event (of a type no projection
 * handles) every 50 ms and measures from its acknowledgement until a reader of the global log can
 * see it. Any transaction holding a transaction id older than the append (a projection batch, a
 * rebuild) delays that.
 */
function probeVisibility(url: string): { stop: () => Promise<number[]> } {
  const probe = new PostgresEventStore(url, { poolSize: 2 });
  const delays: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const { position } = await probe.append(`probe-${randomUUID()}`, [
        { eventId: randomUUID(), type: 'BenchVisibilityProbe', data: {}, metadata: { actor: { id: 'bench', role: 'system' }, correlationId: randomUUID(), causationId: null, occurredAt: new Date().toISOString(), schemaVersion: 1 } },
      ], { expectedRevision: 'no_stream' });
      const acknowledged = performance.now();
      for (;;) {
        const head = await probe.head();
        if (head !== null && probe.comparePositions(head, position) >= 0) break;
        await sleep(1);
      }
      delays.push(performance.now() - acknowledged);
      await sleep(50);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await probe.close();
      return delays.sort((a, b) => a - b);
    },
  };
}

const visibility = (delays: number[]) => ({
  probes: delays.length,
  p50Ms: +percentile(delays, 50).toFixed(1),
  p99Ms: +percentile(delays, 99).toFixed(1),
  maxMs: +(delays.at(-1) ?? 0).toFixed(1),
});

async function main(): Promise<void> {
  const database = await benchDatabase('projections');
  const databaseUrl = database.url;
  const settings = new pg.Client({ connectionString: databaseUrl });
  await settings.connect();
  // One query at a time: a pg client queues concurrent ones, and pg 8 warns that it will stop.
  const pgSettings: Record<string, string> = {};
  for (const s of ['server_version', 'fsync', 'synchronous_commit', 'shared_buffers']) pgSettings[s] = (await settings.query(`SHOW ${s}`)).rows[0][s] as string;
  await settings.end();
  log(`PostgreSQL ${JSON.stringify(pgSettings)}`);
  await runMigrations(databaseUrl);

  const writer = new PostgresEventStore(databaseUrl, { poolSize: 20 });
  const reuse = options['reuse-log'] === true && (await writer.head()) !== null;
  if (reuse) {
    // The read models and checkpoints go; the log stays.
    const reset = new pg.Client({ connectionString: databaseUrl });
    await reset.connect();
    const tables = ALL_PROJECTIONS.flatMap((p) => p.tables).map((t) => `"${t}"`);
    await reset.query(`TRUNCATE ${tables.join(', ')}`);
    await reset.query(`DELETE FROM projection_state`);
    await reset.query(`VACUUM ANALYZE`);
    await reset.end();
    log('reusing the log already in DATABASE_URL; read models emptied');
  } else log(`generating ~${TARGET} events of realistic cycles …`);
  const generated = await generate(writer, !reuse);
  await writer.close();
  if (!reuse) log(`generated ${generated.events} events in ${generated.seconds.toFixed(1)} s (${Math.round(generated.events / generated.seconds)} events/s appended)`);

  // Rebuild: a fresh service on this log starts every projection from the first event.
  const config = loadConfig({}, { DATABASE_URL: databaseUrl, AUTH_JWT_SECRET: randomBytes(24).toString('hex'), MASTER_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'warn', PROJECTION_BATCH_SIZE: 2000, CONSISTENCY_TIMEOUT_MS: 10000 });
  const secrets = await resolveSecrets(config);
  // The generator's garbage is not the rebuild's memory (npm run bench:projections passes --expose-gc).
  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = process.memoryUsage().rss;
  log(`RSS before the rebuild: ${mb(rssBefore)} MB`);
  let peakRss = rssBefore;
  const rssSamples: Array<{ progress: number; rssMb: number }> = [];
  const rebuildStarted = Date.now();
  const rebuildProbe = probeVisibility(databaseUrl);
  const app = await createApp({ config, databaseUrl, secrets }, { logger: ['error', 'warn'] });
  const store = app.get<EventStore>(EVENT_STORE);
  const head = (await store.head())!;
  const state = new pg.Client({ connectionString: databaseUrl });
  await state.connect();
  const perProjection: Record<string, { events: number; seconds: number }> = {};
  let nextQuarter = 0.25;
  // How far the rebuild was (accountability's share of the log) when RSS peaked.
  let peakAt = 0;
  for (;;) {
    const rss = process.memoryUsage().rss;
    // The projections' rows (the table also holds the reactors' checkpoints).
    const { rows } = await state.query<{ name: string; position: string | null; horizon: string | null; events_applied: string }>(
      "SELECT name, position, horizon, events_applied FROM projection_state WHERE kind = 'projection'",
    );
    const done = (r: { position: string | null; horizon: string | null }) => [r.position, r.horizon].some((p) => p !== null && store.comparePositions(p, head) >= 0);
    for (const r of rows) {
      if (done(r) && !perProjection[r.name]) perProjection[r.name] = { events: Number(r.events_applied), seconds: (Date.now() - rebuildStarted) / 1000 };
    }
    const applied = rows.reduce((sum, r) => sum + Number(r.events_applied), 0);
    const progress = Object.keys(perProjection).length / ALL_PROJECTIONS.length;
    const accountability = rows.find((r) => r.name === 'accountability');
    const share = accountability ? Number(accountability.events_applied) / generated.events : 0;
    if (rss > peakRss) {
      peakRss = rss;
      peakAt = share;
    }
    if (share >= nextQuarter) {
      rssSamples.push({ progress: Math.round(nextQuarter * 100), rssMb: mb(rss) });
      log(`rebuild ${Math.round(nextQuarter * 100)}%: ${applied} events applied across projections, RSS ${mb(rss)} MB`);
      nextQuarter += 0.25;
    }
    if (progress === 1) break;
    await sleep(250);
  }
  const rebuildSeconds = (Date.now() - rebuildStarted) / 1000;
  const headDuringRebuild = visibility(await rebuildProbe.stop());
  const totalApplied = Object.values(perProjection).reduce((s, p) => s + p.events, 0);
  log(`rebuilt ${ALL_PROJECTIONS.length} projections in ${rebuildSeconds.toFixed(1)} s: ${Math.round(generated.events / rebuildSeconds)} log events/s, ${Math.round(totalApplied / rebuildSeconds)} applied events/s across projections, peak RSS ${mb(peakRss)} MB (at ${Math.round(peakAt * 100)} % of the log)`);
  const runner = app.get(ProjectionRunner);
  const timings = Object.fromEntries(
    [...runner.follower.timings].sort((a, b) => b[1].ms - a[1].ms).map(([name, t]) => [name, { seconds: +(t.ms / 1000).toFixed(2), events: t.events }]),
  );
  log(`time per projection (its handlers and writes, in the follower's transaction), and the follower's own:`);
  for (const [name, t] of Object.entries(timings)) log(`  ${name}: ${t.seconds} s, ${t.events} events`);
  log(`log head held back during the rebuild (append acknowledged → visible to readers of the log): p50 ${headDuringRebuild.p50Ms} ms, p99 ${headDuringRebuild.p99Ms} ms, max ${headDuringRebuild.maxMs} ms over ${headDuringRebuild.probes} probes`);

  // The rebuild's figures, with or without a read phase.
  const rebuild = {
    projections: ALL_PROJECTIONS.length,
    seconds: +rebuildSeconds.toFixed(1),
    logEventsPerSecond: Math.round(generated.events / rebuildSeconds),
    appliedEventsPerSecond: Math.round(totalApplied / rebuildSeconds),
    perProjection,
    timings,
    rssBeforeMb: mb(rssBefore),
    peakRssMb: mb(peakRss),
    peakRssAtProgress: Math.round(peakAt * 100),
    rssByProgress: rssSamples,
    headHeldBack: headDuringRebuild,
  };

  if (READ_SECONDS === 0) {
    const result = {
      benchmark: 'projections',
      at: new Date().toISOString(),
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      postgres: pgSettings,
      log: { events: generated.events, reused: reuse },
      rebuild,
      loadAverage: (await import('node:os')).loadavg().map((l) => +l.toFixed(2)),
    };
    log(`written to ${await writeResults('projections', result.at, result)}`);
    await state.end();
    await app.close();
    await database.stop();
    return;
  }

  // Reads under load while commands are appended.
  const port = await freePort();
  await app.listen(port, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  const open = generated.cycles.at(-1)!.openConsultation!;
  const ids = generated.cycles.flatMap((c) => c.contributionIds);
  const poc = await signToken(secrets.authJwtSecret, { sub: 'bench-poc', role: 'poc', institution: 'Office of the Prime Minister' });
  const lfp = await signToken(secrets.authJwtSecret, { sub: 'bench-lfp', role: 'lfp', institution: open.lead });
  const readLatencies: number[] = [];
  const commandLatencies: number[] = [];
  let readErrors = 0;
  let commandErrors = 0;
  let commands = 0;
  const until = Date.now() + READ_SECONDS * 1000;
  const readProbe = probeVisibility(databaseUrl);
  const readers = Array.from({ length: CLIENTS }, async (_, k) => {
    let n = k;
    while (Date.now() < until) {
      const id = ids[(n = (n * 7919 + 104729) % ids.length)];
      const t0 = performance.now();
      const res = await fetch(`${base}/v1/contributions/${id}/accountability`, { headers: { Authorization: `Bearer ${poc}` } });
      await res.arrayBuffer();
      readLatencies.push(performance.now() - t0);
      if (res.status !== 200) readErrors++;
    }
  });
  const writers = (async () => {
    const interval = 1000 / COMMANDS_PER_SECOND;
    let next = Date.now();
    const inflight: Promise<void>[] = [];
    while (Date.now() < until) {
      next += interval;
      inflight.push(
        (async () => {
          const t0 = performance.now();
          const res = await fetch(`${base}/v1/contributions`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${lfp}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
            body: JSON.stringify({ consultationId: open.consultationId, channel: 'online_comment', body: 'Publish the procurement plans of every ministry, quarterly.' }),
          });
          await res.arrayBuffer();
          commandLatencies.push(performance.now() - t0);
          commands++;
          if (res.status !== 201) commandErrors++;
        })(),
      );
      const wait = next - Date.now();
      if (wait > 0) await sleep(wait);
    }
    await Promise.all(inflight);
  })();
  await Promise.all([...readers, writers]);
  const headDuringReads = visibility(await readProbe.stop());
  readLatencies.sort((a, b) => a - b);
  commandLatencies.sort((a, b) => a - b);
  const reads = {
    clients: CLIENTS,
    seconds: READ_SECONDS,
    requests: readLatencies.length,
    perSecond: Math.round(readLatencies.length / READ_SECONDS),
    p50Ms: +percentile(readLatencies, 50).toFixed(2),
    p99Ms: +percentile(readLatencies, 99).toFixed(2),
    errors: readErrors,
  };
  const writes = {
    targetPerSecond: COMMANDS_PER_SECOND,
    achievedPerSecond: +(commands / READ_SECONDS).toFixed(1),
    p50Ms: +percentile(commandLatencies, 50).toFixed(2),
    p99Ms: +percentile(commandLatencies, 99).toFixed(2),
    errors: commandErrors,
  };
  log(`GET accountability under ${CLIENTS} clients: p50 ${reads.p50Ms} ms, p99 ${reads.p99Ms} ms, ${reads.perSecond} req/s, ${reads.errors} errors`);
  log(`log head held back while following those commands: p50 ${headDuringReads.p50Ms} ms, p99 ${headDuringReads.p99Ms} ms, max ${headDuringReads.maxMs} ms over ${headDuringReads.probes} probes`);
  log(`while appending ${writes.achievedPerSecond} commands/s (POST /v1/contributions p50 ${writes.p50Ms} ms, p99 ${writes.p99Ms} ms, ${writes.errors} errors)`);

  const result = {
    benchmark: 'projections',
    at: new Date().toISOString(),
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    postgres: pgSettings,
    log: { events: generated.events, cycles: generated.cycles.length, appendSeconds: +generated.seconds.toFixed(1), appendPerSecond: Math.round(generated.events / generated.seconds) },
    rebuild,
    headHeldBackWhileFollowing: headDuringReads,
    loadAverage: (await import('node:os')).loadavg().map((l) => +l.toFixed(2)),
    reads,
    writes,
  };
  log(`written to ${await writeResults('projections', result.at, result)}`);

  await state.end();
  await app.close();
  await database.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
