/**
 * npm run bench:web — the public website's two heaviest pages under load: a consultation page of
 * a consultation with 1,000 contributions (read page by page, as a visitor pages through it) and
 * the cycle page (timeline, figures, three charts, the OGP checks over every fact of the cycle),
 * while 100 commands/s are appended over HTTP (new contributions to the open consultation).
 *
 * Prints, and writes to bench/results/web.json (and web-<time>.json): p50/p95/p99 of each page,
 * requests and errors, and the append rate achieved. The aim: p95 ≤ 50 ms for both pages.
 *
 * Options: --contributions-per-consultation (1000), --read-seconds (30), --clients (2 per page),
 * --commands-per-second (100). DATABASE_URL uses a server of your own instead of a fresh embedded one.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { copyFile } from 'node:fs/promises';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { ALL_PROJECTIONS } from '../projections/index.js';
import { parseArgs } from '../src/cli/args.js';
import { createApp } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/app-config.js';
import { freePort } from '../src/config/free-port.js';
import { runMigrations } from '../src/database/data-source.js';
import { EVENT_STORE, type EventStore } from '../src/event-store/event-store.port.js';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store.js';
import { resolveSecrets } from '../src/security/secrets.js';
import { signToken } from '../src/security/tokens.js';
import { coalesce, generateCycle } from './generator.js';
import { benchDatabase } from './support/bench-database.js';
import { percentile, writeResults } from './support/results.js';

const { options } = parseArgs(process.argv.slice(2));
const option = (name: string, fallback: number) => {
  const value = options[name] === undefined ? fallback : Number(options[name]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};
const PER_CONSULTATION = option('contributions-per-consultation', 1000);
const READ_SECONDS = option('read-seconds', 30);
const CLIENTS = option('clients', 2);
const COMMANDS_PER_SECOND = option('commands-per-second', 100);
/** The generator spreads contributions evenly over a cycle's 14 consultations. */
const CONSULTATIONS_PER_CYCLE = 14;
const AIM_P95_MS = 50;

const log = (line: string) => console.log(`[bench:web] ${line}`);

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

interface Sampled {
  latencies: number[];
  errors: number;
}

const summary = (s: Sampled, seconds: number) => {
  const sorted = [...s.latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    perSecond: Math.round(sorted.length / seconds),
    p50Ms: +percentile(sorted, 50).toFixed(2),
    p95Ms: +percentile(sorted, 95).toFixed(2),
    p99Ms: +percentile(sorted, 99).toFixed(2),
    maxMs: +(sorted.at(-1) ?? NaN).toFixed(2),
    errors: s.errors,
  };
};

