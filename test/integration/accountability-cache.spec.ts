import { randomUUID } from 'node:crypto';
import { ALL_PROJECTIONS } from '../../projections/index.js';
import { AccountabilityCache } from '../../projections/accountability/accountability.cache.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { ConsistencyService } from '../../src/projection-runner/consistency.service.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { eventAppender, receivedData, TEST_ACTORS } from '../support/projection-harness.js';

/**
 * GET /v1/contributions/:id/accountability keeps today's rows in the process that runs the views.
 * Whatever it keeps, a plain read (no consistentWith) once the views have applied a change shows
 * the change: the contribution's own, its canonical's (a duplicate shows its canonical's outcome)
 * and a name's (a commitment renamed).
 */
let db: TestDatabase;
let t: TestApp;
let store: EventStore;
let poc: string;
let append: ReturnType<typeof eventAppender>;

const cycleId = randomUUID();
const policyAreaId = randomUUID();
const commitmentId = randomUUID();
const canonical = randomUUID();
const duplicate = randomUUID();

const received = (contributionId: string, body: string) => receivedData(contributionId, body, { cycleId, policyAreaId });

/** Waits (through the checkpoints, not the read under test) until every view has applied `position`. */
const applied = (position: string) => t.app.get(ConsistencyService).waitFor(ALL_PROJECTIONS.map((p) => p.name), position);
const read = async (id: string) => {
  const res = await t.http.get(`/v1/contributions/${id}/accountability`).set(bearer(poc));
  expect(res.status).toBe(200);
  return res.body as { status: string; decision: string | null; rationale: string | null; commitmentTitles: (string | null)[]; revision: number };
};

beforeAll(async () => {
  db = await createTestDatabase();
  t = await startTestApp({ db });
  store = t.app.get<EventStore>(EVENT_STORE);
  poc = await t.token({ sub: 'poc-1', role: 'poc', institution: 'Office of the Prime Minister' });
  append = eventAppender(store);
  await append(`commitment-${commitmentId}`, 'CommitmentDrafted', {
    commitmentId,
    cycleId,
    policyAreaId,
    title: 'Open asset declarations',
    problem: 'Declarations are on paper',
    description: 'Publish them as open data',
    ogpValues: ['access_to_information'],
    milestones: [],
    leadInstitution: 'Ministry of Justice',
    supportingInstitutions: [],
    areaLeadInstitution: 'Ministry of Justice',
  });
  await append(`contribution-${canonical}`, 'ContributionReceived', received(canonical, 'Publish the declarations.'), { actor: TEST_ACTORS.justice });
  await append(`contribution-${duplicate}`, 'ContributionReceived', received(duplicate, 'Publish the declarations, please.'), { actor: TEST_ACTORS.justice });
  const { position } = await append(`contribution-${duplicate}`, 'ContributionMarkedDuplicate', { contributionId: duplicate, cycleId, policyAreaId, canonicalId: canonical }, { actor: TEST_ACTORS.justice });
  await applied(position);
}, 60_000);

afterAll(async () => {
  await t?.close();
  await db?.drop();
});

it('shows a change once the views have applied it, though the row was kept before: its own, its canonical’s, a name’s', async () => {
  expect(await read(canonical)).toMatchObject({ status: 'received', decision: null });
  expect(await read(duplicate)).toMatchObject({ decision: null });
  // Read twice: kept now (the test would prove nothing otherwise).
  await read(canonical);
  await read(duplicate);
  expect(t.app.get(AccountabilityCache).size).toBeGreaterThanOrEqual(2);

  // The canonical is answered: both rows change.
  const answered = await append(
    `contribution-${canonical}`,
    'ContributionResponded',
    { contributionId: canonical, cycleId, policyAreaId, responseNumber: 1, decision: 'accepted', rationale: 'Commitment 3 publishes them', commitmentIds: [commitmentId] },
    { actor: TEST_ACTORS.justice },
  );
  await applied(answered.position);
  expect(await read(canonical)).toMatchObject({ status: 'responded', decision: 'accepted', rationale: 'Commitment 3 publishes them', commitmentTitles: ['Open asset declarations'] });
  expect(await read(duplicate)).toMatchObject({ decision: 'accepted', rationale: 'Commitment 3 publishes them' });

  // Kept again, then the commitment is renamed: only the directory changes.
  await read(canonical);
  const renamed = await append(`commitment-${commitmentId}`, 'CommitmentRevised', {
    commitmentId,
    cycleId,
    policyAreaId,
    revisionNumber: 1,
    changes: { title: 'Asset declarations as open data' },
    inResponseTo: [],
  });
  await applied(renamed.position);
  expect((await read(canonical)).commitmentTitles).toEqual(['Asset declarations as open data']);
});

it('in a process that does not run the views, keeps nothing and shows a change as soon as the views have applied it', async () => {
  const api = await startTestApp({ db, projections: false });
  try {
    const there = async () => (await api.http.get(`/v1/contributions/${canonical}/accountability`).set(bearer(poc))).body as { status: string; revision: number };
    const before = await there();
    expect(before.status).toBe('responded');
    const reviewed = await append(`contribution-${canonical}`, 'ResponseReviewed', { contributionId: canonical, cycleId, policyAreaId, responseNumber: 1, verdict: 'endorsed', comment: null });
    await applied(reviewed.position);
    expect(await there()).toMatchObject({ status: 'endorsed', revision: before.revision + 1 });
    expect(api.app.get(AccountabilityCache).size).toBe(0);
  } finally {
    await api.close();
  }
});
