/**
 * npm run bench:import — the bulk intake: an NDJSON campaign POSTed to
 * /v1/consultations/:id/contributions:import on a service with its projections running, then
 * the time until every view has caught up with the import's last position, then the same file
 * again (it must append nothing).
 *
 * Prints, and writes to bench/results/import-<time>.json: lines, contributions/s accepted (from
 * the request's start to its answer), seconds until all views caught up after the answer, the
 * re-send's time and what it appended, with the machine and its `uptime` load.
 *
 * Options: --lines (default 100000); --intake-only runs the service without its projections and
 * measures the intake alone. DATABASE_URL uses a server of your own instead of a fresh
 * embedded one.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { parseCommandLine } from '../src/cli/args.js';
import { createApp } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/app-config.js';
import { freePort } from '../src/config/free-port.js';
import { runMigrations } from '../src/database/data-source.js';
import { EVENT_STORE, type EventStore } from '../src/event-store/event-store.port.js';
import { resolveSecrets } from '../src/security/secrets.js';
import { signToken } from '../src/security/tokens.js';
import { benchDatabase } from './support/bench-database.js';
import { machine } from './support/machine.js';
import { writeResults } from './support/results.js';

const { options } = parseCommandLine(process.argv.slice(2), { lines: { type: 'string' }, 'intake-only': { type: 'boolean' } });
/** The service without its projections: the intake alone, nothing competing for the two cores. */
const INTAKE_ONLY = options['intake-only'] === true;
const LINES = options.lines === undefined ? 100_000 : Number(options.lines);
if (!Number.isInteger(LINES) || LINES <= 0) throw new Error('--lines must be a positive integer');

const log = (line: string) => console.log(`[bench:import] ${line}`);

const CAMPAIGNS = [
  'Publish every public procurement contract in full, with its annexes, within ten days of signature.',
  'Make the asset declarations of senior officials searchable online.',
  'Protect whistleblowers in the public administration by law, with an independent channel.',
];

/** A campaign: most comments repeat one of a few texts (each at its own time, so each is a contribution), some are original. */
function campaign(lines: number, organisation: string, individuals: string[]): string {
  const start = Date.parse('2020-10-01T00:00:00Z');
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const receivedAt = new Date(start + i * 1000).toISOString();
    const original = i % 5 === 0;
    const body = original ? `Comment ${i}: open the data of municipality ${i % 61} on the national portal, monthly.` : CAMPAIGNS[i % CAMPAIGNS.length];
    const from = i % 100 === 0 ? { stakeholderId: individuals[i % individuals.length] } : i % 10 === 1 ? { stakeholderId: organisation } : {};
    out.push(JSON.stringify({ channel: 'online_comment', body, receivedAt, ...from }));
  }
  return `${out.join('\n')}\n`;
}

