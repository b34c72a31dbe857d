import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { accountabilityProjection } from '../../projections/accountability/accountability.projection.js';
import { EVENT_STORE, type EventStore, type NewEvent } from '../../src/event-store/event-store.port.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { projectInBatches, TEST_ACTORS } from '../support/projection-harness.js';

const CONTRIBUTIONS = 400;
let db: TestDatabase;
let t: TestApp;
let poc: string;
let head: string;
const probe = randomUUID();

const live = (ds: DataSource) => ds.query('SELECT * FROM public.accountability t ORDER BY to_jsonb(t)::text');

async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

async function accountabilityStatus(app: TestApp) {
  const res = await app.http.get('/v1/admin/projections').set(bearer(poc));
  return res.body.items.find((p: { name: string }) => p.name === 'accountability');
}

beforeAll(async () => {
  db = await createTestDatabase();
  // Building the record needs no small batches; the rebuilds below use them (many, observable batches).
  t = await startTestApp({ db, overrides: { CONSISTENCY_TIMEOUT_MS: 60000 } });
  poc = await t.token({ sub: 'poc-1', role: 'poc', institution: 'Office of the Prime Minister' });
  const store = t.app.get<EventStore>(EVENT_STORE);
  const cycleId = randomUUID();
  const consultationId = randomUUID();
  for (let i = 0; i < CONTRIBUTIONS; i++) {
    const id = i === 0 ? probe : randomUUID();
    const events: NewEvent[] = ['ContributionReceived', 'ContributionResponded'].map((type) => ({
      eventId: randomUUID(),
      type,
      data:
        type === 'ContributionReceived'
          ? { contributionId: id, consultationId, cycleId, policyAreaId: null, leadInstitution: null, stakeholderId: null, channel: 'written', body: `Comment ${i}`, commitmentId: null, receivedAt: '2020-11-10T10:00:00Z', late: false, source: null, personalDataSubject: null }
          : { contributionId: id, cycleId, policyAreaId: null, responseNumber: 1, decision: 'noted', rationale: 'Taken into account in the final draft', commitmentIds: [] },
      metadata: { actor: TEST_ACTORS.poc, correlationId: randomUUID(), causationId: null, occurredAt: '2020-11-20T10:00:00Z', schemaVersion: 1 },
    }));
    head = (await store.append(`contribution-${id}`, events, { expectedRevision: 'no_stream' })).position;
  }
  await t.http.get(`/v1/contributions/${probe}/accountability`).set(bearer(poc)).query({ consistentWith: head }).expect(200);
}, 120_000);

afterAll(async () => {
  await t.close();
  await db.drop();
});

test('a version bump rebuilds into new tables while the old ones keep answering, then swaps them in', async () => {
  const before = await live(t.app.get(DataSource));
  // As if the stored tables were built by version 0 of the projection: the next start rebuilds.
  await t.app.get(DataSource).query(`UPDATE projection_state SET version = 0 WHERE name = 'accountability'`);
  await t.close();
  t = await startTestApp({ db, overrides: { PROJECTION_BATCH_SIZE: 10, CONSISTENCY_TIMEOUT_MS: 60000 } });

  const during = await waitFor('the rebuild to be under way', async () => {
    const s = await accountabilityStatus(t);
    return s?.status === 'rebuilding' && s.rebuild?.position ? s : undefined;
  });
  expect(during).toMatchObject({ storedVersion: 0, version: accountabilityProjection.version, rebuild: { version: accountabilityProjection.version } });
  // The old tables still answer, fully.
  const answered = await t.http.get(`/v1/contributions/${probe}/accountability`).set(bearer(poc));
  expect(answered.status).toBe(200);
  expect(answered.body).toMatchObject({ decision: 'noted', addressed: true });

  const after = await waitFor('the swap', async () => {
    const s = await accountabilityStatus(t);
    return s?.status === 'running' && s.storedVersion === accountabilityProjection.version ? s : undefined;
  });
  expect(after).toMatchObject({ checkpoint: head, lag: 0, rebuild: null });
  const dataSource = t.app.get(DataSource);
  const rebuilt = await live(dataSource);
  expect(rebuilt).toEqual(before);
  expect(rebuilt).toEqual((await projectInBatches(dataSource, t.app.get<EventStore>(EVENT_STORE), accountabilityProjection, 500)).accountability);
  const [{ n }] = (await dataSource.query(`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname LIKE 'rebuild_%'`)) as Array<{ n: number }>;
  expect(n).toBe(0);
}, 120_000);

test('POST /v1/admin/projections/:name/rebuild rebuilds on demand (poc only) and ends equal to a rebuild from scratch', async () => {
  const lfp = await t.token({ sub: 'moj', role: 'lfp', institution: 'Ministry of Justice' });
  expect((await t.http.post('/v1/admin/projections/accountability/rebuild').set(bearer(lfp))).status).toBe(403);
  const unknown = await t.http.post('/v1/admin/projections/nonsense/rebuild').set(bearer(poc));
  expect(unknown.status).toBe(404);
  expect(unknown.body.code).toBe('PROJECTION.NOT_FOUND');

  const dataSource = t.app.get(DataSource);
  const before = await live(dataSource);
  // A damaged read model: only a rebuild from the events puts it right.
  await dataSource.query(`UPDATE accountability SET decision = 'tampered' WHERE contribution_id = $1`, [probe]);
  const res = await t.http.post('/v1/admin/projections/accountability/rebuild').set(bearer(poc));
  expect(res.status).toBe(202);
  await waitFor('the on-demand rebuild to finish', async () => {
    const s = await accountabilityStatus(t);
    return s?.status === 'running' && s.rebuild === null ? s : undefined;
  });
  expect(await live(dataSource)).toEqual(before);
  expect((await t.http.get(`/v1/contributions/${probe}/accountability`).set(bearer(poc))).body.decision).toBe('noted');
}, 120_000);
