import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
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

test('keeps its data between runs and recovers when the previous run was killed (SIGKILL)', async () => {
  const first = start();
  await healthy();
  // Something to find again: the generated secrets file and an event.
  const secrets = JSON.parse(await readFile(path.join(dataDir, 'secrets.json'), 'utf8')) as { authJwtSecret: string };
  const { signToken } = await import('../../src/security/tokens.js');
  const poc = await signToken(secrets.authJwtSecret, { sub: 'poc', role: 'poc', institution: 'Office of the Prime Minister' });
  const created = await fetch(`http://127.0.0.1:${port}/v1/stakeholders`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${poc}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ kind: 'cso', name: 'Albanian Institute of Public Affairs' }),
  });
  expect(created.status).toBe(201);
  const orphan = await postmasterPid();
  first.child.kill('SIGKILL');
  await once(first.child, 'exit');
  expect(orphan && alive(orphan)).toBeTruthy(); // PostgreSQL outlived its parent

  const second = start();
  const health = await healthy();
  expect(health.status).toBe(200);
  expect(health.body.eventStore?.head).not.toBeNull();
  expect(second.output()).toMatch(/from a previous run is still up|stale postmaster.pid/);
  second.child.kill('SIGTERM');
  expect((await once(second.child, 'exit'))[0]).toBe(0);
}, 180_000);

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
