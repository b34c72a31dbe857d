import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { ALL_PROJECTIONS } from '../../projections/index.js';
import { createDataSource } from '../../src/database/data-source.js';
import { isDatabaseUnavailable } from '../../src/database/database-errors.js';
import { type EventStore, type RecordedEvent } from '../../src/event-store/event-store.port.js';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { handledTypes } from '../../src/projection-runner/projection.js';
import { applyEvents, createScratchTables, failedEvent, replayInTransaction, useSchema } from '../../src/projection-runner/replay.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase } from '../support/database.js';
import { eventAppender, receivedData, TEST_ACTORS } from '../support/projection-harness.js';
import { RecordBuilder } from '../support/record-builder.js';
import { WRITE_ENDPOINTS, WriteFixture } from '../support/write-endpoints.js';

/**
 * A value PostgreSQL cannot store (a NUL in text) that got into the log past the edge — by an older
 * version, a restored dump, a direct append — must not stall a projection silently: the projection
 * applies the event, or stops as `failed` naming it. Fed here through the event store itself.
 */
const NUL_TEXT = 'Publish the minutes\u0000 within a week';

function textPaths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value === 'string') return [prefix];
  if (value === null || typeof value !== 'object') return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([k, v]) => textPaths(v, [...prefix, k]));
}

function withNul(data: Record<string, unknown>, path: Array<string | number>): Record<string, unknown> {
  const copy = structuredClone(data);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]] = NUL_TEXT;
  return copy;
}

class Rollback extends Error {}

test('every text field of every event, holding a NUL: each projection applies it or fails naming that event', async () => {
  // One event of every type the API makes, through the API.
  const r = await RecordBuilder.start();
  let log: RecordedEvent[];
  let dataSource: DataSource | undefined;
  try {
    const fx = await WriteFixture.build(r);
    // The import appends what POST /v1/contributions appends.
    for (const endpoint of WRITE_ENDPOINTS.filter((e) => e.family !== 'operations' && !e.ndjson)) {
      const target = await endpoint.target(fx, endpoint.allowed[0]);
      const request = r.http.post(target.path).set(fx.headers(endpoint.allowed[0]));
      // The bulk import takes NDJSON, as the role/scope matrix sends it.
      const res = target.raw ? await request.set('Content-Type', target.raw.contentType).send(target.raw.text) : await request.send(target.body);
      expect(res.status).toBeLessThan(300);
    }
    log = await r.store.readAll({});
    dataSource = createDataSource({ url: r.t.db.url });
    await dataSource.initialize();

    const outcomes = { applied: 0, failedNamingTheEvent: 0 };
    const wrong: string[] = [];
    for (const definition of ALL_PROJECTIONS) {
      const types = new Set(handledTypes(definition));
      const schema = `nul_${definition.name.replace(/-/g, '_')}`;
      await dataSource
        .transaction(async (m) => {
          await createScratchTables(m, definition, schema);
          await useSchema(m, schema);
          await replayInTransaction(m, r.store, definition);
          for (const event of log.filter((e) => types.has(e.type))) {
            for (const path of textPaths(event.data)) {
              const bad: RecordedEvent = { ...event, eventId: randomUUID(), data: withNul(event.data, path) };
              await m.query('SAVEPOINT nul_case');
              try {
                await applyEvents(m, definition, [bad]);
                outcomes.applied++;
              } catch (error) {
                if (failedEvent(error)?.eventId === bad.eventId && !isDatabaseUnavailable(error)) outcomes.failedNamingTheEvent++;
                else wrong.push(`${definition.name} ${event.type}.${path.join('.')}: ${String(error)}`);
              }
              await m.query('ROLLBACK TO SAVEPOINT nul_case');
            }
          }
          throw new Rollback();
        })
        .catch((error: unknown) => {
          if (!(error instanceof Rollback)) throw error;
        });
    }
    expect(wrong).toEqual([]);
    // Both happen: text a projection stores fails it, text it does not store is harmless.
    expect(outcomes.applied).toBeGreaterThan(0);
    expect(outcomes.failedNamingTheEvent).toBeGreaterThan(50);
  } finally {
    await dataSource?.destroy();
    await r.close();
  }
}, 120_000);

test('the running service: a NUL in a batch of events stops only the projections that store it, as failed, naming the event', async () => {
  const db = await createTestDatabase();
  const store: EventStore = new PostgresEventStore(db.url);
  const append = eventAppender(store);
  const cycleId = randomUUID();
  const consultationId = randomUUID();
  const policyAreaId = randomUUID();
  const contribution = (contributionId: string, body: string) => receivedData(contributionId, body, { consultationId, cycleId, policyAreaId, channel: 'meeting' });
  const ids = [randomUUID(), randomUUID(), randomUUID()];
  // All appended before the service starts: they reach each projection in one batch.
  await append(`contribution-${ids[0]}`, 'ContributionReceived', contribution(ids[0], 'Publish the minutes within a week.'), { actor: TEST_ACTORS.justice });
  const bad = await append(`contribution-${ids[1]}`, 'ContributionReceived', contribution(ids[1], NUL_TEXT), { actor: TEST_ACTORS.justice });
  await append(`contribution-${ids[2]}`, 'ContributionReceived', contribution(ids[2], 'Open the asset register.'), { actor: TEST_ACTORS.justice });
  // The log shows it once every older transaction of the cluster has ended (other test files share it).
  let badEvent: RecordedEvent | undefined;
  for (const deadline = Date.now() + 30_000; !badEvent && Date.now() < deadline; await sleep(20)) {
    badEvent = (await store.readAll({})).find((e) => e.position === bad.position);
  }
  if (!badEvent) throw new Error('the appended event never became visible in the log');
  await store.close();

  let t: TestApp | undefined;
  try {
    t = await startTestApp({ db });
    const poc = await t.token({ sub: 'poc-1', role: 'poc', institution: 'Office of the Prime Minister' });
    type Status = { name: string; status: string; failedEventId: string | null; error: string | null; lag: number | null };
    const statuses = async () => (await t!.http.get('/v1/admin/projections').set(bearer(poc))).body.items as Status[];
    const deadline = Date.now() + 30_000;
    let accountability: Status | undefined;
    while (Date.now() < deadline) {
      accountability = (await statuses()).find((s) => s.name === 'accountability' && s.status === 'failed');
      if (accountability) break;
      await sleep(50);
    }
    expect(accountability).toMatchObject({ status: 'failed', failedEventId: badEvent.eventId, error: expect.stringContaining(badEvent.eventId) });
    // The events before it are applied; the checkpoint waits at it.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ id: string }>('SELECT contribution_id AS id FROM accountability');
    await client.end();
    expect(rows.map((row) => row.id)).toEqual([ids[0]]);
    // A projection that does not store the body is not held up by it.
    const traceability = (await statuses()).find((s) => s.name === 'commitment-traceability');
    expect(traceability).toMatchObject({ status: 'running', lag: 0 });
  } finally {
    await t?.close();
    await db.drop();
  }
}, 60_000);
