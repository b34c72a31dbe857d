import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor, EventStore, NewEvent } from '../../src/event-store/event-store.port.js';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { Checkpoints } from '../../src/projection-runner/checkpoints.js';
import type { ProjectionDefinition } from '../../src/projection-runner/projection.js';
import { createScratchTables, quoteIdent, replayInTransaction, useSchema } from '../../src/projection-runner/replay.js';
import { createTestDatabase } from './database.js';

class Rollback extends Error {}

/**
 * Replays the whole log into scratch copies of a projection's tables in batches of `batchSize`,
 * returns every table's rows (ordered, so two results compare with toEqual), and rolls back.
 */
export async function projectInBatches(
  dataSource: DataSource,
  store: EventStore,
  definition: ProjectionDefinition,
  batchSize: number,
): Promise<Record<string, unknown[]>> {
  const schema = `scratch_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  let tables: Record<string, unknown[]> = {};
  await dataSource
    .transaction(async (m) => {
      await createScratchTables(m, definition, schema);
      await useSchema(m, schema);
      await replayInTransaction(m, store, definition, { batchSize });
      tables = {};
      for (const table of definition.tables) {
        tables[table] = await m.query(`SELECT * FROM ${quoteIdent(schema)}.${quoteIdent(table)} t ORDER BY to_jsonb(t)::text`);
      }
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return tables;
}

export const TEST_ACTORS = {
  poc: { id: 'poc-1', role: 'poc', institution: 'Office of the Prime Minister' } as Actor,
  justice: { id: 'moj-1', role: 'lfp', institution: 'Ministry of Justice' } as Actor,
  finance: { id: 'mof-1', role: 'lfp', institution: 'Ministry of Finance' } as Actor,
};

/**
 * Appends one domain event to a stream, as a command would have (tests of projections need the
 * log, not the HTTP layer).
 */
/** A ContributionReceived event's data, written by the Ministry of Justice's LFP; `fields` replaces any of it. */
export function receivedData(contributionId: string, body: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    contributionId,
    consultationId: randomUUID(),
    cycleId: randomUUID(),
    policyAreaId: null,
    leadInstitution: 'Ministry of Justice',
    stakeholderId: null,
    channel: 'written',
    body,
    commitmentId: null,
    receivedAt: '2020-10-06T10:00:00.000Z',
    late: false,
    source: null,
    personalDataSubject: null,
    ...fields,
  };
}

export function eventAppender(store: EventStore) {
  return async (streamId: string, type: string, data: Record<string, unknown>, options: { actor?: Actor; occurredAt?: string } = {}) => {
    const event: NewEvent = {
      eventId: randomUUID(),
      type,
      data,
      metadata: {
        actor: options.actor ?? TEST_ACTORS.poc,
        correlationId: randomUUID(),
        causationId: null,
        occurredAt: options.occurredAt ?? new Date().toISOString(),
        schemaVersion: 1,
      },
    };
    return store.append(streamId, [event], { expectedRevision: 'any' });
  };
}

/** A test database of its own with the event store and the checkpoint table, for tests of the follower's parts without the service. */
export async function checkpointsDatabase(options: { poolSize: number }) {
  const db = await createTestDatabase();
  const dataSource = await new DataSource({ type: 'postgres', url: db.url }).initialize();
  const store = new PostgresEventStore(db.url, { poolSize: options.poolSize });
  return {
    db,
    dataSource,
    store,
    checkpoints: new Checkpoints(dataSource, store),
    async close(): Promise<void> {
      await dataSource.destroy();
      await store.close();
      await db.drop();
    },
  };
}
