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
import { signToken } from '../../src/security/tokens.js';

/**
 * The service as `npm start` runs it, on the embedded PostgreSQL, while its PostgreSQL is killed
 * with SIGKILL under load: the service says so in its log and starts it again; meanwhile writes
 * are refused with 503 and Retry-After (never 500), and every write it acknowledged is there once.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let dataDir: string;
let port: number;
let pgPort: number;
let service: ChildProcess | undefined;
let output = '';

const url = (p: string) => `http://127.0.0.1:${port}${p}`;

function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) !== 'Z';
  } catch {
    return false;
  }
}

async function postmasterPid(): Promise<number> {
  return Number((await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn().catch(() => undefined);
    if (value !== undefined) return value;
    if (service && service.exitCode !== null) throw new Error(`the service exited (${service.exitCode}) while waiting for ${what}\n${output.slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${output.slice(-3000)}`);
    await sleep(100);
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'cr-pg-restart-'));
  await chmod(dataDir, 0o755);
  port = await freePort();
  pgPort = await freePort();
});

afterAll(async () => {
  if (service && service.exitCode === null) {
    service.kill('SIGTERM');
    await once(service, 'exit');
  }
  await rm(dataDir, { recursive: true, force: true });
});

test('PostgreSQL killed under load: restarted and logged, writes meanwhile 503 with Retry-After, nothing acknowledged lost', async () => {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), LOG_LEVEL: 'log' };
  service = spawn(process.execPath, [path.join(root, 'dist/src/main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  service.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  service.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await until('the service', async () => ((await fetch(url('/health'))).status === 200 ? true : undefined));
  const secrets = JSON.parse(await readFile(path.join(dataDir, 'secrets.json'), 'utf8')) as { authJwtSecret: string };
  const poc = await signToken(secrets.authJwtSecret, { sub: 'poc', role: 'poc', institution: 'Office of the Prime Minister' });

  const answers: Array<{ requestId: string; status: number; retryAfter: string | null; code: string | undefined }> = [];
  let writing = true;
  const writer = (async () => {
    for (let i = 0; writing; i++) {
      const requestId = randomUUID();
      try {
        const res = await fetch(url('/v1/stakeholders'), {
          method: 'POST',
          headers: { Authorization: `Bearer ${poc}`, 'Content-Type': 'application/json', 'X-Request-Id': requestId },
          body: JSON.stringify({ kind: 'cso', name: `Civil society organisation ${i}` }),
        });
        const body = (await res.json()) as { code?: string };
        answers.push({ requestId, status: res.status, retryAfter: res.headers.get('retry-after'), code: body.code });
      } catch (error) {
        answers.push({ requestId, status: -1, retryAfter: null, code: String(error) });
        await sleep(100);
      }
      if (service?.exitCode !== null) break;
    }
  })();

  await until('some acknowledged writes', async () => (answers.filter((a) => a.status === 201).length >= 20 ? true : undefined));
  const killed = await postmasterPid();
  process.kill(killed, 'SIGKILL');
  const answeredBeforeKill = answers.length;

  await until('the restart to be logged', async () => (/restarted after \d+ attempt/.test(output) ? true : undefined));
  expect(output).toMatch(new RegExp(`the server \\(pid ${killed}\\) is gone; restarting it`));
  await until('writes to succeed again', async () => (answers.slice(answeredBeforeKill).some((a, i, rest) => a.status === 201 && rest.slice(0, i).some((b) => b.status === 503)) ? true : undefined));
  const afterRecovery = answers.length;
  await until('more acknowledged writes', async () => (answers.slice(afterRecovery).filter((a) => a.status === 201).length >= 10 ? true : undefined));
  writing = false;
  await writer;

  const newPid = await postmasterPid();
  expect(newPid).not.toBe(killed);
  expect(running(newPid)).toBe(true);

  // During the outage: 503 with Retry-After and a code; never a 500, never a dropped connection.
  const refused = answers.filter((a) => a.status !== 201);
  expect(refused.length).toBeGreaterThan(0);
  expect(refused.filter((a) => !(a.status === 503 && a.retryAfter !== null && a.code === 'DATABASE.UNAVAILABLE'))).toEqual([]);

  // Every acknowledged write is in the log exactly once.
  const password = (await readFile(path.join(dataDir, 'postgres.password'), 'utf8')).trim();
  const client = new pg.Client({ connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/consultation_record` });
  await client.connect();
  try {
    const acknowledged = answers.filter((a) => a.status === 201).map((a) => a.requestId);
    const { rows } = await client.query<{ id: string; n: number }>(
      `SELECT metadata->>'requestId' AS id, count(*)::int AS n FROM events WHERE metadata->>'requestId' = ANY ($1) GROUP BY 1`,
      [acknowledged],
    );
    expect(rows.length).toBe(acknowledged.length);
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
  } finally {
    await client.end();
  }

  // The projections came through the outage: none failed, all caught up.
  await until('the projections to catch up', async () => {
    const res = await fetch(url('/v1/admin/projections'), { headers: { Authorization: `Bearer ${poc}` } });
    const items = ((await res.json()) as { items: Array<{ status: string; lag: number }> }).items;
    expect(items.filter((p) => p.status === 'failed')).toEqual([]);
    return items.every((p) => p.lag === 0) ? true : undefined;
  });

  service.kill('SIGTERM');
  const [code] = await once(service, 'exit');
  expect(code).toBe(0);
  expect(running(newPid)).toBe(false);
}, 180_000);
