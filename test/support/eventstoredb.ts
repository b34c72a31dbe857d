/**
 * EventStoreDB for the tests, where one can be had: EVENTSTORE_CONNECTION_STRING (a server of
 * yours, shared by every test file), or under `npm run test:eventstoredb` with a Docker daemon, a
 * fresh KurrentDB container per test file (@testcontainers/kurrentdb), so that log-wide answers
 * (digests, exports) see only that file's events. The global setup decides, once, and says in
 * one line what did not run when neither is there.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** Set by the global setup: "1" when the EventStoreDB specs can run in this run. */
export const eventStoreDBAvailable = (): boolean => process.env.CR_TEST_ESDB === '1';

/** `npm run test:eventstoredb`: the e2e specs that run on EventStoreDB use it instead of PostgreSQL. */
export const eventStoreDBRun = (): boolean => process.env.CR_TEST_EVENT_STORE === 'eventstoredb';

export const KURRENTDB_IMAGE = process.env.CR_TEST_KURRENTDB_IMAGE ?? 'kurrentplatform/kurrentdb:25.0';

/** What did not run, in one line. */
export const NOT_RUN_LINE =
  'EventStoreDB: NOT RUN here — the event store contract suite on EventStoreDB (test/contract/eventstoredb.contract.spec.ts) and the ' +
  'service end to end on EventStoreDB (test/e2e/eventstoredb.e2e.spec.ts) need EVENTSTORE_CONNECTION_STRING or a Docker daemon ' +
  '(npm run test:eventstoredb); every other test ran on PostgreSQL';

/** Is a Docker daemon answering (DOCKER_HOST, or the default socket)? */
export async function dockerReachable(): Promise<boolean> {
  if (process.env.DOCKER_HOST) return true;
  const socket = '/var/run/docker.sock';
  if (!existsSync(socket)) return false;
  return new Promise((resolve) => {
    const s = connect(socket);
    s.once('connect', () => {
      s.end();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export interface TestEventStoreDB {
  connectionString: string;
  stop(): Promise<void>;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * One test file at a time on a shared server: their assertions about the whole log (a digest, the
 * next event after a position) hold only while nobody else appends. A lock folder, taken over
 * when its holder died.
 */
async function lockSharedServer(): Promise<() => Promise<void>> {
  const lock = path.join(tmpdir(), 'cr-test-eventstoredb.lock');
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(path.join(lock, 'pid'), String(process.pid));
      return () => rm(lock, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(await readFile(path.join(lock, 'pid'), 'utf8').catch(() => '0'));
      if (holder && !alive(holder)) await rm(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`another test file has held the EventStoreDB test lock (${lock}) for 20 minutes`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** A server for one test file: the configured one (one file at a time), or a container of its own. */
export async function startEventStoreDB(): Promise<TestEventStoreDB> {
  const configured = process.env.EVENTSTORE_CONNECTION_STRING;
  if (configured) {
    const unlock = await lockSharedServer();
    return { connectionString: configured, stop: unlock };
  }
  const { KurrentDbContainer } = await import('@testcontainers/kurrentdb');
  const container = await new KurrentDbContainer(KURRENTDB_IMAGE).start();
  return {
    // The module speaks kurrentdb://; @eventstore/db-client takes the same string as esdb://.
    connectionString: container.getConnectionString().replace(/^kurrentdb:/, 'esdb:'),
    stop: async () => {
      await container.stop();
    },
  };
}
