/**
 * The EventStore contract: every adapter runs this suite (see postgres.contract.spec.ts). It uses
 * fresh stream ids and categories in every test, so it only needs a store whose log may already
 * hold other events.
 */
import { randomUUID } from 'node:crypto';
import {
  IdempotencyMismatch,
  StoredEventRejected,
  toRecordedEvent,
  WrongExpectedRevision,
  type EventStore,
  type StoredEvent,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
  type Subscription,
} from '../../src/event-store/event-store.port.js';
import { chainHash, GENESIS_HASH } from '../../src/event-store/hashing.js';

export interface ContractFixture {
  store: EventStore;
  cleanup(): Promise<void>;
}

/** A category no other test uses, so readAll/subscribe filters see only this test's events. */
export function freshCategory(): string {
  return `t${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

export function freshStream(category = freshCategory()): string {
  return `${category}-${randomUUID()}`;
}

export function newEvent(type = 'ThingHappened', data: Record<string, unknown> = {}): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    data,
    metadata: {
      actor: { id: 'user-1', role: 'poc', institution: 'Prime Minister Office' },
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: '2021-03-04T10:00:00.000Z',
      schemaVersion: 1,
    },
  };
}

export function events(n: number, type = 'ThingHappened'): NewEvent[] {
  return Array.from({ length: n }, (_, i) => newEvent(type, { i }));
}

/** Collects what a subscription delivers until `until` holds (or the timeout passes). */
export async function collect(
  subscription: Subscription,
  until: (seen: RecordedEvent[]) => boolean,
  timeoutMs = 10_000,
): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  const iterator = subscription[Symbol.asyncIterator]();
  const deadline = Date.now() + timeoutMs;
  while (!until(seen)) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new Error(`subscription delivered ${seen.length} events before the timeout`);
    let timer: NodeJS.Timeout | undefined;
    const next = await Promise.race([
      iterator.next(),
      new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), remaining))),
    ]);
    clearTimeout(timer);
    if (next === 'timeout') throw new Error(`subscription delivered ${seen.length} events before the timeout`);
    if (next.done) break;
    seen.push(next.value);
  }
  return seen;
}

/**
 * Waits until readers of the global log see `position`. A store may show the global log a little
 * behind the streams (PostgreSQL: until every older transaction, in any database of the cluster,
 * has finished), so a test reads it only once its appends are visible.
 */
export async function visible(store: EventStore, position: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const head = await store.head();
    if (head !== null && store.comparePositions(head, position) >= 0) return;
    if (Date.now() > deadline) throw new Error(`position ${position} did not become visible (head ${String(head)})`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A head that every earlier append is behind: the position of a fresh marker event, once visible. */
export async function settledHead(store: EventStore): Promise<string> {
  const { position } = await store.append(freshStream('marker'), [newEvent('Marker')], { expectedRevision: 'no_stream' });
  await visible(store, position);
  return position;
}

async function wrongRevision(promise: Promise<unknown>): Promise<WrongExpectedRevision> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedRevision);
  return error as WrongExpectedRevision;
}

export function describeEventStoreContract(adapterName: string, setup: () => Promise<ContractFixture>): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let fixture: ContractFixture;
    let store: EventStore;

    beforeAll(async () => {
      fixture = await setup();
      store = fixture.store;
    });
    afterAll(async () => {
      await fixture?.cleanup();
    });

    describe('append and expected revision', () => {
      test('revisions are 0-based and the result names the last event appended', async () => {
        const stream = freshStream();
        const batch = events(3);
        const result = await store.append(stream, batch, { expectedRevision: 'no_stream' });
        expect(result.nextRevision).toBe(2);
        const read = await store.readStream(stream);
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(read.map((e) => e.eventId)).toEqual(batch.map((e) => e.eventId));
        expect(result.position).toBe(read[2].position);
        expect(await store.streamRevision(stream)).toBe(2);
        expect(await store.streamRevision(freshStream())).toBe(-1);
      });

      test('no_stream: succeeds on a new stream, fails on an existing one with its revision', async () => {
        const stream = freshStream();
        await store.append(stream, events(2), { expectedRevision: 'no_stream' });
        const error = await wrongRevision(store.append(stream, events(1), { expectedRevision: 'no_stream' }));
        expect(error.actualRevision).toBe(1);
        expect(error.streamId).toBe(stream);
        expect(error.expected).toBe('no_stream');
        expect(error.code).toBe('EVENT_STORE.WRONG_EXPECTED_REVISION');
      });

      test('stream_exists: fails on a missing stream with -1, succeeds on an existing one', async () => {
        const stream = freshStream();
        const error = await wrongRevision(store.append(stream, events(1), { expectedRevision: 'stream_exists' }));
        expect(error.actualRevision).toBe(-1);
        expect(await store.readStream(stream)).toEqual([]);
        await store.append(stream, events(1), { expectedRevision: 'no_stream' });
        const result = await store.append(stream, events(1), { expectedRevision: 'stream_exists' });
        expect(result.nextRevision).toBe(1);
      });

      test('exact revision: succeeds when equal, fails when lower or higher with the actual revision', async () => {
        const stream = freshStream();
        expect((await wrongRevision(store.append(stream, events(1), { expectedRevision: 0 }))).actualRevision).toBe(-1);
        await store.append(stream, events(2), { expectedRevision: 'no_stream' });
        expect((await store.append(stream, events(1), { expectedRevision: 1 })).nextRevision).toBe(2);
        expect((await wrongRevision(store.append(stream, events(1), { expectedRevision: 1 }))).actualRevision).toBe(2);
        expect((await wrongRevision(store.append(stream, events(1), { expectedRevision: 7 }))).actualRevision).toBe(2);
        expect((await store.append(stream, events(2), { expectedRevision: 2 })).nextRevision).toBe(4);
      });

      test('-1 (what streamRevision answers for a missing stream) means no stream', async () => {
        const stream = freshStream();
        const expected: ExpectedRevision = await store.streamRevision(stream);
        expect(expected).toBe(-1);
        expect((await store.append(stream, events(1), { expectedRevision: expected })).nextRevision).toBe(0);
        expect((await wrongRevision(store.append(stream, events(1), { expectedRevision: -1 }))).actualRevision).toBe(0);
      });

      test('any: appends whatever the stream is at', async () => {
        const stream = freshStream();
        expect((await store.append(stream, events(1), { expectedRevision: 'any' })).nextRevision).toBe(0);
        expect((await store.append(stream, events(2), { expectedRevision: 'any' })).nextRevision).toBe(2);
      });

      test('a failed expectation stores nothing', async () => {
        const stream = freshStream();
        await store.append(stream, events(2), { expectedRevision: 'no_stream' });
        const before = await store.readStream(stream);
        const rejected = events(3);
        await wrongRevision(store.append(stream, rejected, { expectedRevision: 0 }));
        expect(await store.readStream(stream)).toEqual(before);
        expect(await store.streamRevision(stream)).toBe(1);
        // The rejected ids are not burnt: they can be appended for real afterwards.
        expect((await store.append(stream, rejected, { expectedRevision: 1 })).nextRevision).toBe(4);
      });

      test('a recorded event carries every field; recordedAt is the store clock, never the caller', async () => {
        const stream = freshStream();
        const e = newEvent('ContributionReceived', { body: 'Publish the budget data', tags: ['fiscal'], nested: { n: 1.5 } });
        const forged = { ...e, metadata: { ...e.metadata, recordedAt: '1999-01-01T00:00:00.000Z' } } as unknown as NewEvent;
        const before = Date.now();
        const { position } = await store.append(stream, [forged], { expectedRevision: 'no_stream' });
        const after = Date.now();
        const [read] = await store.readStream(stream);
        expect(read).toMatchObject({ eventId: e.eventId, type: 'ContributionReceived', streamId: stream, revision: 0, position });
        expect(read.data).toEqual(e.data);
        expect(read.metadata).toMatchObject({
          actor: e.metadata.actor,
          correlationId: e.metadata.correlationId,
          causationId: null,
          occurredAt: '2021-03-04T10:00:00.000Z',
          schemaVersion: 1,
        });
        const recordedAt = Date.parse(read.metadata.recordedAt);
        expect(read.metadata.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
        // Same machine, but the database's clock: allow for rounding and a little skew.
        expect(recordedAt).toBeGreaterThanOrEqual(before - 2_000);
        expect(recordedAt).toBeLessThanOrEqual(after + 2_000);
      });

      test('an empty batch or a malformed event is refused and stores nothing', async () => {
        const stream = freshStream();
        await expect(store.append(stream, [], { expectedRevision: 'any' })).rejects.toThrow();
        const duplicate = newEvent();
        await expect(store.append(stream, [duplicate, { ...duplicate }], { expectedRevision: 'any' })).rejects.toThrow();
        expect(await store.streamRevision(stream)).toBe(-1);
      });
    });

    describe('atomic batches', () => {
      test('a batch that fails part-way stores none of its events', async () => {
        const other = freshStream();
        const taken = newEvent();
        await store.append(other, [taken], { expectedRevision: 'no_stream' });

        const stream = freshStream();
        const batch = [newEvent(), newEvent(), { ...taken }, newEvent()];
        await expect(store.append(stream, batch, { expectedRevision: 'any' })).rejects.toBeInstanceOf(IdempotencyMismatch);
        expect(await store.readStream(stream)).toEqual([]);
        expect(await store.streamRevision(stream)).toBe(-1);
        // The first events of the failed batch were not kept anywhere: they append cleanly now.
        const result = await store.append(stream, batch.slice(0, 2), { expectedRevision: 'no_stream' });
        expect(result.nextRevision).toBe(1);
        expect((await store.readStream(other)).map((e) => e.eventId)).toEqual([taken.eventId]);
      });
    });

    describe('idempotency on event id', () => {
      test('the same batch again returns the first result and stores nothing, whatever the expectation', async () => {
        const stream = freshStream();
        const batch = events(3);
        const first = await store.append(stream, batch, { expectedRevision: 'no_stream' });
        const again = await store.append(stream, batch, { expectedRevision: 'no_stream' });
        expect(again).toEqual(first);
        expect(await store.append(stream, batch, { expectedRevision: 'any' })).toEqual(first);
        expect(await store.append(stream, batch, { expectedRevision: 17 })).toEqual(first);
        expect(await store.readStream(stream)).toHaveLength(3);
        expect(await store.streamRevision(stream)).toBe(2);
      });

      test('replaying an earlier batch after later appends returns that batch’s own result', async () => {
        const stream = freshStream();
        const first = events(2);
        const firstResult = await store.append(stream, first, { expectedRevision: 'no_stream' });
        await store.append(stream, events(2), { expectedRevision: 1 });
        expect(await store.append(stream, first, { expectedRevision: 'no_stream' })).toEqual(firstResult);
        expect(await store.readStream(stream)).toHaveLength(4);
      });

      test('a batch that only partly matches stored ids is an IdempotencyMismatch and stores nothing', async () => {
        const stream = freshStream();
        const batch = events(2);
        await store.append(stream, batch, { expectedRevision: 'no_stream' });
        const overlapping = [batch[1], newEvent()];
        const error = await store.append(stream, overlapping, { expectedRevision: 'any' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(IdempotencyMismatch);
        expect((error as IdempotencyMismatch).code).toBe('EVENT_STORE.IDEMPOTENCY_MISMATCH');
        expect(await store.readStream(stream)).toHaveLength(2);
        const subset = await store.append(stream, [batch[0]], { expectedRevision: 'any' }).catch((e: unknown) => e);
        // A sub-batch of a stored batch is a full match on its own ids: it replays.
        expect(subset).toEqual({ nextRevision: 0, position: (await store.readStream(stream))[0].position });
      });

      test('an event id already stored in another stream is an IdempotencyMismatch', async () => {
        const a = freshStream();
        const b = freshStream();
        const batch = events(2);
        await store.append(a, batch, { expectedRevision: 'no_stream' });
        await expect(store.append(b, batch, { expectedRevision: 'any' })).rejects.toBeInstanceOf(IdempotencyMismatch);
        expect(await store.readStream(b)).toEqual([]);
      });
    });

    describe('appendMany: many streams at once (bulk import)', () => {
      test('appends to each stream, answers in order, and a second time replays without storing anything', async () => {
        const category = freshCategory();
        const appends = [
          { streamId: freshStream(category), events: [newEvent()], expectedRevision: 'no_stream' as const },
          { streamId: freshStream(category), events: [newEvent()], expectedRevision: 'no_stream' as const },
          { streamId: freshStream(category), events: events(2), expectedRevision: 'no_stream' as const },
        ];
        const first = await store.appendMany(appends);
        expect(first.map((r) => [r.nextRevision, r.replayed])).toEqual([
          [0, false],
          [0, false],
          [1, false],
        ]);
        for (const [i, a] of appends.entries()) {
          const stored = await store.readStream(a.streamId);
          expect(stored.map((e) => e.eventId)).toEqual(a.events.map((e) => e.eventId));
          expect(stored.at(-1)!.position).toBe(first[i].position);
        }
        const again = await store.appendMany(appends);
        expect(again).toEqual(first.map((r) => ({ ...r, replayed: true })));
        expect(await store.count?.({ categories: [category] })).toBe(store.count ? 4 : undefined);
      });

      test('one-event appends only (the import’s shape) and a wrong expectation refuses the batch', async () => {
        const taken = freshStream();
        await store.append(taken, [newEvent()], { expectedRevision: 'no_stream' });
        const fresh = freshStream();
        await expect(
          store.appendMany([
            { streamId: fresh, events: [newEvent()], expectedRevision: 'no_stream' },
            { streamId: taken, events: [newEvent()], expectedRevision: 'no_stream' },
          ]),
        ).rejects.toBeInstanceOf(WrongExpectedRevision);
        // PostgreSQL refuses it whole; a store without multi-stream transactions kept the first.
        expect((await store.readStream(fresh)).length).toBeLessThanOrEqual(1);
      });
    });

    describe('readStream', () => {
      let stream: string;
      beforeAll(async () => {
        stream = freshStream();
        await store.append(stream, events(10), { expectedRevision: 'no_stream' });
      });

      test('forwards, from inclusive, with a limit', async () => {
        expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        expect((await store.readStream(stream, { from: 4, limit: 3 })).map((e) => e.revision)).toEqual([4, 5, 6]);
        expect((await store.readStream(stream, { from: 8, limit: 5 })).map((e) => e.revision)).toEqual([8, 9]);
        expect(await store.readStream(stream, { from: 10 })).toEqual([]);
        expect((await store.readStream(stream, { from: 0, limit: 1 })).map((e) => e.data)).toEqual([{ i: 0 }]);
      });

      test('backwards, from inclusive (default: the end), with a limit', async () => {
        expect((await store.readStream(stream, { direction: 'backwards', limit: 3 })).map((e) => e.revision)).toEqual([9, 8, 7]);
        expect((await store.readStream(stream, { direction: 'backwards', from: 2 })).map((e) => e.revision)).toEqual([2, 1, 0]);
        expect((await store.readStream(stream, { direction: 'backwards', from: 5, limit: 2 })).map((e) => e.revision)).toEqual([5, 4]);
      });

      test('findEvent finds an event by its id, in whichever stream it is, and answers null for an unknown id', async () => {
        const [, third] = await store.readStream(stream, { from: 1, limit: 2 });
        const found = await store.findEvent(third.eventId);
        expect(found).toMatchObject({ eventId: third.eventId, streamId: stream, revision: 2, position: third.position, data: { i: 2 } });
        expect(await store.findEvent(randomUUID())).toBeNull();
        expect(await store.findEvent('not-a-uuid')).toBeNull();
      });

      test('a stream that does not exist reads as empty', async () => {
        expect(await store.readStream(freshStream())).toEqual([]);
        expect(await store.readStream(freshStream(), { direction: 'backwards' })).toEqual([]);
      });

      test('positions follow revisions within a stream', async () => {
        const read = await store.readStream(stream);
        for (let i = 1; i < read.length; i++) expect(store.comparePositions(read[i - 1].position, read[i].position)).toBeLessThan(0);
      });
    });

    describe('readAll', () => {
      let category: string;
      let appended: RecordedEvent[];
      let before: string;
      beforeAll(async () => {
        before = await settledHead(store);
        category = freshCategory();
        const s1 = freshStream(category);
        const s2 = freshStream(category);
        await store.append(s1, [newEvent('A', { n: 0 }), newEvent('B', { n: 1 })], { expectedRevision: 'no_stream' });
        await store.append(s2, [newEvent('A', { n: 2 })], { expectedRevision: 'no_stream' });
        await store.append(s1, [newEvent('C', { n: 3 })], { expectedRevision: 1 });
        const { position } = await store.append(s2, [newEvent('B', { n: 4 }), newEvent('A', { n: 5 })], { expectedRevision: 0 });
        await visible(store, position);
        appended = await store.readAll({ after: before, categories: [category] });
      });

      test('returns the log in append order, positions strictly increasing', async () => {
        expect(appended.map((e) => e.data.n)).toEqual([0, 1, 2, 3, 4, 5]);
        for (let i = 1; i < appended.length; i++) {
          expect(store.comparePositions(appended[i - 1].position, appended[i].position)).toBeLessThan(0);
        }
      });

      test('after is exclusive, upTo inclusive, limit caps', async () => {
        const p = appended.map((e) => e.position);
        const n = (list: RecordedEvent[]) => list.map((e) => e.data.n);
        expect(n(await store.readAll({ after: p[1], categories: [category] }))).toEqual([2, 3, 4, 5]);
        expect(n(await store.readAll({ after: p[1], upTo: p[4], categories: [category] }))).toEqual([2, 3, 4]);
        expect(n(await store.readAll({ after: p[0], limit: 2, categories: [category] }))).toEqual([1, 2]);
        expect(n(await store.readAll({ after: before, upTo: p[0] }))).toEqual([0]);
        expect(n(await store.readAll({ after: p[5], categories: [category] }))).toEqual([]);
        expect(n(await store.readAll({ after: before, limit: 3 }))).toEqual([0, 1, 2]);
      });

      test('filters on types, on categories, and on both', async () => {
        const n = (list: RecordedEvent[]) => list.map((e) => e.data.n);
        expect(n(await store.readAll({ after: before, categories: [category], types: ['A'] }))).toEqual([0, 2, 5]);
        expect(n(await store.readAll({ after: before, categories: [category], types: ['B', 'C'] }))).toEqual([1, 3, 4]);
        expect(n(await store.readAll({ after: before, categories: [category, freshCategory()] }))).toEqual([0, 1, 2, 3, 4, 5]);
        expect(await store.readAll({ after: before, categories: [freshCategory()] })).toEqual([]);
        expect(await store.readAll({ after: before, categories: [category], types: [] })).toEqual([]);
        const aOnly = await store.readAll({ after: before, types: ['A'], limit: 2 });
        expect(aOnly.map((e) => e.type)).toEqual(['A', 'A']);
      });

      test('count answers how many events readAll would return without a limit, with the same filters (where the adapter counts)', async () => {
        if (!store.count) return;
        const p = appended.map((e) => e.position);
        for (const options of [
          { categories: [category] },
          { after: p[1], categories: [category] },
          { after: p[1], upTo: p[4], categories: [category] },
          { after: before, categories: [category], types: ['A'] },
          { after: before, categories: [category], types: ['B', 'C'] },
          { after: before, categories: [category], types: [] },
          { after: p[5], categories: [category] },
        ]) {
          expect([options, await store.count(options)]).toEqual([options, (await store.readAll(options)).length]);
        }
      });

      test('head() is the last visible position: nothing comes after it', async () => {
        const stream = freshStream();
        const { position } = await store.append(stream, events(1), { expectedRevision: 'no_stream' });
        await visible(store, position);
        const head = await store.head();
        expect(head).not.toBeNull();
        expect(store.comparePositions(head!, position)).toBeGreaterThanOrEqual(0);
        expect(await store.readAll({ after: head })).toEqual([]);
        const last = await store.readAll({ after: before });
        expect(last[last.length - 1].position).toBe(head);
      });

      test('positions: isPosition accepts what the store produced and rejects anything else; comparePositions orders', () => {
        const [a, b] = [appended[0].position, appended[1].position];
        expect(store.isPosition(a)).toBe(true);
        for (const bad of ['', 'abc', '-1', '1:2:3', ' 1:2', 'x:1', '99999999999999999999999:1']) expect(store.isPosition(bad)).toBe(false);
        expect(store.comparePositions(a, b)).toBeLessThan(0);
        expect(store.comparePositions(b, a)).toBeGreaterThan(0);
        expect(store.comparePositions(a, a)).toBe(0);
      });
    });

    describe('subscribe', () => {
      test('catches up, then follows live appends; close() ends the iterator', async () => {
        const category = freshCategory();
        const stream = freshStream(category);
        await store.append(stream, events(3), { expectedRevision: 'no_stream' });
        const subscription = store.subscribe({ categories: [category], batchSize: 2 });
        const caughtUp = await collect(subscription, (seen) => seen.length >= 3);
        expect(caughtUp.map((e) => e.revision)).toEqual([0, 1, 2]);

        const live = collect(subscription, (seen) => seen.length >= 2);
        await store.append(stream, events(1), { expectedRevision: 2 });
        await store.append(freshStream(category), events(1), { expectedRevision: 'no_stream' });
        const followed = await live;
        expect(followed.map((e) => [e.streamId === stream, e.revision])).toEqual([
          [true, 3],
          [false, 0],
        ]);

        const ended = subscription[Symbol.asyncIterator]().next();
        await subscription.close();
        await expect(ended).resolves.toEqual({ done: true, value: undefined });
      });

      test('starts after a position, and filters on types and categories', async () => {
        const category = freshCategory();
        const s = freshStream(category);
        const { position } = await store.append(s, [newEvent('A', { n: 0 }), newEvent('B', { n: 1 })], { expectedRevision: 'no_stream' });
        await store.append(s, [newEvent('A', { n: 2 }), newEvent('C', { n: 3 }), newEvent('A', { n: 4 })], { expectedRevision: 1 });
        await store.append(freshStream(), [newEvent('A', { n: 99 })], { expectedRevision: 'no_stream' });

        const subscription = store.subscribe({ after: position, types: ['A'], categories: [category] });
        const seen = await collect(subscription, (list) => list.length >= 2);
        expect(seen.map((e) => e.data.n)).toEqual([2, 4]);
        // Nothing else matches: a later matching append is the next thing delivered.
        const next = collect(subscription, (list) => list.length >= 1);
        await store.append(s, [newEvent('B', { n: 5 }), newEvent('A', { n: 6 })], { expectedRevision: 4 });
        expect((await next).map((e) => e.data.n)).toEqual([6]);
        await subscription.close();
      });

      test('close() while waiting for events resolves the pending next() as done', async () => {
        const subscription = store.subscribe({ categories: [freshCategory()] });
        const iterator = subscription[Symbol.asyncIterator]();
        const pending = iterator.next();
        await new Promise((resolve) => setTimeout(resolve, 50));
        await subscription.close();
        await expect(pending).resolves.toEqual({ done: true, value: undefined });
        await expect(iterator.next()).resolves.toEqual({ done: true, value: undefined });
      });

      test('breaking out of for-await ends the subscription', async () => {
        const category = freshCategory();
        await store.append(freshStream(category), events(5), { expectedRevision: 'no_stream' });
        const subscription = store.subscribe({ categories: [category] });
        let count = 0;
        for await (const _event of subscription) if (++count === 2) break;
        expect(count).toBe(2);
        await expect(subscription[Symbol.asyncIterator]().next()).resolves.toEqual({ done: true, value: undefined });
        await subscription.close();
      });
    });

    describe('concurrency', () => {
      test('50 concurrent writers on one stream, each retrying on conflict: every revision taken once, nothing lost', async () => {
        const stream = freshStream();
        const writers = 50;
        let conflicts = 0;
        const results = await Promise.all(
          Array.from({ length: writers }, async (_, writer) => {
            const event = newEvent('Written', { writer });
            for (let attempt = 0; attempt < 500; attempt++) {
              // The command-handler pattern: load, decide, append at the revision loaded.
              const loaded = await store.readStream(stream);
              const revision = loaded.length === 0 ? 'no_stream' : loaded[loaded.length - 1].revision;
              try {
                return await store.append(stream, [event], { expectedRevision: revision });
              } catch (error) {
                if (!(error instanceof WrongExpectedRevision)) throw error;
                conflicts++;
              }
            }
            throw new Error(`writer ${writer} never got through`);
          }),
        );
        const read = await store.readStream(stream);
        expect(read.map((e) => e.revision)).toEqual(Array.from({ length: writers }, (_, i) => i));
        expect(read.map((e) => e.data.writer).sort((x, y) => Number(x) - Number(y))).toEqual(Array.from({ length: writers }, (_, i) => i));
        expect(results.map((r) => r.nextRevision).sort((x, y) => x - y)).toEqual(Array.from({ length: writers }, (_, i) => i));
        expect(await store.streamRevision(stream)).toBe(writers - 1);
        expect(conflicts).toBeGreaterThan(0);
      });
    });

    describe('readLog: the log as stored', () => {
      test('the events of readAll, in the same order, with the stored text and chain hash; filters on types and streams', async () => {
        const before = await settledHead(store);
        const a = freshStream();
        const b = freshStream();
        await store.append(a, [newEvent('A', { text: 'Ç’është ë — 日本 🎉', n: 1.5 }), newEvent('B', { list: [null, true] })], { expectedRevision: 'no_stream' });
        const { position } = await store.append(b, [newEvent('A', { n: 2 })], { expectedRevision: 'no_stream' });
        await visible(store, position);
        const recorded = await store.readAll({ after: before, upTo: position });
        const stored = await store.readLog({ after: before, upTo: position, limit: 100 });
        expect(stored.map(toRecordedEvent)).toEqual(recorded);
        for (const e of stored) {
          expect(e.recordedAt).toBe(JSON.parse(e.metadata).recordedAt);
          expect(e.chainHash).toHaveLength(32);
        }
        // Each stream's chain, recomputed from the stored text alone.
        const own = stored.filter((e) => e.streamId === a);
        expect(chainHash(chainHash(GENESIS_HASH, own[0]), own[1]).equals(own[1].chainHash)).toBe(true);
        expect((await store.readLog({ after: before, upTo: position, limit: 100, types: ['A'], streams: [a, b] })).map((e) => e.data)).toEqual([
          own[0].data,
          JSON.stringify({ n: 2 }),
        ]);
        expect(await store.readLog({ after: before, upTo: position, limit: 1, streams: [b] })).toHaveLength(1);
        expect(await store.readLog({ after: position, upTo: position, limit: 10 })).toEqual([]);
      });
    });

    describe('appendStored: events exactly as another store keeps them', () => {
      /** Events as a store would keep them, chained from the start of a fresh stream. */
      function storedStream(stream: string, n: number): StoredEvent[] {
        let previous = GENESIS_HASH;
        return Array.from({ length: n }, (_, revision) => {
          const recordedAt = `2020-10-0${revision + 1}T09:00:00.000Z`;
          const fields = {
            eventId: randomUUID(),
            streamId: stream,
            revision,
            type: 'ContributionReceived',
            schemaVersion: 1,
            data: JSON.stringify({ body: `Remark ${revision} — ë 🎉`, n: revision }),
            metadata: JSON.stringify({ actor: { id: 'lfp', role: 'lfp' }, correlationId: 'c', causationId: null, occurredAt: recordedAt, schemaVersion: 1, recordedAt }),
          };
          previous = chainHash(previous, fields);
          return { ...fields, position: 'elsewhere', recordedAt, chainHash: previous };
        });
      }

      test('keeps ids, revisions, bytes and recordedAt; a second copy of the same events writes nothing', async () => {
        const stream = freshStream();
        const events = storedStream(stream, 3);
        const { position } = await store.appendStored(events);
        expect(position).not.toBeNull();
        await visible(store, position!);
        const back = await store.readLog({ streams: [stream], limit: 10, upTo: position });
        expect(back.map(({ position: _p, ...rest }) => rest)).toEqual(events.map(({ position: _p, ...rest }) => rest));
        expect(await store.appendStored(events)).toEqual({ position });
        expect(await store.streamRevision(stream)).toBe(2);
        expect((await store.verifyStream(stream)).valid).toBe(true);
      });

      test('refuses an event whose bytes do not give its chain hash, or that does not continue its stream, and writes nothing', async () => {
        const altered = storedStream(freshStream(), 2);
        altered[1] = { ...altered[1], data: altered[1].data.replace('Remark', 'Forged') };
        await expect(store.appendStored(altered)).rejects.toBeInstanceOf(StoredEventRejected);
        const gap = storedStream(freshStream(), 3);
        await expect(store.appendStored([gap[0], gap[2]])).rejects.toBeInstanceOf(StoredEventRejected);
        expect(await store.streamRevision(gap[0].streamId)).toBeLessThanOrEqual(0);
      });
    });

    describe('waitForAppend and verifyChains', () => {
      test('waitForAppend resolves when the log grows past the position given, at once when it already has', async () => {
        const head = await settledHead(store);
        await store.waitForAppend(head, 300); // the first call may set up what it listens with
        expect(await store.waitForAppend(head, 50)).toBe(false);
        const waiting = store.waitForAppend(head, 30_000);
        const { position } = await store.append(freshStream(), events(1), { expectedRevision: 'no_stream' });
        expect(await waiting).toBe(true);
        await visible(store, position);
        expect(await store.waitForAppend(head, 30_000)).toBe(true);
        const aborted = new AbortController();
        const cancelled = store.waitForAppend(position, 30_000, aborted.signal);
        aborted.abort();
        expect(await cancelled).toBe(false);
      });

      test('verifyChains holds for untouched streams', async () => {
        const stream = freshStream();
        const { position } = await store.append(stream, events(3), { expectedRevision: 'no_stream' });
        await visible(store, position);
        const report = await store.verifyChains();
        expect(report.events).toBeGreaterThanOrEqual(3);
        expect(report.findings.filter((f) => f.streamId === stream)).toEqual([]);
      });
    });

    describe('verifyStream', () => {
      test('an untouched stream verifies, every event checked', async () => {
        const stream = freshStream();
        await store.append(stream, [newEvent('A', { text: 'Ç’është ë — 日本 🎉', quote: '"\\' })], { expectedRevision: 'no_stream' });
        await store.append(stream, events(4), { expectedRevision: 0 });
        expect(await store.verifyStream(stream)).toEqual({ streamId: stream, valid: true, checkedEvents: 5, firstMismatch: null });
        expect(await store.verifyStream(freshStream())).toMatchObject({ valid: true, checkedEvents: 0 });
      });
    });
  });
}
