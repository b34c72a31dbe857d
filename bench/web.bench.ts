/**
 * npm run bench:web — the public website's two heaviest pages under load: a consultation page of
 * a consultation with 1,000 contributions (read page by page, as a visitor pages through it) and
 * the cycle page (timeline, figures, three charts, the OGP checks over every fact of the cycle),
 * while 100 commands/s are appended over HTTP (new contributions to the open consultation).
 *
 * Prints, and writes to bench/results/web.json (and web-<time>.json): p50/p95/p99 of each page,
 * requests and errors, and the append rate achieved. The aim: p95 ≤ 50 ms for both pages.
 *
 * The service runs as deployed, in processes of its own on this machine: the instance serving the
 * pages, a second instance taking the commands, and the projections in a worker
 * (`npm run cli -- projections`); this process is only the clients. --single-instance sends the
 * commands to the web instance too; --projections-in-process runs the projections there.
 *
 * Options: --contributions-per-consultation (1000), --read-seconds (30), --reads-per-second (20 per page),
 * --commands-per-second (100), --single-instance, --projections-in-process, --page-cache-ms (2000; 0 reads
 * every page afresh). DATABASE_URL uses a server of your own instead of a fresh embedded one.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile } from 'node:fs/promises';
import * as os from 'node:os';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { ALL_PROJECTIONS } from '../projections/index.js';
import { parseCommandLine } from '../src/cli/args.js';
import { freePort } from '../src/config/free-port.js';
import { runMigrations } from '../src/database/data-source.js';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store.js';
import { signToken } from '../src/security/tokens.js';
import { coalesce, generateCycle } from './generator.js';
import { benchDatabase } from './support/bench-database.js';
import { percentile, writeResults } from './support/results.js';

const { options } = parseCommandLine(process.argv.slice(2), {
  'contributions-per-consultation': { type: 'string' },
  'read-seconds': { type: 'string' },
  'reads-per-second': { type: 'string' },
  'commands-per-second': { type: 'string' },
  'page-cache-ms': { type: 'string' },
  'single-instance': { type: 'boolean' },
  'projections-in-process': { type: 'boolean' },
});
const option = (name: string, fallback: number) => {
  const value = options[name] === undefined ? fallback : Number(options[name]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};
const PER_CONSULTATION = option('contributions-per-consultation', 1000);
const READ_SECONDS = option('read-seconds', 30);
/** Requests per second to each of the two pages, at a steady rate. */
const READS_PER_SECOND = option('reads-per-second', 20);
const COMMANDS_PER_SECOND = option('commands-per-second', 100);
/** The generator spreads contributions evenly over a cycle's 14 consultations. */
const CONSULTATIONS_PER_CYCLE = 14;
const AIM_P95_MS = 50;
const IN_PROCESS = options['projections-in-process'] === true;
/** WEB_PAGE_CACHE_MS of the web instance (0: every page read afresh). */
const PAGE_CACHE_MS = options['page-cache-ms'] === undefined ? 2000 : Number(options['page-cache-ms']);
if (!Number.isInteger(PAGE_CACHE_MS) || PAGE_CACHE_MS < 0) throw new Error('--page-cache-ms must be a whole number ≥ 0');
const SINGLE_INSTANCE = options['single-instance'] === true;

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
  // The machine is shared: the load before the benchmark is what others were running.
  const loadBefore = os.loadavg().map((l) => +l.toFixed(2));
  log(`${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average before: ${loadBefore.join(', ')}`);
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

  const secret = randomBytes(24).toString('hex');
  const env = { DATABASE_URL: databaseUrl, AUTH_JWT_SECRET: secret, MASTER_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'warn' };
  const children: ChildProcess[] = [];
  const dist = (file: string) => fileURLToPath(new URL(`../src/${file}`, import.meta.url));
  const start = (args: string[], extra: Record<string, string>) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env, ...extra }, stdio: ['ignore', 'ignore', 'inherit'] });
    children.push(child);
    return child;
  };
  const service = async (name: string, projections: boolean): Promise<string> => {
    const port = await freePort();
    const child = start([dist('main.js')], { PORT: String(port), PROJECTIONS_ENABLED: String(projections), WEB_PAGE_CACHE_MS: String(PAGE_CACHE_MS) });
    const url = `http://127.0.0.1:${port}`;
    for (const deadline = Date.now() + 120_000; ; ) {
      if (child.exitCode !== null) throw new Error(`the ${name} instance exited with ${child.exitCode}`);
      const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`the ${name} instance did not start`);
      await sleep(250);
    }
    log(`${name} instance on ${url} (pid ${child.pid}${projections ? ', runs the projections' : ''})`);
    return url;
  };
  // The service in processes of its own, as deployed; this process is only the clients.
  const base = await service('web', IN_PROCESS);
  if (!IN_PROCESS) log(`projections run in a worker process (pid ${start([dist('cli/main.js'), 'projections'], {}).pid})`);
  const commandsTo = SINGLE_INSTANCE ? base : await service('command', false);

  const store = new PostgresEventStore(databaseUrl, { poolSize: 2 });
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
  await store.close();
  log(`the ${ALL_PROJECTIONS.length} projections caught up in ${((Date.now() - caughtUp) / 1000).toFixed(1)} s`);

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

  // Without load: what a page costs by itself, one request at a time.
  const idle = { consultation: { latencies: [] as number[], errors: 0 }, cycle: { latencies: [] as number[], errors: 0 } };
  for (let i = 0; i < 40; i++) {
    for (const [into, target] of [[idle.consultation, consultationPages[i % consultationPages.length]], [idle.cycle, cyclePage]] as const) {
      const t = performance.now();
      const res = await fetch(target);
      await res.arrayBuffer();
      into.latencies.push(performance.now() - t);
      if (res.status !== 200) into.errors++;
    }
  }
  const idlePages = { consultation: summary(idle.consultation, 1), cycle: summary(idle.cycle, 1) };
  for (const [name, p] of Object.entries(idlePages)) log(`${name} page without load: p50 ${p.p50Ms} ms, p95 ${p.p95Ms} ms`);

  const lfp = await signToken(secret, { sub: 'bench-lfp', role: 'lfp', institution: open.lead });
  const consultation: Sampled = { latencies: [], errors: 0 };
  const cycleReads: Sampled = { latencies: [], errors: 0 };
  const commandReads: Sampled = { latencies: [], errors: 0 };
  const until = Date.now() + READ_SECONDS * 1000;
  /** Requests at a steady rate, each timed from when it was due: a slow answer does not slow the arrivals. */
  const steady = async (perSecond: number, request: () => Promise<Response>, expected: number, into: Sampled) => {
    const interval = 1000 / perSecond;
    const inflight: Promise<void>[] = [];
    for (let due = performance.now(); Date.now() < until; due += interval) {
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const t = due;
      inflight.push(
        request().then(
          async (res) => {
            await res.arrayBuffer();
            into.latencies.push(performance.now() - t);
            if (res.status !== expected) into.errors++;
          },
          () => {
            into.errors++;
          },
        ),
      );
    }
    await Promise.all(inflight);
  };
  let n = 0;
  const loadStart = performance.now();
  await Promise.all([
    steady(READS_PER_SECOND, () => fetch(consultationPages[n++ % consultationPages.length]), 200, consultation),
    steady(READS_PER_SECOND, () => fetch(cyclePage), 200, cycleReads),
    steady(
      COMMANDS_PER_SECOND,
      () =>
        fetch(`${commandsTo}/v1/contributions`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${lfp}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
          body: JSON.stringify({ consultationId: open.consultationId, channel: 'online_comment', body: 'Publish the procurement plans of every ministry, quarterly.' }),
        }),
      201,
      commandReads,
    ),
  ]);
  const commandLatencies = commandReads.latencies;
  const commands = commandLatencies.length;
  const commandErrors = commandReads.errors;
  // Until the last answer: commands still queued at the end of the window lower the rate achieved.
  const loadSeconds = (performance.now() - loadStart) / 1000;

  const pages = { consultation: summary(consultation, READ_SECONDS), cycle: summary(cycleReads, READ_SECONDS) };
  commandLatencies.sort((a, b) => a - b);
  const writes = {
    targetPerSecond: COMMANDS_PER_SECOND,
    achievedPerSecond: +((commands - commandErrors) / loadSeconds).toFixed(1),
    p50Ms: +percentile(commandLatencies, 50).toFixed(2),
    p95Ms: +percentile(commandLatencies, 95).toFixed(2),
    errors: commandErrors,
  };
  for (const [name, p] of Object.entries(pages)) {
    log(`${name} page: p50 ${p.p50Ms} ms, p95 ${p.p95Ms} ms, p99 ${p.p99Ms} ms (${p.requests} requests, ${p.perSecond}/s, ${p.errors} errors) — aim p95 ≤ ${AIM_P95_MS} ms: ${p.p95Ms <= AIM_P95_MS ? 'met' : 'NOT met'}`);
  }
  log(`load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')} (the benchmark's own load included)`);
  log(`while appending ${writes.achievedPerSecond} commands/s (POST /v1/contributions p50 ${writes.p50Ms} ms, p95 ${writes.p95Ms} ms, ${writes.errors} errors)`);

  const result = {
    benchmark: 'web',
    at: new Date().toISOString(),
    // The load averages (1, 5, 15 min) before, and at the end (the benchmark's own load included).
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, node: process.version, loadAverageBefore: loadBefore, loadAverageAfter: os.loadavg().map((l) => +l.toFixed(2)) },
    setup: { pageCacheMs: PAGE_CACHE_MS, projections: IN_PROCESS ? 'in the web instance' : 'in a worker process', commands: SINGLE_INSTANCE ? 'to the web instance' : 'to a second instance', cycleEvents: cycle.eventCount, contributionsInConsultation: total.received, consultationPagesRead: consultationPages.length, readsPerSecondPerPage: READS_PER_SECOND, readSeconds: READ_SECONDS },
    aimP95Ms: AIM_P95_MS,
    idle: idlePages,
    pages,
    writes,
  };
  const written = await writeResults('web', result.at, result);
  await copyFile(written, path.join(path.dirname(written), 'web.json'));
  log(`written to ${written} and ${path.join(path.dirname(written), 'web.json')}`);

  for (const child of children) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await database.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
