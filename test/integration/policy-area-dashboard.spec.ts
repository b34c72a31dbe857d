import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { bearer, INSTITUTIONS, startTestApp, type TestApp } from '../support/app.js';
import { eventAppender, TEST_ACTORS } from '../support/projection-harness.js';

// Albania NAP 2020–2022: the Anti-Corruption area, led by the Ministry of Justice, next to Digital Governance.
const OVERDUE_DAYS = 20;
const DAY = 86_400_000;

let t: TestApp;
let store: EventStore;
let append: ReturnType<typeof eventAppender>;
let poc: string;
let lfp: string;
let last: string;

const cycleId = randomUUID();
const antiCorruption = randomUUID();
const digital = randomUUID();
const meetingId = randomUUID();
const writtenCallId = randomUUID();
const digitalMeetingId = randomUUID();
const commitment = randomUUID();
const csoId = randomUUID();
const d = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`d${i + 1}`, randomUUID()])) as Record<`d${number}`, string>;
const other = randomUUID();

async function record(streamId: string, type: string, data: Record<string, unknown>, occurredAt: string, actor = TEST_ACTORS.justice) {
  last = (await append(streamId, type, data, { actor, occurredAt })).position;
}

const contribution = (id: string, type: string, data: Record<string, unknown>, occurredAt: string, policyAreaId = antiCorruption) =>
  record(`contribution-${id}`, type, { contributionId: id, cycleId, policyAreaId, ...data }, occurredAt);

function receive(id: string, receivedAt: string, consultationId = meetingId, policyAreaId = antiCorruption) {
  return contribution(
    id,
    'ContributionReceived',
    {
      consultationId,
      leadInstitution: policyAreaId === antiCorruption ? INSTITUTIONS.justice : INSTITUTIONS.nais,
      stakeholderId: csoId,
      channel: consultationId === writtenCallId ? 'written' : 'meeting',
      body: 'Remark on the draft commitments',
      commitmentId: null,
      receivedAt,
      late: false,
      source: null,
      personalDataSubject: null,
    },
    receivedAt,
    policyAreaId,
  );
}

const respond = (id: string, responseNumber: number, decision: string, at: string) =>
  contribution(id, 'ContributionResponded', { responseNumber, decision, rationale: `Reasoned response: ${decision}`, commitmentIds: decision.includes('accepted') && decision !== 'not_accepted' ? [commitment] : [] }, at);

const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

beforeAll(async () => {
  t = await startTestApp({ overrides: { OVERDUE_DAYS } });
  store = t.app.get<EventStore>(EVENT_STORE);
  append = eventAppender(store);
  poc = await t.token({ sub: 'poc-1', role: 'poc', institution: INSTITUTIONS.poc });
  lfp = await t.token({ sub: 'mof-1', role: 'lfp', institution: INSTITUTIONS.finance });

  const cycle = (type: string, data: Record<string, unknown>) => record(`cycle-${cycleId}`, type, { cycleId, ...data }, '2020-07-01T08:00:00Z', TEST_ACTORS.poc);
  await cycle('CycleOpened', {
    country: 'Albania',
    title: 'Albania NAP 2020–2022',
    periodStart: '2020-07-01',
    periodEnd: '2022-06-30',
    pocInstitution: INSTITUTIONS.poc,
    methodology: null,
    stage: 'preparation',
  });
  await cycle('PolicyAreaAdded', { policyAreaId: antiCorruption, name: 'Anti-Corruption', leadInstitution: INSTITUTIONS.justice });
  await cycle('PolicyAreaAdded', { policyAreaId: digital, name: 'Digital Governance', leadInstitution: INSTITUTIONS.nais });

  // Whole days from receipt to the first response: d14 1, d1 2, d2 4, d3 7, d4 10, d6 30; d5 21 but withdrawn.
  await receive(d.d1, '2020-09-01T10:00:00Z');
  await receive(d.d2, '2020-09-01T10:00:00Z');
  await receive(d.d3, '2020-09-02T10:00:00Z');
  await receive(d.d4, '2020-09-02T10:00:00Z', writtenCallId);
  await receive(d.d5, '2020-09-03T10:00:00Z', writtenCallId);
  await receive(d.d6, '2020-09-03T10:00:00Z');
  await receive(d.d7, '2020-09-04T10:00:00Z');
  await receive(d.d8, '2020-09-05T10:00:00Z');
  await receive(d.d9, '2020-09-05T11:00:00Z');
  await receive(d.d10, '2020-09-06T10:00:00Z');
  await receive(d.d11, '2020-09-06T11:00:00Z');
  await receive(d.d12, daysAgo(OVERDUE_DAYS - 10), writtenCallId);
  await receive(d.d13, daysAgo(OVERDUE_DAYS + 5), writtenCallId);
  await receive(d.d14, '2020-09-04T10:00:00Z');
  await receive(other, '2020-09-01T10:00:00Z', digitalMeetingId, digital);

  await respond(d.d1, 1, 'accepted', '2020-09-03T10:00:00Z');
  await contribution(d.d1, 'ResponseReviewed', { responseNumber: 1, verdict: 'endorsed', comment: null }, '2020-09-04T10:00:00Z');
  await contribution(d.d1, 'ResponsePublished', { responseNumber: 1 }, '2020-09-05T10:00:00Z');
  await respond(d.d2, 1, 'partially_accepted', '2020-09-06T09:00:00Z');
  await respond(d.d3, 1, 'not_accepted', '2020-09-09T10:00:00Z');
  await contribution(d.d3, 'ResponseReviewed', { responseNumber: 1, verdict: 'revision_requested', comment: 'Give the reason' }, '2020-09-10T10:00:00Z');
  await respond(d.d4, 1, 'noted', '2020-09-12T10:00:00Z');
  await respond(d.d4, 2, 'out_of_scope', '2020-09-20T10:00:00Z'); // a later response does not move the first
  await respond(d.d5, 1, 'already_addressed', '2020-09-24T10:00:00Z');
  await contribution(d.d5, 'ContributionWithdrawn', { reason: null }, '2020-09-25T10:00:00Z');
  await respond(d.d6, 1, 'already_addressed', '2020-10-03T10:00:00Z');
  await contribution(d.d7, 'ContributionMarkedDuplicate', { canonicalId: d.d2 }, '2020-09-07T10:00:00Z');
  await contribution(d.d9, 'ContributionWithdrawn', { reason: 'Sent by mistake' }, '2020-09-06T10:00:00Z');
  await contribution(d.d10, 'ContributionMarkedDuplicate', { canonicalId: d.d11 }, '2020-09-07T11:00:00Z');
  await respond(d.d14, 1, 'noted', '2020-09-05T11:00:00Z');
  await contribution(other, 'ContributionResponded', { responseNumber: 1, decision: 'noted', rationale: 'Noted', commitmentIds: [] }, '2020-09-02T10:00:00Z', digital);
});

