import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { canonicalMetadata } from '../../src/event-store/eventstoredb/eventstoredb-event-store.js';
import { encodeMetadata, toStoredEvent } from '../../src/event-store/eventstoredb/mapping.js';
import type { NewEvent } from '../../src/event-store/event-store.port.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { fromServer } from '../support/eventstoredb-wire.js';
import { visible } from './event-store.contract.js';

/**
 * The two adapters store the same bytes for the same event: the text PostgreSQL's cr_append stores
 * (and hashes) is the text the EventStoreDB adapter writes (and hashes), and an event copied either
 * way keeps its chain hash — which is why a copy's ledger digest equals its source's.
 */
let db: TestDatabase;
let store: PostgresEventStore;

beforeAll(async () => {
  db = await createTestDatabase();
  store = new PostgresEventStore(db.url);
});
afterAll(async () => {
  await store.close();
  await db.drop();
});

test('metadata and data as PostgreSQL stores them are what the EventStoreDB adapter writes, and read back through the client they keep the chain hash', async () => {
  const stream = `contribution-${randomUUID()}`;
  const events: NewEvent[] = [
    {
      eventId: randomUUID(),
      type: 'ContributionReceived',
      data: { body: 'Publikoni të dhënat — 日本 🎉 "q" \\ \u0001', nested: { n: 1.5, list: [null, true, -0, 1e21] } },
      metadata: { actor: { id: 'a', role: 'lfp', institution: 'Ministria e Drejtësisë' }, correlationId: 'c', causationId: null, occurredAt: '2021-03-04T10:00:00.000Z', schemaVersion: 1, requestId: 'r-1' },
    },
    { eventId: randomUUID(), type: 'ResponsePublished', data: {}, metadata: { actor: { id: 'p', role: 'poc' }, correlationId: 'c', causationId: 'x', occurredAt: '2021-03-05T10:00:00.000Z', schemaVersion: 3 } },
  ];
  const { position } = await store.append(stream, events, { expectedRevision: 'no_stream' });
  // The log shows a commit once every older transaction of the cluster (other test files') ended.
  await visible(store, position);
  const stored = await store.readLog({ streams: [stream], limit: 10, upTo: position });
  expect(stored).toHaveLength(2);
  stored.forEach((s, i) => {
    expect(s.data).toBe(JSON.stringify(events[i].data));
    expect(s.metadata).toBe(canonicalMetadata(events[i].metadata, s.recordedAt));
    const esdb = toStoredEvent(
      fromServer({
        id: s.eventId,
        streamId: s.streamId,
        revision: s.revision,
        type: s.type,
        data: Buffer.from(s.data),
        metadata: Buffer.from(encodeMetadata(s.metadata, s.chainHash)),
        commit: 100n + BigInt(i),
        prepare: 100n + BigInt(i),
      }),
    );
    expect({ ...esdb, position: s.position }).toEqual(s);
  });
});
