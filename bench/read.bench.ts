/**
 * npm run bench:read — GET /v1/contributions/:id/accountability, the "was this addressed?" read,
 * on a generated record (default ~100,000 events) with the projections running:
 *
 *  0. for scale, the read alone: 8 closed-loop clients, nothing appended;
 *  1. latency at a fixed 200 requests/s (open loop: requests leave on schedule, whatever the
 *     answers do) while 100 commands/s are appended over HTTP;
 *  2. the most requests/s with p99 ≤ 100 ms: closed-loop clients in steps (2, 4, 8, … 64), the
 *     same 100 commands/s appended, the best step that keeps p99 within 100 ms;
 *  3. append acknowledged → visible: 100 commands/s, each answer's contribution read (every 2 ms,
 *     no consistentWith) until it is there; p50/p99 of ack → first 200.
 *
 * Prints, and writes to bench/results/read-<time>.json, the three figures with the machine, the
 * date and `uptime` before and after. Options: --events (100000), --seconds per phase (15),
 * --rate (200), --commands-per-second (100). DATABASE_URL uses a server of your own.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseCommandLine } from '../src/cli/args.js';
import { createApp } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/app-config.js';
import { freePort } from '../src/config/free-port.js';
import { runMigrations } from '../src/database/data-source.js';
import { EVENT_STORE, type EventStore } from '../src/event-store/event-store.port.js';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store.js';
import { resolveSecrets } from '../src/security/secrets.js';
import { signToken } from '../src/security/tokens.js';
import { coalesce, generateCycle, type GeneratedCycle } from './generator.js';
import { benchDatabase } from './support/bench-database.js';
import { machine } from './support/machine.js';
import { percentile, writeResults } from './support/results.js';

const { options } = parseCommandLine(process.argv.slice(2), {
  events: { type: 'string' },
  seconds: { type: 'string' },
  rate: { type: 'string' },
  'commands-per-second': { type: 'string' },
});
const option = (name: string, fallback: number) => {
  const value = options[name] === undefined ? fallback : Number(options[name]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};
const EVENTS = option('events', 100_000);
const SECONDS = option('seconds', 15);
const RATE = option('rate', 200);
const COMMANDS_PER_SECOND = option('commands-per-second', 100);
const P99_LIMIT_MS = 100;

const log = (line: string) => console.log(`[bench:read] ${line}`);

interface Stats {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

const stats = (latencies: number[], seconds: number, errors: number): Stats => {
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, perSecond: Math.round(latencies.length / seconds), p50Ms: +percentile(latencies, 50).toFixed(2), p99Ms: +percentile(latencies, 99).toFixed(2), errors };
};

async function generate(store: EventStore): Promise<GeneratedCycle[]> {
  const cycles: GeneratedCycle[] = [];
  let events = 0;
  for (let index = 0; events < EVENTS; index++) {
    const perCycle = Math.max(100, Math.min(4000, Math.round((EVENTS - events) / 3.6)));
    const cycle = generateCycle(index, { contributionsPerCycle: perCycle, leaveLastOpen: events + perCycle * 3.8 >= EVENTS });
    for (const wave of cycle.waves) {
      const appends = coalesce(wave);
      for (let i = 0; i < appends.length; i += 16) {
        await Promise.all(appends.slice(i, i + 16).map((a) => store.append(a.streamId, a.events, { expectedRevision: 'any' })));
      }
    }
    cycles.push({ ...cycle, waves: [] });
    events += cycle.eventCount;
  }
  return cycles;
}

async function main(): Promise<void> {
  const database = await benchDatabase('read');
  await runMigrations(database.url);
  const writer = new PostgresEventStore(database.url, { poolSize: 20 });
  log(`generating ~${EVENTS} events …`);
  const cycles = await generate(writer);
  await writer.close();

  const config = loadConfig({}, { DATABASE_URL: database.url, AUTH_JWT_SECRET: randomBytes(24).toString('hex'), MASTER_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'warn', CONSISTENCY_TIMEOUT_MS: 10000 });
  const secrets = await resolveSecrets(config);
  const app = await createApp({ config, databaseUrl: database.url, secrets }, { logger: ['error', 'warn'] });
  const store = app.get<EventStore>(EVENT_STORE);
  const port = await freePort();
  await app.listen(port, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  const poc = await signToken(secrets.authJwtSecret, { sub: 'bench-poc', role: 'poc', institution: 'Office of the Prime Minister' });
  const open = cycles.at(-1)!.openConsultation!;
  const lfp = await signToken(secrets.authJwtSecret, { sub: 'bench-lfp', role: 'lfp', institution: open.lead });
  const ids = cycles.flatMap((c) => c.contributionIds);

  // The projections rebuild the generated log first: reads are measured on caught-up views.
  const head = (await store.head())!;
  const caughtUp = async (position: string) => {
    const res = await fetch(`${base}/v1/admin/projections`, { headers: { Authorization: `Bearer ${poc}` } });
    const { items } = (await res.json()) as { items: { checkpoint: string | null; horizon: string | null }[] };
    return items.every((p) => [p.checkpoint, p.horizon].some((x) => x !== null && store.comparePositions(x, position) >= 0));
  };
  const rebuildStarted = Date.now();
  while (!(await caughtUp(head))) await sleep(500);
  log(`${ids.length} contributions, views caught up in ${((Date.now() - rebuildStarted) / 1000).toFixed(1)} s; ${machine().uptime}`);

  let pick = 1;
  const nextId = () => ids[(pick = (pick * 7919 + 104729) % ids.length)];
  const read = async (id: string, latencies: number[]): Promise<number> => {
    const t0 = performance.now();
    try {
      const res = await fetch(`${base}/v1/contributions/${id}/accountability`, { headers: { Authorization: `Bearer ${poc}` } });
      await res.arrayBuffer();
      latencies.push(performance.now() - t0);
      return res.status;
    } catch {
      // A connection the server reset: an error, and its time counts.
      latencies.push(performance.now() - t0);
      return -1;
    }
  };
  const command = async (): Promise<{ status: number; id?: string; at: number }> => {
    const res = await fetch(`${base}/v1/contributions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${lfp}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ consultationId: open.consultationId, channel: 'online_comment', body: 'Publish the procurement plans of every ministry, quarterly.' }),
    });
    const body = (await res.json()) as { id?: string };
    return { status: res.status, id: body.id, at: performance.now() };
  };
  /** Commands at a fixed rate until `until`; `then` runs on each acknowledged one. */
  const appendAtRate = async (until: number, then?: (ack: { id: string; at: number }) => Promise<void>) => {
    const inflight: Promise<unknown>[] = [];
    let errors = 0;
    let sent = 0;
    for (let next = Date.now(); Date.now() < until; ) {
      next += 1000 / COMMANDS_PER_SECOND;
      sent++;
      inflight.push(
        command().catch(() => ({ status: -1, at: performance.now() })).then(async (ack: { status: number; id?: string; at: number }) => {
          if (ack.status !== 201 || !ack.id) errors++;
          else if (then) await then({ id: ack.id, at: ack.at });
        }),
      );
      const wait = next - Date.now();
      if (wait > 0) await sleep(wait);
    }
    await Promise.all(inflight);
    return { sent, errors, perSecond: +(sent / SECONDS).toFixed(1) };
  };

  // 0. For scale: the read alone (8 closed-loop clients, nothing appended).
  const aloneLatencies: number[] = [];
  let aloneErrors = 0;
  {
    const until = Date.now() + SECONDS * 1000;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (Date.now() < until) if ((await read(nextId(), aloneLatencies)) !== 200) aloneErrors++;
    }));
  }
  const alone = { clients: 8, ...stats(aloneLatencies, SECONDS, aloneErrors) };
  log(`0. reads alone, 8 clients: ${alone.perSecond} req/s, p50 ${alone.p50Ms} ms, p99 ${alone.p99Ms} ms`);

  // 1. A fixed rate of reads while commands are appended.
  const fixedLatencies: number[] = [];
  let fixedErrors = 0;
  const loadBefore = machine().uptime;
  {
    const until = Date.now() + SECONDS * 1000;
    const writes = appendAtRate(until);
    const inflight: Promise<void>[] = [];
    for (let next = Date.now(); Date.now() < until; ) {
      next += 1000 / RATE;
      inflight.push(read(nextId(), fixedLatencies).then((s) => void (s !== 200 && fixedErrors++)));
      const wait = next - Date.now();
      if (wait > 0) await sleep(wait);
    }
    await Promise.all([...inflight, writes]);
  }
  const fixed = { ratePerSecond: RATE, commandsPerSecond: COMMANDS_PER_SECOND, ...stats(fixedLatencies, SECONDS, fixedErrors) };
  log(`1. ${RATE} req/s fixed, ${COMMANDS_PER_SECOND} commands/s: p50 ${fixed.p50Ms} ms, p99 ${fixed.p99Ms} ms, ${fixed.errors} errors`);

  // 2. Closed-loop clients in steps: the best throughput within p99 ≤ 100 ms.
  const steps: (Stats & { clients: number })[] = [];
  for (const clients of [2, 4, 8, 16, 32, 64]) {
    const latencies: number[] = [];
    let errors = 0;
    const until = Date.now() + SECONDS * 1000;
    const writes = appendAtRate(until);
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (Date.now() < until) if ((await read(nextId(), latencies)) !== 200) errors++;
      }),
    );
    await writes;
    const step = { clients, ...stats(latencies, SECONDS, errors) };
    steps.push(step);
    log(`2. ${clients} clients: ${step.perSecond} req/s, p50 ${step.p50Ms} ms, p99 ${step.p99Ms} ms, ${step.errors} errors`);
    if (step.p99Ms > P99_LIMIT_MS * 2) break;
  }
  const within = steps.filter((s) => s.p99Ms <= P99_LIMIT_MS && s.errors === 0);
  const best = within.reduce<(typeof steps)[number] | null>((b, s) => (b === null || s.perSecond > b.perSecond ? s : b), null);
  log(`2. most req/s with p99 ≤ ${P99_LIMIT_MS} ms: ${best ? `${best.perSecond} (${best.clients} clients, p99 ${best.p99Ms} ms)` : 'none'}`);

  // 3. Append acknowledged → visible in the accountability view.
  const visible: number[] = [];
  let neverVisible = 0;
  await appendAtRate(Date.now() + SECONDS * 1000, async ({ id, at }) => {
    for (const deadline = at + 10_000; performance.now() < deadline; ) {
      const res = await fetch(`${base}/v1/contributions/${id}/accountability`, { headers: { Authorization: `Bearer ${poc}` } });
      await res.arrayBuffer();
      if (res.status === 200) {
        visible.push(performance.now() - at);
        return;
      }
      await sleep(2);
    }
    neverVisible++;
  });
  visible.sort((a, b) => a - b);
  const visibility = { commandsPerSecond: COMMANDS_PER_SECOND, samples: visible.length, p50Ms: +percentile(visible, 50).toFixed(1), p99Ms: +percentile(visible, 99).toFixed(1), maxMs: +(visible.at(-1) ?? NaN).toFixed(1), neverVisible };
  log(`3. append acknowledged → visible: p50 ${visibility.p50Ms} ms, p99 ${visibility.p99Ms} ms (${visibility.samples} commands, ${neverVisible} not visible within 10 s)`);

  const result = {
    benchmark: 'read',
    at: new Date().toISOString(),
    machine: machine(),
    loadBefore,
    record: { events: EVENTS, contributions: ids.length },
    readsAlone: alone,
    fixedRate: fixed,
    maxThroughput: { p99LimitMs: P99_LIMIT_MS, best, steps },
    appendToVisible: visibility,
  };
  log(`${result.machine.uptime}`);
  log(`written to ${await writeResults('read', result.at, result)}`);
  await app.close();
  await database.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
