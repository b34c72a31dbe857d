import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { accountabilityProjection } from '../../projections/accountability/accountability.projection.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { eventAppender, projectInBatches, TEST_ACTORS } from '../support/projection-harness.js';

let t: TestApp;
let store: EventStore;
let append: ReturnType<typeof eventAppender>;
let poc: string;
let last: string;

const cycleId = randomUUID();
const areaId = randomUUID();
const consultationId = randomUUID();
const commitmentA = randomUUID();
const commitmentB = randomUUID();
const ids = { c1: randomUUID(), c2: randomUUID(), c3: randomUUID(), c4: randomUUID(), c5: randomUUID() };
const csoId = randomUUID();

function received(contributionId: string, receivedAt: string, stakeholderId: string | null = csoId) {
  return {
    contributionId,
    consultationId,
    cycleId,
    policyAreaId: areaId,
    leadInstitution: 'Ministry of Justice',
    stakeholderId,
    channel: 'meeting',
    body: 'Publish the asset declarations of judges in open data',
    commitmentId: null,
    receivedAt,
    late: false,
    source: null,
    personalDataSubject: null,
  };
}

const scope = { cycleId, policyAreaId: areaId };

async function contribution(id: string, type: string, data: Record<string, unknown>, occurredAt: string) {
  const r = await append(`contribution-${id}`, type, { contributionId: id, ...scope, ...data }, { actor: TEST_ACTORS.justice, occurredAt });
  last = r.position;
}

beforeAll(async () => {
  t = await startTestApp();
  store = t.app.get<EventStore>(EVENT_STORE);
  append = eventAppender(store);
  poc = await t.token({ sub: 'poc-1', role: 'poc', institution: 'Office of the Prime Minister' });

  for (const [id, at] of [
    [ids.c1, '2020-09-10T10:00:00Z'],
    [ids.c2, '2020-09-11T10:00:00Z'],
    [ids.c3, '2020-09-12T10:00:00Z'],
    [ids.c4, '2020-09-13T10:00:00Z'],
    [ids.c5, '2020-09-14T10:00:00Z'],
  ] as const) {
    await contribution(id, 'ContributionReceived', received(id, at), at);
  }
  await contribution(ids.c1, 'ContributionResponded', { responseNumber: 1, decision: 'accepted', rationale: 'Included as milestone 2', commitmentIds: [commitmentA] }, '2020-09-20T09:00:00Z');
  await contribution(ids.c1, 'ResponseReviewed', { responseNumber: 1, verdict: 'endorsed', comment: null }, '2020-09-21T09:00:00Z');
  await contribution(ids.c1, 'ResponsePublished', { responseNumber: 1 }, '2020-09-22T09:00:00Z');
  await contribution(ids.c2, 'ContributionMarkedDuplicate', { canonicalId: ids.c1 }, '2020-09-23T09:00:00Z');
  await contribution(ids.c3, 'ContributionMarkedDuplicate', { canonicalId: ids.c2 }, '2020-09-23T10:00:00Z');
  // The canonical's response is revised afterwards: its duplicates must follow.
  await contribution(ids.c1, 'ContributionResponded', { responseNumber: 2, decision: 'partially_accepted', rationale: 'Judges only; prosecutors later', commitmentIds: [commitmentB, commitmentA] }, '2020-10-01T09:00:00Z');
  await contribution(ids.c4, 'ContributionResponded', { responseNumber: 1, decision: 'not_accepted', rationale: 'Out of budget', commitmentIds: [] }, '2020-09-25T09:00:00Z');
  await contribution(ids.c4, 'ResponseReviewed', { responseNumber: 1, verdict: 'revision_requested', comment: 'Explain the budget constraint' }, '2020-09-26T09:00:00Z');
  await contribution(ids.c5, 'ContributionWithdrawn', { reason: 'Merged into our joint submission' }, '2020-09-27T09:00:00Z');
});

afterAll(async () => {
  await t.close();
});

const get = (id: string, token?: string) => {
  const req = t.http.get(`/v1/contributions/${id}/accountability`).query({ consistentWith: last });
  return token ? req.set(bearer(token)) : req;
};

