import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import type { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { BulkWriters } from '../../src/projection-runner/bulk-writers.js';
import { Checkpoints, type Checkpoint } from '../../src/projection-runner/checkpoints.js';
import { LockSession } from '../../src/projection-runner/lock-session.js';
import type { LogConsumer } from '../../src/projection-runner/log-consumer.js';
import { LogFollower } from '../../src/projection-runner/log-follower.js';
import type { TestDatabase } from '../support/database.js';
import { checkpointsDatabase, eventAppender } from '../support/projection-harness.js';

let t: Awaited<ReturnType<typeof checkpointsDatabase>>;
let db: TestDatabase;
let dataSource: DataSource;
let store: PostgresEventStore;
let checkpoints: Checkpoints;

beforeAll(async () => {
  t = await checkpointsDatabase({ poolSize: 4 });
  ({ db, dataSource, store, checkpoints } = t);
});

afterAll(() => t.close());

/** A consumer of the given types that records what it was given, its checkpoint moving with each batch. */
function consumer(name: string, types: string[]): LogConsumer & { applied: RecordedEvent[]; batches: number[] } {
  const applied: RecordedEvent[] = [];
  const batches: number[] = [];
  return {
    name,
    kind: 'projection',
    types: new Set(types),
    applied,
    batches,
    async prepare() {
      const row = await checkpoints.ensure(name, 'projection', 1);
      return { position: row.position, horizon: row.horizon };
    },
    async apply(events: readonly RecordedEvent[], from: Checkpoint, to: Checkpoint) {
      await dataSource.transaction((m) => checkpoints.advance(m, name, from, to, events.length));
      applied.push(...events);
      batches.push(events.length);
    },
    async fail() {},
  };
}

/** The data of the events `c` was given, once it has been given `n` (or after 10 s). */
async function dataOnceApplied(c: { applied: RecordedEvent[] }, n: number): Promise<unknown[]> {
  for (let waited = 0; c.applied.length < n && waited < 10_000; waited += 20) await sleep(20);
  return c.applied.map((e) => e.data);
}

test('a view none of whose events are in the log records that it has seen the log, even when the log ends exactly at the end of a full page', async () => {
  const append = eventAppender(store);
  // Four events, and pages of four: the first page is full and ends at the head, the next is empty.
  let last = '';
  for (let i = 0; i < 4; i++) last = (await append(`thing-${randomUUID()}`, 'ThingHappened', { i })).position;

  const busy = consumer('things', ['ThingHappened']);
  const quiet = consumer('other-things', ['OtherThingHappened']);
  const locks = new LockSession(db.url);
  const follower = new LogFollower(store, checkpoints, locks, { pageSize: 4, pollMs: 50, standbyMs: 50 });
  follower.register(busy);
  follower.register(quiet);
  follower.start();
  try {
    // Read-your-writes waits on each view's horizon: both must reach the last event, or a reader
    // of the quiet view waits until something else is appended.
    const seen = async () => new Map((await checkpoints.rows()).map((r) => [r.name, checkpoints.seen(r)]));
    for (let waited = 0; waited < 10_000; waited += 50) {
      const now = await seen();
      if (now.get('things') === last && now.get('other-things') === last) break;
      await sleep(50);
    }
    expect(busy.applied.map((e) => e.data)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }, { i: 3 }]);
    expect(quiet.applied).toEqual([]);
    expect(Object.fromEntries(await seen())).toEqual({ things: last, 'other-things': last });
  } finally {
    await follower.stop();
    await locks.close();
  }
});

/**
 * Waits until readers of the log can see `position`: the log's visible head is server-wide, so an
 * open transaction of a test running beside this one may hold an append back for a moment.
 */
async function visible(position: string): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 20) {
    const head = await store.head();
    if (head !== null && store.comparePositions(head, position) >= 0) return;
    await sleep(20);
  }
  throw new Error(`${position} not visible in the log within 10 s`);
}

test('while a bulk writer runs the follower gives way, and follows again as soon as it ends', async () => {
  const append = eventAppender(store);
  const first = await append(`thing-${randomUUID()}`, 'BulkThing', { n: 1 });
  // Its first round must see the event: after it, the follower waits a minute.
  await visible(first.position);
  let endWriter!: () => void;
  const writers = new BulkWriters();
  const writing = writers.during(() => new Promise<void>((resolve) => (endWriter = resolve)));

  const things = consumer('bulk-things', ['BulkThing']);
  const locks = new LockSession(db.url);
  // A minute's wait after each round while the writer runs: longer than this test.
  const follower = new LogFollower(store, checkpoints, locks, { pageSize: 100, pollMs: 50, standbyMs: 50, giveWayTo: { writers, leastMs: 60_000 } });
  follower.register(things);
  follower.start();
  try {
    const applied = (n: number) => dataOnceApplied(things, n);
    expect(await applied(1)).toEqual([{ n: 1 }]);
    expect(first.position).toBe(things.applied[0].position);

    // Appended while it gives way: not followed yet...
    await append(`thing-${randomUUID()}`, 'BulkThing', { n: 2 });
    await visible((await append(`thing-${randomUUID()}`, 'BulkThing', { n: 3 })).position);
    await sleep(1000);
    expect(things.applied).toHaveLength(1);

    // ...and followed at once when the writer ends (not a minute later), in one batch.
    endWriter();
    await writing;
    expect(await applied(3)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(things.batches).toEqual([1, 2]);
  } finally {
    await follower.stop();
    await locks.close();
  }
});

test('caught up, appends that come close together are applied together', async () => {
  const append = eventAppender(store);
  const things = consumer('close-things', ['CloseThing']);
  const locks = new LockSession(db.url);
  // Rounds at least 1.5 s apart: far longer than four appends take, far shorter than this test.
  const follower = new LogFollower(store, checkpoints, locks, { pageSize: 100, pollMs: 50, standbyMs: 50, liveRoundMs: 1500 });
  follower.register(things);
  follower.start();
  try {
    const applied = (n: number) => dataOnceApplied(things, n);
    await append(`thing-${randomUUID()}`, 'CloseThing', { n: 1 });
    expect(await applied(1)).toEqual([{ n: 1 }]);
    // Three more right behind it: they wait for the next round, and come in it together.
    for (let n = 2; n <= 4; n++) await append(`thing-${randomUUID()}`, 'CloseThing', { n });
    expect(await applied(4)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
    expect(things.batches).toEqual([1, 3]);
  } finally {
    await follower.stop();
    await locks.close();
  }
});
