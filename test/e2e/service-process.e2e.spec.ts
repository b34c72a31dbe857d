import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from '../../src/config/free-port.js';

/**
 * The service as `npm start` runs it: a real process on the embedded PostgreSQL (no DATABASE_URL),
 * started, stopped, killed and started again.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let dataDir: string;
let port: number;
let pgPort: number;

function start(extraEnv: Record<string, string> = {}): { child: ChildProcess; output: () => string } {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), LOG_LEVEL: 'log', ...extraEnv };
  const child = spawn(process.execPath, [path.join(root, 'dist/src/main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function healthy(): Promise<{ status: number; body: { eventStore?: { head: string | null } } }> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      return { status: res.status, body: (await res.json()) as { eventStore?: { head: string | null } } };
    } catch {
      if (Date.now() > deadline) throw new Error('the service never answered /health');
      await sleep(100);
    }
  }
}

async function postmasterPid(): Promise<number | null> {
  try {
    return Number((await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
  } catch {
    return null;
  }
}

/** Running, not a zombie (PID 1 in a container may not reap the stopped server). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'cr-service-'));
  await chmod(dataDir, 0o755);
  port = await freePort();
  pgPort = await freePort();
});

afterAll(async () => {
  const pid = await postmasterPid();
  if (pid && alive(pid)) process.kill(pid, 'SIGINT');
  await sleep(500);
  await rm(dataDir, { recursive: true, force: true });
});

test('starts on the embedded PostgreSQL, answers /health, stops cleanly on SIGTERM', async () => {
  const { child, output } = start();
  const health = await healthy();
  expect(health.status).toBe(200);
  // At the default level: one line per request, and no route table.
  await fetch(`http://127.0.0.1:${port}/v1/cycles`, { headers: { 'X-Request-Id': 'text-log-1' } });
  await sleep(200);
  expect(output()).toMatch(/\[HTTP\] GET \/v1\/cycles 200 [\d.]+ ms requestId=text-log-1/);
  expect(output()).not.toContain('Mapped {');
  // The embedded default separates the roles: the service is not the owner of the log.
  expect(output()).toContain('the service runs as the database role consultation_record_service');
  expect(output()).not.toContain('owns the event log');
  expect(health.body).toMatchObject({ status: 'ok', database: { status: 'up' }, eventStore: { status: 'up', head: null } });
  const pid = await postmasterPid();
  expect(pid && alive(pid)).toBeTruthy();
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  expect(code).toBe(0);
  expect(output()).toContain('embedded PostgreSQL: stopped');
  expect(alive(pid!)).toBe(false);
}, 120_000);

test('the CLI run next to the service uses its PostgreSQL and leaves it running', async () => {
  const service = start();
  expect((await healthy()).status).toBe(200);
  const pid = await postmasterPid();
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) };
  const cli = spawn(process.execPath, [path.join(root, 'dist/src/cli/main.js'), 'rebuild', '--compare'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let cliOutput = '';
  cli.stdout?.on('data', (chunk: Buffer) => (cliOutput += chunk.toString()));
  cli.stderr?.on('data', (chunk: Buffer) => (cliOutput += chunk.toString()));
  const [cliCode] = await once(cli, 'exit');
  expect(cliOutput).toContain(`started by process ${service.child.pid}`);
  expect(cliCode).toBe(0);
  // Same server, still up, and the service still answers.
  expect(await postmasterPid()).toBe(pid);
  expect(alive(pid!)).toBe(true);
  expect((await healthy()).status).toBe(200);
  expect(service.output()).not.toContain('embedded PostgreSQL: stopped');
  service.child.kill('SIGTERM');
  expect((await once(service.child, 'exit'))[0]).toBe(0);
  expect(alive(pid!)).toBe(false);
}, 180_000);

/** A command of the crash test: sent with an Idempotency-Key, so a retry after a crash is the same command. */
interface Command {
  key: string;
  path: string;
  body: Record<string, unknown>;
  /** The text only this command's event carries, to count it in the log. */
  text: string;
  outcome: 'pending' | 'acked' | 'lost';
  id?: string;
}

const CRASH_ROUNDS = 3;
const WORKERS = 4;
/** Acknowledged commands per round before the kill: the kill lands while WORKERS more are in flight. */
const ACKS_BEFORE_KILL = 40;