afterAll(async () => {
  await t.close();
});

const dashboard = (cycle: string, area: string, token?: string, query: Record<string, string> = { consistentWith: last }) => {
  const req = t.http.get(`/v1/cycles/${cycle}/policy-areas/${area}/dashboard`).query(query);
  return token ? req.set(bearer(token)) : req;
};

describe('policy area dashboard (the accountability view and the directory, live runner, real PostgreSQL)', () => {
  it("shows the area's counts, response rate, median and p90 days to response, decisions and overdue", async () => {
    const res = await dashboard(cycleId, antiCorruption, poc);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      cycleId,
      policyAreaId: antiCorruption,
      name: 'Anti-Corruption',
      leadInstitution: INSTITUTIONS.justice,
      contributions: 14,
      withdrawn: 2,
      // d1, d2, d3, d4, d6, d14 and d7 (the duplicate of d2); d10 follows d11, which has no response.
      responded: 7,
      // 7 of 12, rounded as a person reads it.
      responseRate: 0.583,
      // Days [1, 2, 4, 7, 10, 30]: percentile_cont(0.5) = (4 + 7) / 2; percentile_disc(0.9) = 30 (5 of 6 is only 83 %).
      medianDaysToResponse: 5.5,
      p90DaysToResponse: 30,
      byDecision: { accepted: 1, partially_accepted: 2, not_accepted: 1, out_of_scope: 1, already_addressed: 1, noted: 1 },
      decisionsCounted: 'all',
      // d8, d11 and d13 (received 25 days ago); not d12 (10 days), d9 (withdrawn) or d10 (a duplicate).
      overdue: 3,
      overdueAfterDays: OVERDUE_DAYS,
    });
  });

  it('answers every LFP (not only the lead) and anonymous callers, these with published decisions only', async () => {
    const asLfp = await dashboard(cycleId, antiCorruption, lfp);
    expect(asLfp.status).toBe(200);
    expect(asLfp.body.decisionsCounted).toBe('all');
    const anonymous = await dashboard(cycleId, antiCorruption);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toMatchObject({
      contributions: 14,
      responded: 7,
      medianDaysToResponse: 5.5,
      overdue: 3,
      byDecision: { accepted: 1, partially_accepted: 0, not_accepted: 0, out_of_scope: 0, already_addressed: 0, noted: 0 },
      decisionsCounted: 'published',
    });
  });

  it('shows an area of its own contributions only, and nulls where nothing can be measured', async () => {
    const res = await dashboard(cycleId, digital, poc);
    expect(res.body).toMatchObject({ name: 'Digital Governance', leadInstitution: INSTITUTIONS.nais, contributions: 1, responded: 1, responseRate: 1, medianDaysToResponse: 1, p90DaysToResponse: 1, overdue: 0 });
    const empty = randomUUID();
    await record(`cycle-${cycleId}`, 'PolicyAreaAdded', { cycleId, policyAreaId: empty, name: 'Fiscal Transparency', leadInstitution: INSTITUTIONS.finance }, '2020-07-02T08:00:00Z', TEST_ACTORS.poc);
    expect((await dashboard(cycleId, empty, poc)).body).toMatchObject({ contributions: 0, responded: 0, responseRate: null, medianDaysToResponse: null, p90DaysToResponse: null, overdue: 0 });
  });

  it('answers 404 problem+json for an unknown area or one of another cycle, and 400 for bad query parameters', async () => {
    for (const [cycle, area] of [
      [cycleId, randomUUID()],
      [randomUUID(), antiCorruption],
      ['albania-2020', 'anti-corruption'],
    ]) {
      const res = await dashboard(cycle, area, poc);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('CYCLE.POLICY_AREA_NOT_FOUND');
    }
    const bad = await dashboard(cycleId, antiCorruption, poc, { consistentWith: 'x'.repeat(101) });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['consistentWith']);
    expect((await dashboard(cycleId, antiCorruption, poc, { overdueDays: '5' })).status).toBe(400);
  });
});
