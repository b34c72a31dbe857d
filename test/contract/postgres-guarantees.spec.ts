/**
 * What the PostgreSQL adapter promises beyond the port: immutability enforced by the database,
 * gap-free global reads while transactions commit out of order, per-stream order, a hash chain
 * that exposes tampering, and subscriptions that survive lost notifications and connections.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { QueryRunner } from 'typeorm';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { canonicalEventBytes, chainHash, GENESIS_HASH } from '../../src/event-store/hashing.js';
import { EventStore1795400000000 } from '../../src/event-store/postgres/migrations/1795400000000-event-store.js';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { APPEND_SQL, appendArguments } from '../../src/event-store/postgres/sql.js';
import { createTestDatabase, tamper as tamperAs, type TestDatabase } from '../support/database.js';
import { collect, events, freshCategory, freshStream, newEvent, visible } from './event-store.contract.js';

const sleep = (ms: number) => new Promise<'slept'>((resolve) => setTimeout(() => resolve('slept'), ms));

/** The promise's value, or 'timeout' after ms (without leaving a timer behind). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

let db: TestDatabase;
let admin: pg.Client;
let store: PostgresEventStore;
const clients: pg.Client[] = [];

async function client(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  clients.push(c);
  return c;
}

beforeAll(async () => {
  db = await createTestDatabase();
  admin = await client();
  store = new PostgresEventStore(db.url);
});

afterAll(async () => {
  await store?.close();
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  await db?.drop();
});

test('an empty log: head() is null, readAll() is empty, a subscription waits for the first event', async () => {
  expect(await store.head()).toBeNull();
  expect(await store.readAll()).toEqual([]);
  const subscription = store.subscribe();
  const first = collect(subscription, (seen) => seen.length >= 1);
  const { position } = await store.append(freshStream(), events(1), { expectedRevision: 'no_stream' });
  expect((await first).map((e) => e.position)).toEqual([position]);
  expect(await store.head()).toBe(position);
  await subscription.close();
});

describe('events are immutable in the database', () => {
  let eventId: string;
  beforeAll(async () => {
    const e = newEvent('Kept', { v: 1 });
    eventId = e.eventId;
    await store.append(freshStream(), [e], { expectedRevision: 'no_stream' });
  });

  async function refused(sql: string, values: unknown[] = []): Promise<{ code?: string; message: string }> {
    const error = await admin.query(sql, values).then(
      () => null,
      (e: { code?: string; message: string }) => e,
    );
    expect(error).not.toBeNull();
    return error!;
  }

  test('UPDATE, DELETE and TRUNCATE fail even for the owning superuser, and change nothing', async () => {
    const update = await refused(`UPDATE events SET data = '{"v":2}' WHERE event_id = $1`, [eventId]);
    expect(update).toMatchObject({ code: 'CR003', message: expect.stringContaining('UPDATE') });
    expect(await refused('DELETE FROM events WHERE event_id = $1', [eventId])).toMatchObject({ code: 'CR003' });
    expect(await refused('TRUNCATE events')).toMatchObject({ code: 'CR003', message: expect.stringContaining('TRUNCATE') });
    expect(await refused('TRUNCATE events CASCADE')).toMatchObject({ code: 'CR003' });
    const { rows } = await admin.query(
      'SELECT data::text AS data, (SELECT count(*) FROM events)::int AS n FROM events WHERE event_id = $1',
      [eventId],
    );
    expect(rows[0].data).toBe('{"v":1}');
    expect(rows[0].n).toBeGreaterThan(0);
  });

  test('the triggers fire under session_replication_role = replica too', async () => {
    await admin.query('SET session_replication_role = replica');
    try {
      expect(await refused('DELETE FROM events WHERE event_id = $1', [eventId])).toMatchObject({ code: 'CR003' });
      expect(await refused('TRUNCATE events')).toMatchObject({ code: 'CR003' });
    } finally {
      await admin.query('SET session_replication_role = DEFAULT');
    }
  });

  test('a role granted what an application needs (SELECT, INSERT) has no UPDATE, DELETE or TRUNCATE', async () => {
    const role = `cr_app_${Date.now()}`;
    await admin.query('BEGIN');
    try {
      await admin.query(`CREATE ROLE ${role}`);
      await admin.query(`GRANT SELECT, INSERT ON events TO ${role}`);
      await admin.query(`SET LOCAL ROLE ${role}`);
      for (const sql of [`UPDATE events SET type = 'x'`, 'DELETE FROM events', 'TRUNCATE events']) {
        await admin.query('SAVEPOINT attempt');
        expect(await refused(sql)).toMatchObject({ code: '42501' });
        await admin.query('ROLLBACK TO SAVEPOINT attempt');
      }
      const grants = await admin.query(`SELECT has_table_privilege('public', 'events', 'UPDATE, DELETE, TRUNCATE') AS any`);
      expect(grants.rows[0].any).toBe(false);
    } finally {
      await admin.query('ROLLBACK');
    }
  });
});

describe('gap safety: the global log never skips an event that commits late', () => {
  test('an append held open hides the later commits behind it, then both arrive once, in readAll order', async () => {
    const category = freshCategory();
    const before = await store.head();
    const subscription = store.subscribe({ after: before, categories: [category] });
    const iterator = subscription[Symbol.asyncIterator]();

    const holder = await client();
    await holder.query('BEGIN');
    const early = newEvent('Early');
    await holder.query(APPEND_SQL, [freshStream(category), 'no_stream', ...appendArguments([early])]);
    const late = newEvent('Late');
    const lateResult = await store.append(freshStream(category), [late], { expectedRevision: 'no_stream' });

    // A reader going by global_position alone now sees the later event and would move past the earlier one.
    const naive = await admin.query('SELECT event_id FROM events WHERE category = $1 ORDER BY global_position', [category]);
    expect(naive.rows.map((r) => r.event_id)).toEqual([late.eventId]);

    // This store shows neither, and its subscriber (woken by the append) delivers nothing yet.
    const firstDelivery = iterator.next();
    expect(await within(firstDelivery, 300)).toBe('timeout');
    expect(await store.readAll({ after: before, categories: [category] })).toEqual([]);
    expect(store.comparePositions((await store.head()) ?? '0:0', lateResult.position)).toBeLessThan(0);

    await holder.query('COMMIT');
    const delivered = [(await firstDelivery).value as RecordedEvent, (await iterator.next()).value as RecordedEvent];
    expect(delivered.map((e) => e.eventId)).toEqual([early.eventId, late.eventId]);
    const read = await store.readAll({ after: before, categories: [category] });
    expect(read.map((e) => [e.eventId, e.position])).toEqual(delivered.map((e) => [e.eventId, e.position]));

    // Exactly once: the next thing delivered is the next append, not a repeat.
    const marker = newEvent('Marker');
    await store.append(freshStream(category), [marker], { expectedRevision: 'no_stream' });
    expect(((await iterator.next()).value as RecordedEvent).eventId).toBe(marker.eventId);
    await subscription.close();
  });

  test('order is by transaction: an older transaction that inserts last still comes first, for readers and subscribers alike', async () => {
    const category = freshCategory();
    const before = await store.head();
    const subscription = store.subscribe({ after: before, categories: [category] });

    const holder = await client();
    await holder.query('BEGIN');
    await holder.query('SELECT pg_current_xact_id()'); // takes its xid now...
    const late = newEvent('CommittedFirst');
    await store.append(freshStream(category), [late], { expectedRevision: 'no_stream' });
    const early = newEvent('InsertedLast');
    await holder.query(APPEND_SQL, [freshStream(category), 'no_stream', ...appendArguments([early])]); // ...inserts after
    expect(await store.readAll({ after: before, categories: [category] })).toEqual([]);
    await holder.query('COMMIT');

    const delivered = await collect(subscription, (seen) => seen.length >= 2);
    const read = await store.readAll({ after: before, categories: [category] });
    expect(delivered.map((e) => e.eventId)).toEqual([early.eventId, late.eventId]);
    expect(read.map((e) => e.position)).toEqual(delivered.map((e) => e.position));
    const positions = await admin.query('SELECT event_id, global_position::int AS p FROM events WHERE category = $1', [category]);
    const globalPosition = new Map(positions.rows.map((r) => [r.event_id as string, r.p as number]));
    expect(globalPosition.get(early.eventId)!).toBeGreaterThan(globalPosition.get(late.eventId)!);
    await subscription.close();
  });
});

describe('per-stream order', () => {
  test('an append waiting for the stream lock has no xid yet, so commit order = revision order = global order', async () => {
    const category = freshCategory();
    const stream = freshStream(category);
    const before = await store.head();
    const holder = await client();
    const waiter = await client();

    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [stream]);
    const waiterPid = (await waiter.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    await waiter.query('BEGIN');
    const second = newEvent('Second');
    const waiting = waiter.query(APPEND_SQL, [stream, 'any', ...appendArguments([second])]);
    await until('the second append to wait on the stream lock', async () => {
      const { rows } = await admin.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'`, [waiterPid]);
      return rows.length > 0;
    });
    // The lock holder only now gets its xid, after the waiter started waiting.
    const first = newEvent('First');
    await holder.query(APPEND_SQL, [stream, 'any', ...appendArguments([first])]);
    await holder.query('COMMIT');
    const position = (await waiting).rows[0].last_position as string;
    await waiter.query('COMMIT');
    await visible(store, position);

    const read = await store.readAll({ after: before, categories: [category] });
    expect(read.map((e) => [e.eventId, e.revision])).toEqual([
      [first.eventId, 0],
      [second.eventId, 1],
    ]);
  });

  test('concurrent appends to one stream read back from the global log in revision order', async () => {
    const category = freshCategory();
    const stream = freshStream(category);
    const before = await store.head();
    const results = await Promise.all(Array.from({ length: 40 }, () => store.append(stream, events(2), { expectedRevision: 'any' })));
    await visible(store, results.find((r) => r.nextRevision === 79)!.position);
    const global = await store.readAll({ after: before, categories: [category] });
    expect(global.map((e) => e.revision)).toEqual(Array.from({ length: 80 }, (_, i) => i));
    expect(global.map((e) => e.position)).toEqual((await store.readStream(stream)).map((e) => e.position));
  });
});

describe('hash chain', () => {
  /** Alters a stored row the only way left: the owner switching the immutability trigger off, briefly. */
  const tamper = (sql: string, values: unknown[]) => tamperAs(admin, sql, values);

  test('canonical bytes are <utf8 length>:<utf8 bytes> per field, the same in SQL and in Node', async () => {
    const fields = {
      eventId: '00000000-0000-4000-8000-000000000001',
      streamId: 'contribution-ë',
      revision: 12,
      type: 'ContributionReceived',
      schemaVersion: 2,
      data: '{"body":"Ç’është 🎉"}',
      metadata: '{}',
    };
    const bytes = canonicalEventBytes(fields);
    expect(bytes.toString('utf8')).toBe(
      '36:00000000-0000-4000-8000-000000000001' + '15:contribution-ë' + '2:12' + '20:ContributionReceived' + '1:2' +
        '28:{"body":"Ç’është 🎉"}' + '2:{}',
    );
    const { rows } = await admin.query<{ b: Buffer }>('SELECT cr_canonical_bytes($1, $2, $3, $4, $5, $6, $7) AS b', [
      fields.eventId,
      fields.streamId,
      String(fields.revision),
      fields.type,
      String(fields.schemaVersion),
      fields.data,
      fields.metadata,
    ]);
    expect(rows[0].b.equals(bytes)).toBe(true);
    expect(chainHash(GENESIS_HASH, fields).equals(createHash('sha256').update(Buffer.alloc(32)).update(bytes).digest())).toBe(true);
  });

  test('the stored chain hashes are sha256(previous ‖ canonical bytes of the stored text), from 32 zero bytes', async () => {
    const stream = freshStream();
    await store.append(stream, [newEvent('A', { t: 'ë 🎉' }), newEvent('B', { n: [1, 2] })], { expectedRevision: 'no_stream' });
    const { rows } = await admin.query(
      `SELECT event_id::text AS id, revision::int AS revision, type, schema_version, data::text AS data, metadata::text AS metadata, chain_hash
         FROM events WHERE stream_id = $1 ORDER BY revision`,
      [stream],
    );
    let previous = GENESIS_HASH;
    for (const r of rows) {
      const expected = chainHash(previous, {
        eventId: r.id,
        streamId: stream,
        revision: r.revision,
        type: r.type,
        schemaVersion: r.schema_version,
        data: r.data,
        metadata: r.metadata,
      });
      expect((r.chain_hash as Buffer).toString('hex')).toBe(expected.toString('hex'));
      previous = expected;
    }
    const read = await store.readStream(stream);
    expect(read.map((e) => e.chainHash)).toEqual(rows.map((r) => (r.chain_hash as Buffer).toString('hex')));
  });

  test('verifyStream names exactly the altered event, even for a whitespace-only change; other streams still verify', async () => {
    const altered = freshStream();
    const untouched = freshStream();
    await store.append(altered, [newEvent('A', { v: 1 }), newEvent('B', { v: 2 }), newEvent('C', { v: 3 })], { expectedRevision: 'no_stream' });
    await store.append(untouched, events(2), { expectedRevision: 'no_stream' });
    expect(await store.verifyStream(altered)).toMatchObject({ valid: true, checkedEvents: 3 });

    const [, target] = await store.readStream(altered);
    await tamper(`UPDATE events SET data = '{"v": 2}' WHERE event_id = $1`, [target.eventId]);
    expect(await store.verifyStream(altered)).toEqual({
      streamId: altered,
      valid: false,
      checkedEvents: 1,
      firstMismatch: { eventId: target.eventId, revision: 1, position: target.position, reason: expect.stringContaining('chain hash mismatch') },
    });
    expect(await store.verifyStream(untouched)).toEqual({ streamId: untouched, valid: true, checkedEvents: 2, firstMismatch: null });
    // The trigger is back: the altered row cannot be put back quietly either.
    await expect(admin.query(`UPDATE events SET data = '{"v":2}' WHERE event_id = $1`, [target.eventId])).rejects.toMatchObject({ code: 'CR003' });
  });

  test('verifyStream catches altered metadata and a removed last event', async () => {
    const stream = freshStream();
    await store.append(stream, events(3), { expectedRevision: 'no_stream' });
    const [first, , last] = await store.readStream(stream);
    await tamper(
      `UPDATE events SET metadata = replace(metadata::text, '"recordedAt":"', '"recordedAt":"1') ::json WHERE event_id = $1`,
      [first.eventId],
    );
    expect((await store.verifyStream(stream)).firstMismatch).toMatchObject({ eventId: first.eventId, revision: 0 });

    const shortened = freshStream();
    await store.append(shortened, events(3), { expectedRevision: 'no_stream' });
    const [, middle, end] = await store.readStream(shortened);
    await tamper('DELETE FROM events WHERE event_id = $1', [end.eventId]);
    const result = await store.verifyStream(shortened);
    expect(result).toMatchObject({ valid: false, checkedEvents: 2, firstMismatch: { eventId: middle.eventId, revision: 1 } });
    expect(last.revision).toBe(2);
  });
});