async function main(): Promise<void> {
  const database = await benchDatabase('web');
  const databaseUrl = database.url;
  await runMigrations(databaseUrl);

  // One cycle whose consultations hold PER_CONSULTATION contributions each; its public consultation stays open.
  const writer = new PostgresEventStore(databaseUrl, { poolSize: 20 });
  const cycle = generateCycle(0, { contributionsPerCycle: PER_CONSULTATION * CONSULTATIONS_PER_CYCLE, leaveLastOpen: true });
  const t0 = Date.now();
  for (const wave of cycle.waves) {
    await pool(coalesce(wave), 16, async (append) => {
      await writer.append(append.streamId, append.events, { expectedRevision: 'any' });
    });
  }
  await writer.close();
  log(`generated one cycle: ${cycle.eventCount} events, ${cycle.contributionIds.length} contributions, in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const config = loadConfig({}, { DATABASE_URL: databaseUrl, AUTH_JWT_SECRET: randomBytes(24).toString('hex'), MASTER_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'warn' });
  const secrets = await resolveSecrets(config);
  const app = await createApp({ config, databaseUrl, secrets }, { logger: ['error', 'warn'] });
  const store = app.get<EventStore>(EVENT_STORE);
  const head = (await store.head())!;
  const state = new pg.Client({ connectionString: databaseUrl });
  await state.connect();
  const caughtUp = Date.now();
  for (;;) {
    const { rows } = await state.query<{ position: string | null; horizon: string | null }>('SELECT position, horizon FROM projection_state');
    const done = rows.filter((r) => [r.position, r.horizon].some((p) => p !== null && store.comparePositions(p, head) >= 0)).length;
    if (done === ALL_PROJECTIONS.length) break;
    await sleep(500);
  }
  await state.end();
  log(`the ${ALL_PROJECTIONS.length} projections caught up in ${((Date.now() - caughtUp) / 1000).toFixed(1)} s`);

  const port = await freePort();
  await app.listen(port, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  const open = cycle.openConsultation!;
  const cyclePage = `${base}/cycles/${cycle.cycleId}`;

  // The consultation's pages, as a visitor would page through them (first, then each "next").
  const consultationPages: string[] = [];
  for (let next: string | null = `/consultations/${open.consultationId}`; next && consultationPages.length < 20; ) {
    consultationPages.push(`${base}${next}`);
    const html = await (await fetch(`${base}${next}`)).text();
    next = /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replace(/&amp;/g, '&') ?? null;
  }
  const total = (await (await fetch(`${base}/v1/consultations/${open.consultationId}/summary`)).json()) as { received: number };
  log(`consultation: ${total.received} contributions, ${consultationPages.length} pages read in turn; cycle page: ${cyclePage.replace(base, '')}`);

  // Warm-up: JIT, connection pool, the charts' first drawing.
  for (let i = 0; i < 20; i++) {
    await (await fetch(cyclePage)).arrayBuffer();
    await (await fetch(consultationPages[i % consultationPages.length])).arrayBuffer();
  }

  const lfp = await signToken(secrets.authJwtSecret, { sub: 'bench-lfp', role: 'lfp', institution: open.lead });
  const consultation: Sampled = { latencies: [], errors: 0 };
  const cycleReads: Sampled = { latencies: [], errors: 0 };
  const commandLatencies: number[] = [];
  let commandErrors = 0;
  let commands = 0;
  const until = Date.now() + READ_SECONDS * 1000;
  const reader = (urls: () => string, into: Sampled) => async () => {
    while (Date.now() < until) {
      const t = performance.now();
      const res = await fetch(urls());
      await res.arrayBuffer();
      into.latencies.push(performance.now() - t);
      if (res.status !== 200) into.errors++;
    }
  };
  let n = 0;
  const readers = [
    ...Array.from({ length: CLIENTS }, () => reader(() => consultationPages[n++ % consultationPages.length], consultation)()),
    ...Array.from({ length: CLIENTS }, () => reader(() => cyclePage, cycleReads)()),
  ];
  const writers = (async () => {
    const interval = 1000 / COMMANDS_PER_SECOND;
    let next = Date.now();
    const inflight: Promise<void>[] = [];
    while (Date.now() < until) {
      next += interval;
      inflight.push(
        (async () => {
          const t = performance.now();
          const res = await fetch(`${base}/v1/contributions`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${lfp}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
            body: JSON.stringify({ consultationId: open.consultationId, channel: 'online_comment', body: 'Publish the procurement plans of every ministry, quarterly.' }),
          });
          await res.arrayBuffer();
          commandLatencies.push(performance.now() - t);
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

  const pages = { consultation: summary(consultation, READ_SECONDS), cycle: summary(cycleReads, READ_SECONDS) };
  commandLatencies.sort((a, b) => a - b);
  const writes = {
    targetPerSecond: COMMANDS_PER_SECOND,
    achievedPerSecond: +(commands / READ_SECONDS).toFixed(1),
    p50Ms: +percentile(commandLatencies, 50).toFixed(2),
    p95Ms: +percentile(commandLatencies, 95).toFixed(2),
    errors: commandErrors,
  };
  for (const [name, p] of Object.entries(pages)) {
    log(`${name} page: p50 ${p.p50Ms} ms, p95 ${p.p95Ms} ms, p99 ${p.p99Ms} ms (${p.requests} requests, ${p.perSecond}/s, ${p.errors} errors) — aim p95 ≤ ${AIM_P95_MS} ms: ${p.p95Ms <= AIM_P95_MS ? 'met' : 'NOT met'}`);
  }
  log(`while appending ${writes.achievedPerSecond} commands/s (POST /v1/contributions p50 ${writes.p50Ms} ms, p95 ${writes.p95Ms} ms, ${writes.errors} errors)`);

  const result = {
    benchmark: 'web',
    at: new Date().toISOString(),
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    setup: { cycleEvents: cycle.eventCount, contributionsInConsultation: total.received, consultationPagesRead: consultationPages.length, clientsPerPage: CLIENTS, readSeconds: READ_SECONDS },
    aimP95Ms: AIM_P95_MS,
    pages,
    writes,
  };
  const written = await writeResults('web', result.at, result);
  await copyFile(written, path.join(path.dirname(written), 'web.json'));
  log(`written to ${written} and ${path.join(path.dirname(written), 'web.json')}`);

  await app.close();
  await database.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