async function main(): Promise<void> {
  const database = await benchDatabase('import');
  await runMigrations(database.url);
  const config = loadConfig({}, { DATABASE_URL: database.url, AUTH_JWT_SECRET: randomBytes(24).toString('hex'), MASTER_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'warn', CONSISTENCY_TIMEOUT_MS: 10000, ...(INTAKE_ONLY ? { PROJECTIONS_ENABLED: 'false' } : {}) });
  const secrets = await resolveSecrets(config);
  const app = await createApp({ config, databaseUrl: database.url, secrets }, { logger: ['error', 'warn'] });
  const port = await freePort();
  await app.listen(port, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  const store = app.get<EventStore>(EVENT_STORE);
  const poc = await signToken(secrets.authJwtSecret, { sub: 'bench-poc', role: 'poc', institution: 'Office of the Prime Minister' });
  const post = async (path: string, body: object) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${poc}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const cycle = await post('/v1/cycles', { country: 'Albania', title: 'Albania NAP 2020–2022', periodStart: '2020-09-01', periodEnd: '2022-08-31', pocInstitution: 'Office of the Prime Minister' });
  const area = await post(`/v1/cycles/${cycle.id}/policy-areas`, { name: 'Anti-Corruption', leadInstitution: 'Ministry of Justice' });
  const consultation = await post('/v1/consultations', {
    cycleId: cycle.id,
    policyAreaId: area.id,
    kind: 'public_consultation',
    title: 'Public consultation of the draft plan',
    announcedAt: '2020-09-21T09:00:00Z',
    opensAt: '2020-10-01T00:00:00Z',
    closesAt: '2020-11-01T00:00:00Z',
  });
  const organisation = (await post('/v1/stakeholders', { kind: 'cso', name: 'Albanian Helsinki Committee' })).id;
  const individuals = await Promise.all(Array.from({ length: 20 }, (_, i) => post('/v1/stakeholders', { kind: 'individual', name: `Citizen ${i}` }).then((s) => s.id)));
  const lfp = await signToken(secrets.authJwtSecret, { sub: 'bench-lfp', role: 'lfp', institution: 'Ministry of Justice' });

  const file = campaign(LINES, organisation, individuals);
  log(`${LINES} lines, ${(Buffer.byteLength(file) / 1024 / 1024).toFixed(1)} MB; ${machine().uptime}`);
  const send = async () => {
    const t0 = performance.now();
    const res = await fetch(`${base}/v1/consultations/${consultation.id}/contributions:import`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${lfp}`, 'Content-Type': 'application/x-ndjson', 'X-Request-Id': randomUUID() },
      body: file,
    });
    const summary = (await res.json()) as { accepted: number; rejected: number; alreadyRecorded: number; duplicatesOfEarlierLines: number; lastPosition: string | null };
    if (res.status !== 200) throw new Error(`import: ${res.status} ${JSON.stringify(summary)}`);
    return { summary, seconds: (performance.now() - t0) / 1000 };
  };

  const loadBefore = machine();
  const first = await send();
  const answeredAt = performance.now();
  const rate = Math.round(first.summary.accepted / first.seconds);
  log(`accepted ${first.summary.accepted} (rejected ${first.summary.rejected}, repeated ${first.summary.duplicatesOfEarlierLines}) in ${first.seconds.toFixed(2)} s: ${rate} contributions/s`);

  if (INTAKE_ONLY) {
    const result = { benchmark: 'import', at: new Date().toISOString(), machine: machine(), loadBefore: loadBefore.uptime, lines: LINES, projections: false, import: { accepted: first.summary.accepted, seconds: +first.seconds.toFixed(2), contributionsPerSecond: rate } };
    log(`written to ${await writeResults('import', result.at, result)}`);
    await app.close();
    await database.stop();
    return;
  }
  // Caught up: every projection's checkpoint (or horizon) at or past the import's last position.
  // Read from the checkpoint table itself: GET /v1/admin/projections also counts each view's lag
  // by reading the log, which every 100 ms would be most of the load it measures.
  const last = first.summary.lastPosition!;
  const checkpoints = new pg.Client({ connectionString: database.url });
  await checkpoints.connect();
  let caughtUpSeconds: number;
  for (;;) {
    const { rows: items } = await checkpoints.query<{ name: string; position: string | null; horizon: string | null }>('SELECT name, position, horizon FROM projection_state');
    const behind = items.filter((p) => ![p.position, p.horizon].some((x) => x !== null && store.comparePositions(x, last) >= 0));
    if (behind.length === 0) {
      caughtUpSeconds = (performance.now() - answeredAt) / 1000;
      break;
    }
    if (performance.now() - answeredAt > 600_000) throw new Error(`views still behind after 600 s: ${behind.map((p) => p.name).join(', ')}`);
    await sleep(100);
  }
  await checkpoints.end();
  log(`all views caught up ${caughtUpSeconds.toFixed(2)} s after the answer (${(first.seconds + caughtUpSeconds).toFixed(2)} s after the request started)`);

  const count = async () => {
    const c = new pg.Client({ connectionString: database.url });
    await c.connect();
    const n = Number((await c.query('SELECT count(*) AS n FROM events')).rows[0].n);
    await c.end();
    return n;
  };
  const eventsBefore = await count();
  const again = await send();
  const appendedAgain = (await count()) - eventsBefore;
  log(`the same file again: ${again.seconds.toFixed(2)} s, accepted ${again.summary.accepted}, already recorded ${again.summary.alreadyRecorded}, events appended ${appendedAgain}`);

  const result = {
    benchmark: 'import',
    at: new Date().toISOString(),
    machine: machine(),
    loadBefore: loadBefore.uptime,
    lines: LINES,
    projections: true,
    bytes: Buffer.byteLength(file),
    import: { accepted: first.summary.accepted, rejected: first.summary.rejected, duplicatesOfEarlierLines: first.summary.duplicatesOfEarlierLines, seconds: +first.seconds.toFixed(2), contributionsPerSecond: rate },
    viewsCaughtUpSecondsAfterAnswer: +caughtUpSeconds.toFixed(2),
    resend: { seconds: +again.seconds.toFixed(2), accepted: again.summary.accepted, alreadyRecorded: again.summary.alreadyRecorded, eventsAppended: appendedAgain },
  };
  log(`written to ${await writeResults('import', result.at, result)}`);
  await app.close();
  await database.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