describe('accountability projection (live runner, real PostgreSQL)', () => {
  it('answers "was this addressed?" for a revised response: current decision, first response date, review cleared', async () => {
    const res = await get(ids.c1, poc);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      contributionId: ids.c1,
      status: 'responded',
      addressed: true,
      decision: 'partially_accepted',
      rationale: 'Judges only; prosecutors later',
      commitmentIds: [commitmentA, commitmentB].sort(),
      responseNumber: 2,
      respondedAt: '2020-09-20T09:00:00.000Z',
      daysToResponse: 9,
      reviewVerdict: null,
      publishedAt: null,
      respondedBy: { id: 'moj-1', institution: 'Ministry of Justice' },
    });
  });

  it("shows a duplicate, and a duplicate of a duplicate, with the canonical's current answer", async () => {
    for (const id of [ids.c2, ids.c3]) {
      const res = await get(id, poc);
      expect(res.body).toMatchObject({ status: 'duplicate', addressed: true, decision: 'partially_accepted', commitmentIds: [commitmentA, commitmentB].sort() });
    }
    expect((await get(ids.c3, poc)).body.duplicateOf).toBe(ids.c2);
  });

  it('counts a response sent back for revision as not addressed, and shows withdrawals', async () => {
    expect((await get(ids.c4, poc)).body).toMatchObject({ status: 'revision_requested', addressed: false, reviewVerdict: 'revision_requested' });
    expect((await get(ids.c5, poc)).body).toMatchObject({ status: 'withdrawn', addressed: false, withdrawn: true });
  });

  it('shows anonymous callers only published contributions', async () => {
    expect((await get(ids.c4)).status).toBe(404);
    const list = await t.http.get('/v1/contributions').query({ consultationId, consistentWith: last });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
  });

  it('lists with filters and cursor pagination', async () => {
    const unaddressed = await t.http.get('/v1/contributions').set(bearer(poc)).query({ consultationId, addressed: 'false' });
    expect(unaddressed.body.items.map((i: { contributionId: string }) => i.contributionId)).toEqual([ids.c4, ids.c5]);
    const first = await t.http.get('/v1/contributions').set(bearer(poc)).query({ cycleId, limit: 2 });
    expect(first.body.items).toHaveLength(2);
    const second = await t.http.get('/v1/contributions').set(bearer(poc)).query({ cycleId, limit: 2, cursor: first.body.nextCursor });
    const third = await t.http.get('/v1/contributions').set(bearer(poc)).query({ cycleId, limit: 2, cursor: second.body.nextCursor });
    const seen = [...first.body.items, ...second.body.items, ...third.body.items].map((i: { contributionId: string }) => i.contributionId);
    expect(seen).toEqual([ids.c1, ids.c2, ids.c3, ids.c4, ids.c5]);
    expect(third.body.nextCursor).toBeNull();
    const bad = await t.http.get('/v1/contributions').set(bearer(poc)).query({ cursor: 'nonsense', status: 'lost' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('status');
  });

  it('gives identical tables in batches of 1, 7 and 500, equal to what the live runner built', async () => {
    const dataSource = t.app.get(DataSource);
    const one = await projectInBatches(dataSource, store, accountabilityProjection, 1);
    const seven = await projectInBatches(dataSource, store, accountabilityProjection, 7);
    const many = await projectInBatches(dataSource, store, accountabilityProjection, 500);
    expect(one.accountability).toHaveLength(5);
    expect(seven).toEqual(one);
    expect(many).toEqual(one);
    const live = await dataSource.query('SELECT * FROM public.accountability t ORDER BY to_jsonb(t)::text');
    expect(live).toEqual(one.accountability);
  });

  it('reports its checkpoint and lag', async () => {
    const res = await t.http.get('/v1/admin/projections').set(bearer(poc));
    expect(res.status).toBe(200);
    const entry = res.body.items.find((p: { name: string }) => p.name === 'accountability');
    expect(entry).toMatchObject({ version: 2, storedVersion: 2, status: 'running', lag: 0, eventsApplied: 14 });
    expect(entry.checkpoint).toBe(last);
  });
});
