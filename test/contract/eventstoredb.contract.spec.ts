import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent, NO_STREAM } from '@eventstore/db-client';
import { EventStoreDBEventStore } from '../../src/event-store/eventstoredb/eventstoredb-event-store.js';
import { encodeMetadata, RESERVATION_TYPE, reservationStream } from '../../src/event-store/eventstoredb/mapping.js';
import { eventStoreDBAvailable, startEventStoreDB, type TestEventStoreDB } from '../support/eventstoredb.js';
import { describeEventStoreContract, events, freshCategory, freshStream, newEvent, settledHead } from './event-store.contract.js';

/**
 * The EventStoreDB adapter held to the same contract as PostgreSQL, and to what only it has to
 * get right. Runs where a server is (EVENTSTORE_CONNECTION_STRING, or `npm run test:eventstoredb`
 * with Docker); elsewhere the global setup says in one line that it did not run.
 */
if (eventStoreDBAvailable()) {
  describeEventStoreContract('EventStoreDB', async () => {
    const server = await startEventStoreDB();
    const store = EventStoreDBEventStore.fromConnectionString(server.connectionString);
    return {
      store,
      async cleanup() {
        await store.close();
        await server.stop();
      },
    };
  });

  describe('EventStoreDB adapter: what only it has to get right', () => {
    let server: TestEventStoreDB;
    let store: EventStoreDBEventStore;
    let raw: EventStoreDBClient;
    beforeAll(async () => {
      server = await startEventStoreDB();
      store = EventStoreDBEventStore.fromConnectionString(server.connectionString);
      raw = EventStoreDBClient.connectionString(server.connectionString);
    }, 180_000);
    afterAll(async () => {
      await store?.close();
      await raw?.dispose();
      await server?.stop();
    });

    test('a batch whose ids were reserved by a crashed attempt (no events) appends once, and its retry replays', async () => {
      const stream = freshStream();
      const batch = events(2);
      // What a crash between the reservation and the append leaves.
      for (const e of batch) {
        await raw.appendToStream(reservationStream(e.eventId), jsonEvent({ type: RESERVATION_TYPE, data: { streamId: stream } }), { expectedRevision: NO_STREAM });
      }
      const first = await store.append(stream, batch, { expectedRevision: 'no_stream' });
      expect(first.nextRevision).toBe(1);
      expect(await store.append(stream, batch, { expectedRevision: 'any' })).toEqual(first);
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    test('a replay long after, with many events appended since, still stores nothing', async () => {
      const stream = freshStream();
      const batch = events(1);
      const first = await store.append(stream, batch, { expectedRevision: 'no_stream' });
      for (let i = 0; i < 30; i++) await store.append(stream, events(50), { expectedRevision: 'any' });
      expect(await store.append(stream, batch, { expectedRevision: 'any' })).toEqual(first);
      expect(await store.streamRevision(stream)).toBe(1500);
    }, 120_000);

    test('readAll, readLog and subscriptions leave out EventStoreDB’s own events and the reservations', async () => {
      const before = await settledHead(store);
      const category = freshCategory();
      const stream = freshStream(category);
      await store.append(stream, events(3), { expectedRevision: 'no_stream' });
      await raw.setStreamMetadata(stream, { maxAge: 999_999 });
      const all = await store.readAll({ after: before });
      expect(all.every((e) => !e.type.startsWith('$') && !e.streamId.startsWith('$') && !e.streamId.startsWith('cr_event_id-'))).toBe(true);
      expect(all.filter((e) => e.streamId === stream)).toHaveLength(3);
      const log = await store.readLog({ after: before, limit: 100 });
      expect(log.map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));
      expect(await store.head()).toBe(all.at(-1)!.position);
    });

    test('verify finds an event written behind the adapter’s back with a forged chain hash', async () => {
      const stream = freshStream();
      await store.append(stream, events(2), { expectedRevision: 'no_stream' });
      const forged = '{"actor":{"id":"x","role":"poc"},"correlationId":"c","causationId":null,"occurredAt":"2021-01-01T00:00:00.000Z","schemaVersion":1,"recordedAt":"2021-01-01T00:00:00.000Z"}';
      await raw.appendToStream(
        stream,
        jsonEvent({ id: randomUUID(), type: 'ContributionResponded', data: { decision: 'accepted' }, metadata: Uint8Array.from(encodeMetadata(forged, Buffer.alloc(32, 7))) }),
        { expectedRevision: 1n },
      );
      const one = await store.verifyStream(stream);
      expect(one).toMatchObject({ valid: false, checkedEvents: 2, firstMismatch: { revision: 2, reason: expect.stringContaining('chain hash mismatch') } });
      const report = await store.verifyChains();
      expect(report.findings).toEqual(expect.arrayContaining([expect.objectContaining({ streamId: stream, revision: 2 })]));
    });

    test('appendStored keeps the bytes and refuses an event whose chain hash its bytes do not give', async () => {
      const source = freshStream();
      await store.append(source, [newEvent('A', { text: 'ë 🎉' })], { expectedRevision: 'no_stream' });
      const [stored] = await store.readLog({ streams: [source], limit: 1 });
      const copy = { ...stored, streamId: freshStream(), eventId: randomUUID() };
      await expect(store.appendStored([copy])).rejects.toMatchObject({ code: 'EVENT_STORE.STORED_EVENT_REJECTED' });
    });
  });
} else {
  // Not run here: the global setup printed the one line that says so.
  describe.skip('EventStore contract: EventStoreDB (needs EVENTSTORE_CONNECTION_STRING or npm run test:eventstoredb with Docker)', () => {
    test('the whole contract suite', () => undefined);
  });
}