test('crash test: commands under load, SIGKILL of the service, restart — every acknowledged command once, every view equal to its rebuild', async () => {
  const first = start();
  await healthy();
  const secrets = JSON.parse(await readFile(path.join(dataDir, 'secrets.json'), 'utf8')) as { authJwtSecret: string };
  const { signToken } = await import('../../src/security/tokens.js');
  const poc = await signToken(secrets.authJwtSecret, { sub: 'poc', role: 'poc', institution: 'Office of the Prime Minister' });
  const post = (p: string, body: object, key?: string) =>
    fetch(`http://127.0.0.1:${port}${p}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${poc}`, 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) },
      body: JSON.stringify(body),
    });
  const cycle = await post('/v1/cycles', {
    country: 'Albania',
    title: 'Albania NAP 2020–2022',
    periodStart: '2020-09-01',
    periodEnd: '2022-08-31',
    pocInstitution: 'Office of the Prime Minister',
    methodology: "Based on the mechanisms and processes of Albania's Integrated Planning System",
  });
  expect(cycle.status).toBe(201);
  const cycleId = ((await cycle.json()) as { id: string }).id;
  const meeting = await post('/v1/consultations', {
    cycleId,
    kind: 'thematic_meeting',
    title: 'National Council for Civil Society: thematic consultation',
    announcedAt: '2020-09-21T09:00:00Z',
    opensAt: '2020-10-06T09:00:00Z',
    closesAt: '2020-10-06T13:00:00Z',
  });
  expect(meeting.status).toBe(201);
  const consultationId = ((await meeting.json()) as { id: string }).id;

  const commands: Command[] = [];
  const serverErrors: string[] = [];
  let n = 0;
  const next = (): Command => {
    const i = n++;
    const text = `Crash test ${i}: ${randomUUID()}`;
    const c: Command =
      i % 2 === 0
        ? { key: randomUUID(), path: '/v1/stakeholders', body: { kind: 'cso', name: text }, text, outcome: 'pending' }
        : { key: randomUUID(), path: '/v1/contributions', body: { consultationId, channel: 'meeting', body: text }, text, outcome: 'pending' };
    commands.push(c);
    return c;
  };
  /** Sends until the connection fails (the kill); a 5xx is recorded, never expected. */
  const worker = async (stop: () => boolean) => {
    while (!stop()) {
      const c = next();
      try {
        const res = await post(c.path, c.body, c.key);
        const body = (await res.json()) as { id?: string; code?: string };
        if (res.status >= 500) serverErrors.push(`${res.status} ${c.path} ${JSON.stringify(body)}`);
        if (res.status !== 201) throw new Error(`${c.path} answered ${res.status} ${JSON.stringify(body)}`);
        c.outcome = 'acked';
        c.id = body.id;
      } catch (error) {
        if (error instanceof Error && error.message.includes(' answered ')) throw error;
        c.outcome = 'lost'; // no answer: it may or may not have been appended
        return;
      }
    }
  };

  let service = first;
  for (let round = 1; round <= CRASH_ROUNDS; round++) {
    if (round > 1) {
      service = start();
      expect((await healthy()).status).toBe(200);
    }
    let killed = false;
    const ackedBefore = commands.filter((c) => c.outcome === 'acked').length;
    const workers = Array.from({ length: WORKERS }, () => worker(() => killed));
    const orphan = await postmasterPid();
    while (commands.filter((c) => c.outcome === 'acked').length < ackedBefore + ACKS_BEFORE_KILL) await sleep(5);
    service.child.kill('SIGKILL');
    killed = true;
    await once(service.child, 'exit');
    await Promise.all(workers);
    expect(orphan && alive(orphan)).toBeTruthy(); // PostgreSQL outlived its parent
  }

  const last = start();
  const health = await healthy();
  expect(health.status).toBe(200);
  expect(health.body.eventStore?.head).not.toBeNull();
  expect(last.output()).toMatch(/from a previous run is still up|stale postmaster.pid/);

  // The commands that got no answer, sent again with their key: the same command, never a second one.
  const ackedUnderLoad = commands.filter((c) => c.outcome === 'acked').length;
  const lost = commands.filter((c) => c.outcome === 'lost');
  expect(lost.length).toBeGreaterThan(0);
  for (const c of lost) {
    for (let attempt = 0; ; attempt++) {
      const res = await post(c.path, c.body, c.key);
      const body = (await res.json()) as { id?: string; code?: string };
      if (res.status === 409 && body.code === 'IDEMPOTENCY.IN_PROGRESS' && attempt < 400) {
        await sleep(100); // the killed process's lease on the key runs out
        continue;
      }
      expect(res.status).toBe(201);
      c.outcome = 'acked';
      c.id = body.id;
      break;
    }
  }

  // Exactly once in the log: every command's text in one event, of the stream of the id it was answered.
  const password = (await readFile(path.join(dataDir, 'postgres.password'), 'utf8')).trim();
  const db = new pg.Client({ connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/consultation_record` });
  await db.connect();
  let position: string;
  try {
    const { rows } = await db.query<{ text: string; streams: string[] }>(
      `SELECT coalesce(data->>'name', data->>'body') AS text, array_agg(stream_id) AS streams
         FROM events WHERE type IN ('StakeholderRegistered', 'ContributionReceived')
          AND coalesce(data->>'name', data->>'body') LIKE 'Crash test %'
        GROUP BY 1`,
    );
    const inLog = new Map(rows.map((r) => [r.text, r.streams]));
    const missing = commands.filter((c) => !inLog.has(c.text));
    const duplicated = rows.filter((r) => r.streams.length !== 1);
    const elsewhere = commands.filter((c) => inLog.get(c.text)?.[0] !== `${c.path === '/v1/stakeholders' ? 'stakeholder' : 'contribution'}-${c.id}`);
    expect({ commands: commands.length, inLog: rows.length, missing: missing.length, duplicated: duplicated.length, elsewhere: elsewhere.length }).toEqual({
      commands: commands.length,
      inLog: commands.length,
      missing: 0,
      duplicated: 0,
      elsewhere: 0,
    });
    position = (await db.query<{ p: string }>(`SELECT transaction_id::text || ':' || global_position AS p FROM events ORDER BY transaction_id DESC, global_position DESC LIMIT 1`)).rows[0].p;
  } finally {
    await db.end();
  }
  expect(serverErrors).toEqual([]);

  // Every view equal to its rebuild from the log, once the projections have caught up.
  const caughtUp = await fetch(`http://127.0.0.1:${port}/v1/cycles/${cycleId}/reasoned-response?consistentWith=${position}`);
  expect(caughtUp.status).toBe(200);
  const cli = spawn(process.execPath, [path.join(root, 'dist/src/cli/main.js'), 'rebuild', '--compare'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let report = '';
  cli.stdout?.on('data', (chunk: Buffer) => (report += chunk.toString()));
  cli.stderr?.on('data', (chunk: Buffer) => (report += chunk.toString()));
  const [code] = await once(cli, 'exit');
  expect(report).not.toContain('DIFFERENT');
  expect(report).toMatch(/accountability \(v\d+\): equal/);
  expect(code).toBe(0);
  // Figures for the report (not assertions about time).
  console.log(
    `crash test: ${CRASH_ROUNDS} SIGKILL rounds, ${commands.length} commands (${ackedUnderLoad} acknowledged under load, ${lost.length} unanswered and retried with their key), 0 missing, 0 duplicated, 0 5xx, every view equal to its rebuild`,
  );

  last.child.kill('SIGTERM');
  expect((await once(last.child, 'exit'))[0]).toBe(0);
}, 400_000);

test('refuses to start on invalid configuration, naming the variable', async () => {
  const { child, output } = start({ PORT: 'eighty' });
  const [code] = await once(child, 'exit');
  expect(code).toBe(1);
  expect(output()).toContain('PORT must be an integer between 1 and 65535');
}, 30_000);

test('LOG_FORMAT=json logs one JSON object per line, a line per request; the route table only at debug; npm run token names a secret the service does not use', async () => {
  const { child, output } = start({ LOG_FORMAT: 'json', LOG_LEVEL: 'debug' });
  expect((await healthy()).status).toBe(200);
  await fetch(`http://127.0.0.1:${port}/v1/contributions/not-an-id/accountability`, { headers: { 'X-Request-Id': 'json-log-1' } });

  const token = (env: Record<string, string>) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(root, 'dist/src/cli/token.js'), '--role', 'auditor'], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, BASE_URL: `http://127.0.0.1:${port}`, ...env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
  const same = await token({});
  expect(same).toMatchObject({ code: 0, stderr: '' });
  expect(same.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  const other = await token({ AUTH_JWT_SECRET: 'another-secret-another-secret-another-secret' });
  expect(other.code).toBe(3);
  expect(other.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  expect(other.stderr).toMatch(/the service at http:\/\/127\.0\.0\.1:\d+ rejects this token: it uses another secret .*\(AUTH_JWT_SECRET\)/);

  child.kill('SIGTERM');
  expect((await once(child, 'exit'))[0]).toBe(0);
  const lines = output()
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines.find((l) => l.requestId === 'json-log-1')).toMatchObject({
    level: 'log',
    context: 'HTTP',
    method: 'GET',
    path: '/v1/contributions/not-an-id/accountability',
    status: 404,
    durationMs: expect.any(Number),
  });
  // The route table is there, at debug.
  expect(lines.filter((l) => typeof l.message === 'string' && (l.message as string).startsWith('Mapped {')).every((l) => l.level === 'debug')).toBe(true);
  expect(lines.some((l) => typeof l.message === 'string' && (l.message as string).startsWith('Mapped {'))).toBe(true);
}, 120_000);