describe('subscriptions across processes and failures', () => {
  const listenerPids = async (): Promise<number[]> => {
    const { rows } = await admin.query(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN cr_events' AND state = 'idle'`,
    );
    return rows.map((r) => r.pid as number);
  };

  test('another process’s append wakes a subscriber through NOTIFY; when the LISTEN connection dies it reconnects', async () => {
    // Polling every minute: anything delivered sooner came through a notification.
    const follower = new PostgresEventStore(db.url, { pollIntervalMs: 60_000 });
    const category = freshCategory();
    const subscription = follower.subscribe({ after: await store.head(), categories: [category] });
    const iterator = subscription[Symbol.asyncIterator]();
    try {
      const [listener] = await until('the LISTEN connection', async () => (await listenerPids()).length === 1 && listenerPids());
      const first = newEvent();
      await store.append(freshStream(category), [first], { expectedRevision: 'no_stream' });
      expect(((await iterator.next()).value as RecordedEvent).eventId).toBe(first.eventId);

      await admin.query('SELECT pg_terminate_backend($1)', [listener]);
      await until('a new LISTEN connection', async () => {
        const pids = await listenerPids();
        return pids.length === 1 && pids[0] !== listener;
      });
      const second = newEvent();
      const next = iterator.next();
      await sleep(50);
      await store.append(freshStream(category), [second], { expectedRevision: 'no_stream' });
      const delivered = await within(next, 5_000);
      expect(delivered === 'timeout' ? null : (delivered.value as RecordedEvent).eventId).toBe(second.eventId);
    } finally {
      await follower.close();
    }
  });

  test('appends that nobody announces (no NOTIFY at all) arrive by the fallback poll', async () => {
    const follower = new PostgresEventStore(db.url, { pollIntervalMs: 100 });
    const category = freshCategory();
    const subscription = follower.subscribe({ after: await follower.head(), categories: [category] });
    const silent = newEvent();
    await admin.query(APPEND_SQL, [freshStream(category), 'no_stream', ...appendArguments([silent])]);
    expect((await collect(subscription, (seen) => seen.length >= 1, 3_000)).map((e) => e.eventId)).toEqual([silent.eventId]);
    await follower.close();
  });

  test('a subscriber rides out its connections being killed', async () => {
    const follower = new PostgresEventStore(db.url, { pollIntervalMs: 100 });
    const category = freshCategory();
    const subscription = follower.subscribe({ after: await follower.head(), categories: [category] });
    const iterator = subscription[Symbol.asyncIterator]();
    try {
      await store.append(freshStream(category), events(1), { expectedRevision: 'no_stream' });
      await iterator.next();
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND application_name LIKE 'consultation-record%'`,
      );
      await sleep(200);
      const after = newEvent();
      await store.append(freshStream(category), [after], { expectedRevision: 'no_stream' });
      const delivered = await within(iterator.next(), 5_000);
      expect(delivered === 'timeout' ? null : (delivered.value as RecordedEvent).eventId).toBe(after.eventId);
    } finally {
      await follower.close();
    }
  });

  test('close() ends open subscriptions and leaves no connection behind', async () => {
    const storeConnections = async (): Promise<number> => {
      const { rows } = await admin.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'consultation-record%'`,
      );
      return rows[0].n as number;
    };
    const other = new PostgresEventStore(db.url);
    const head = await other.head();
    const subscriptions = [other.subscribe({ after: head }), other.subscribe({ after: head, types: ['Nothing'] })];
    const pending = subscriptions.map((s) => s[Symbol.asyncIterator]().next());
    await until('the LISTEN connection', async () => (await listenerPids()).length > 0);
    expect(await storeConnections()).toBeGreaterThan(1);
    await other.close();
    await store.close();
    expect(await Promise.all(pending)).toEqual([
      { done: true, value: undefined },
      { done: true, value: undefined },
    ]);
    await until('every store connection to close', async () => (await storeConnections()) === 0);
    store = new PostgresEventStore(db.url);
  });
});

test('the migration has a real down: it removes everything, and up again restores a working store', async () => {
  const scratch = await createTestDatabase();
  const c = new pg.Client({ connectionString: scratch.url });
  await c.connect();
  try {
    const runner = { query: (sql: string) => c.query(sql) } as unknown as QueryRunner;
    const migration = new EventStore1795400000000();
    await migration.down(runner);
    const left = await c.query(
      `SELECT count(*)::int AS n FROM pg_class WHERE relname IN ('events', 'streams')
        UNION ALL SELECT count(*)::int FROM pg_proc WHERE proname LIKE 'cr\\_%'`,
    );
    expect(left.rows.map((r) => r.n)).toEqual([0, 0]);
    await migration.up(runner);
    const again = new PostgresEventStore(scratch.url);
    await visible(again, (await again.append(freshStream(), events(2), { expectedRevision: 'no_stream' })).position);
    expect((await again.readAll()).length).toBe(2);
    await again.close();
  } finally {
    await c.end();
    await scratch.drop();
  }
});
