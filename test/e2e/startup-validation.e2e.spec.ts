import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, connect, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../src/config/free-port.js';

/**
 * A start that fails never leaves a PostgreSQL running: every setting is checked before the
 * embedded PostgreSQL starts (a malformed or unreachable EventStoreDB, unusable secrets), and what
 * fails after it started (the HTTP port taken) stops it again. The service is spawned as `npm
 * start` runs it.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dirs: string[] = [];

async function run(extraEnv: Record<string, string>, prepare?: (dataDir: string) => Promise<void>) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cr-startup-'));
  await chmod(dataDir, 0o755);
  dirs.push(dataDir);
  await prepare?.(dataDir);
  const pgPort = await freePort();
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, PORT: String(await freePort()), EMBEDDED_PG_PORT: String(pgPort), LOG_LEVEL: 'log', ...extraEnv };
  const child = spawn(process.execPath, [path.join(root, 'dist/src/main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = await once(child, 'exit');
  return { code: code as number, output, dataDir, pgPort };
}

/** Nothing accepts connections on the port. */
function closed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

const clusterOf = (dataDir: string) => path.join(dataDir, 'postgres', 'PG_VERSION');

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

test('a malformed EVENTSTORE_CONNECTION_STRING stops start-up before anything starts, naming the variable and the reason', async () => {
  const { code, output, dataDir, pgPort } = await run({ EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=maybe' });
  expect(code).toBe(1);
  expect(output).toContain('EVENTSTORE_CONNECTION_STRING is not a valid connection string: Unexpected "maybe"');
  expect(existsSync(clusterOf(dataDir))).toBe(false);
  expect(await closed(pgPort)).toBe(true);
}, 60_000);

test('an EventStoreDB that does not answer stops start-up before PostgreSQL starts', async () => {
  const { code, output, dataDir, pgPort } = await run({ EVENTSTORE_CONNECTION_STRING: `esdb://127.0.0.1:${await freePort()}?tls=false` });
  expect(code).toBe(1);
  expect(output).toMatch(/EVENTSTORE_CONNECTION_STRING: EventStoreDB at 127\.0\.0\.1:\d+ does not answer/);
  expect(output).not.toContain('starting the embedded PostgreSQL');
  expect(existsSync(clusterOf(dataDir))).toBe(false);
  expect(await closed(pgPort)).toBe(true);
}, 60_000);

test('unusable secrets in DATA_DIR stop start-up before PostgreSQL starts', async () => {
  const { code, output, dataDir, pgPort } = await run({}, (dir) => writeFile(path.join(dir, 'secrets.json'), '{}\n'));
  expect(code).toBe(1);
  expect(output).toContain('secrets.json is incomplete');
  expect(existsSync(clusterOf(dataDir))).toBe(false);
  expect(await closed(pgPort)).toBe(true);
}, 60_000);

test('a failure after PostgreSQL started (the HTTP port taken) stops it again', async () => {
  const taken: Server = createServer();
  await new Promise<void>((resolve) => taken.listen(0, resolve));
  const port = (taken.address() as { port: number }).port;
  try {
    const { code, output, dataDir, pgPort } = await run({ PORT: String(port) });
    expect(output).toContain('starting the embedded PostgreSQL');
    expect(existsSync(clusterOf(dataDir))).toBe(true);
    expect(code).toBe(1);
    expect(output).toContain('EADDRINUSE');
    expect(output).toContain('embedded PostgreSQL: stopped');
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(await closed(pgPort)).toBe(true);
  } finally {
    taken.close();
  }
}, 120_000);
