import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { Checkpoints, type Checkpoint } from '../../src/projection-runner/checkpoints.js';
import { LockSession } from '../../src/projection-runner/lock-session.js';
import type { LogConsumer } from '../../src/projection-runner/log-consumer.js';
import { LogFollower } from '../../src/projection-runner/log-follower.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { eventAppender } from '../support/projection-harness.js';

let db: TestDatabase;
let dataSource: DataSource;
let store: PostgresEventStore;
let checkpoints: Checkpoints;

beforeAll(async () => {
  db = await createTestDatabase();
  dataSource = await new DataSource({ type: 'postgres', url: db.url }).initialize();
  store = new PostgresEventStore(db.url, { poolSize: 4 });
  checkpoints = new Checkpoints(dataSource, store);
});

afterAll(async () => {
  await dataSource.destroy();
  await store.close();
  await db.drop();
});

/** A consumer of the given types that records what it was given, its checkpoint moving with each batch. */
function consumer(name: string, types: string[]): LogConsumer & { applied: RecordedEvent[] } {
  const applied: RecordedEvent[] = [];
  return {
    name,
    kind: 'projection',
    types: new Set(types),
    applied,
    async prepare() {
      const row = await checkpoints.ensure(name, 'projection', 1);
      return { position: row.position, horizon: row.horizon };
    },
    async apply(events: readonly RecordedEvent[], from: Checkpoint, to: Checkpoint) {
      await dataSource.transaction((m) => checkpoints.advance(m, name, from, to, events.length));
      applied.push(...events);
    },
    async fail() {},
  };
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
