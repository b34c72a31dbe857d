import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { consultationSummaryProjection } from '../../projections/consultation-summary/consultation-summary.projection.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { bearer, INSTITUTIONS, startTestApp, type TestApp } from '../support/app.js';
import { eventAppender, projectInBatches, TEST_ACTORS } from '../support/projection-harness.js';

// Albania NAP 2020–2022: the Anti-Corruption thematic meeting led by the Ministry of Justice.
let t: TestApp;
let store: EventStore;
let append: ReturnType<typeof eventAppender>;
let poc: string;
let auditor: string;
let last: string;

const cycleId = randomUUID();
const areaId = randomUUID();
const meetingId = randomUUID();
const councilId = randomUUID();
const reportId = randomUUID();
const [commitmentA, commitmentB] = [randomUUID(), randomUUID()];
const csoId = randomUUID();
const c = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`c${i + 1}`, randomUUID()])) as Record<`c${number}`, string>;

const area = { cycleId, policyAreaId: areaId };

async function record(streamId: string, type: string, data: Record<string, unknown>, occurredAt: string, actor = TEST_ACTORS.justice) {
  last = (await append(streamId, type, data, { actor, occurredAt })).position;
}

const contribution = (id: string, type: string, data: Record<string, unknown>, occurredAt: string, actor = TEST_ACTORS.justice) =>
  record(`contribution-${id}`, type, { contributionId: id, ...area, ...data }, occurredAt, actor);

function receive(id: string, receivedAt: string, late = false) {
  return contribution(
    id,
    'ContributionReceived',
    {
      consultationId: meetingId,
      leadInstitution: INSTITUTIONS.justice,
      stakeholderId: csoId,
      channel: 'meeting',
      body: 'Remark from the minutes of the Anti-Corruption thematic meeting',
      commitmentId: null,
      receivedAt,
      late,
      source: null,
      personalDataSubject: null,
    },
    receivedAt,
  );
}

const respond = (id: string, responseNumber: number, decision: string, at: string, commitmentIds: string[] = []) =>
  contribution(id, 'ContributionResponded', { responseNumber, decision, rationale: `Reasoned response: ${decision}`, commitmentIds }, at);
const review = (id: string, responseNumber: number, verdict: string, at: string) =>
  contribution(id, 'ResponseReviewed', { responseNumber, verdict, comment: null }, at, TEST_ACTORS.poc);
const publish = (id: string, responseNumber: number, at: string) => contribution(id, 'ResponsePublished', { responseNumber }, at, TEST_ACTORS.poc);
const report = (type: string, data: Record<string, unknown>, at: string) =>
  record(`report-${reportId}`, type, { reportId, consultationId: meetingId, ...area, ...data }, at);

beforeAll(async () => {
  t = await startTestApp();
  store = t.app.get<EventStore>(EVENT_STORE);
  append = eventAppender(store);
  poc = await t.token({ sub: 'poc-1', role: 'poc', institution: INSTITUTIONS.poc });
  auditor = await t.token({ sub: 'irm-1', role: 'auditor', institution: 'OGP Independent Reporting Mechanism' });

  const announce = (consultationId: string, policyAreaId: string | null, kind: string, title: string) =>
    record(
      `consultation-${consultationId}`,
      'ConsultationAnnounced',
      {
        consultationId,
        cycleId,
        policyAreaId,
        leadInstitution: policyAreaId ? INSTITUTIONS.justice : INSTITUTIONS.poc,
        kind,
        title,
        description: null,
        announcedAt: '2020-09-01T08:00:00Z',
        opensAt: '2020-09-10T08:00:00Z',
        closesAt: '2020-09-30T17:00:00Z',
      },
      '2020-09-01T08:00:00Z',
      TEST_ACTORS.poc,
    );
  await announce(meetingId, areaId, 'thematic_meeting', 'Anti-Corruption thematic consultation');
  await announce(councilId, null, 'council_meeting', 'National Council for Civil Society');

  for (let i = 1; i <= 9; i++) await receive(c[`c${i}`], `2020-09-1${i - 1}T10:00:00Z`);
  await respond(c.c1, 1, 'accepted', '2020-09-20T09:00:00Z', [commitmentA]);
  await review(c.c1, 1, 'endorsed', '2020-09-21T09:00:00Z');
  await publish(c.c1, 1, '2020-09-22T09:00:00Z');
  await respond(c.c2, 1, 'not_accepted', '2020-09-20T10:00:00Z');
  await review(c.c2, 1, 'endorsed', '2020-09-21T10:00:00Z');
  await publish(c.c2, 1, '2020-09-22T10:00:00Z');
  await respond(c.c3, 1, 'not_accepted', '2020-09-20T11:00:00Z');
  await review(c.c3, 1, 'revision_requested', '2020-09-21T11:00:00Z');
  await respond(c.c4, 1, 'out_of_scope', '2020-09-20T12:00:00Z');
  await review(c.c4, 1, 'endorsed', '2020-09-21T12:00:00Z');
  await publish(c.c4, 1, '2020-09-22T12:00:00Z');
  await respond(c.c5, 1, 'already_addressed', '2020-09-20T13:00:00Z');
  await respond(c.c6, 1, 'noted', '2020-09-20T14:00:00Z');
  await contribution(c.c7, 'ContributionMarkedDuplicate', { canonicalId: c.c2 }, '2020-09-23T09:00:00Z');
  // The canonical's decision changes after the duplicate was marked: the duplicate follows.
  await respond(c.c2, 2, 'partially_accepted', '2020-09-25T09:00:00Z', [commitmentB]);
  await contribution(c.c8, 'ContributionWithdrawn', { reason: 'Merged into our joint submission' }, '2020-09-24T09:00:00Z', { id: csoId, role: 'stakeholder' });
  await record(`consultation-${meetingId}`, 'ConsultationClosed', { consultationId: meetingId, ...area, closedAt: '2020-09-30T17:00:00Z' }, '2020-09-30T17:00:00Z');
  await receive(c.c10, '2020-10-02T10:00:00Z', true);

  await report('ReportDrafted', { leadInstitution: INSTITUTIONS.justice, summary: 'Ten remarks recorded', contributionIds: Object.values(c) }, '2020-10-05T09:00:00Z');
  await report('ReportSubmitted', {}, '2020-10-06T09:00:00Z');
  await report('ReportFeedbackGiven', { round: 1, items: [{ section: 'Responses', comment: 'Explain the budget constraint' }] }, '2020-10-07T09:00:00Z');
  await report('ReportRevised', { revisionNumber: 1, summary: 'Ten remarks, with reasons', contributionIds: Object.values(c) }, '2020-10-08T09:00:00Z');
  await report('ReportSubmitted', {}, '2020-10-09T09:00:00Z');
  await report('ReportAccepted', {}, '2020-10-10T09:00:00Z');
});

afterAll(async () => {
  await t.close();
});

const summary = (id: string, token?: string, query: Record<string, string> = { consistentWith: last }) => {
  const req = t.http.get(`/v1/consultations/${id}/summary`).query(query);
  return token ? req.set(bearer(token)) : req;
};

describe('consultation summary (live runner, real PostgreSQL)', () => {
  it('counts every contribution: withdrawn apart, the rest split into addressed and unaddressed, by current decision', async () => {
    const res = await summary(meetingId, poc);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      consultationId: meetingId,
      cycleId,
      policyAreaId: areaId,
      // This record holds no PolicyAreaAdded: no name to show; the lead comes from the announcement.
      policyAreaName: null,
      leadInstitution: INSTITUTIONS.justice,
      kind: 'thematic_meeting',
      title: 'Anti-Corruption thematic consultation',
      announcedAt: '2020-09-01T08:00:00.000Z',
      opensAt: '2020-09-10T08:00:00.000Z',
      closesAt: '2020-09-30T17:00:00.000Z',
      closed: true,
      closedAt: '2020-09-30T17:00:00.000Z',
      received: 10,
      withdrawn: 1,
      // c1, c2, c4, c5, c6 and c7 (the duplicate of c2); c3 was sent back for revision, c9 and c10 have no answer.
      addressed: 6,
      unaddressed: 3,
      late: 1,
      // c7 counts under its canonical's new decision, not the one it had when c7 was marked.
      byDecision: { accepted: 1, partially_accepted: 2, not_accepted: 1, out_of_scope: 1, already_addressed: 1, noted: 1 },
      decisionsCounted: 'all',
      reportStatus: 'accepted',
      reportId,
      // Announced (0), closed (1): the consultation stream's revision.
      revision: 1,
    });
  });

  it('gives the auditor the same full counts as the POC', async () => {
    const [asPoc, asAuditor] = await Promise.all([summary(meetingId, poc), summary(meetingId, auditor)]);
    expect(asAuditor.status).toBe(200);
    expect(asAuditor.body).toEqual(asPoc.body);
  });

  it('answers anonymous callers, counting decisions only of published responses', async () => {
    const res = await summary(meetingId);
    expect(res.status).toBe(200);
    // c1 and c4 are published; c2's publication ended with its new response, and c7 follows c2.
    expect(res.body).toMatchObject({
      received: 10,
      withdrawn: 1,
      late: 1,
      addressed: 2,
      unaddressed: 7,
      byDecision: { accepted: 1, partially_accepted: 0, not_accepted: 0, out_of_scope: 1, already_addressed: 0, noted: 0 },
      decisionsCounted: 'published',
      reportStatus: 'accepted',
    });
  });

  it('shows a consultation without contributions or report as zeros and "none"', async () => {
    const res = await summary(councilId);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      kind: 'council_meeting',
      policyAreaId: null,
      closed: false,
      closedAt: null,
      received: 0,
      withdrawn: 0,
      addressed: 0,
      unaddressed: 0,
      late: 0,
      byDecision: { accepted: 0, partially_accepted: 0, not_accepted: 0, out_of_scope: 0, already_addressed: 0, noted: 0 },
      reportStatus: 'none',
      reportId: null,
    });
  });

  it('follows the report to publication, and a later report replaces it', async () => {
    await report('ReportPublished', { url: 'https://www.ogp.gov.al/reports/anti-corruption.pdf' }, '2020-10-12T09:00:00Z');
    expect((await summary(meetingId)).body.reportStatus).toBe('published');
    const addendum = randomUUID();
    await record(
      `report-${addendum}`,
      'ReportDrafted',
      { reportId: addendum, consultationId: meetingId, ...area, leadInstitution: INSTITUTIONS.justice, summary: 'Addendum: late remark', contributionIds: [c.c10] },
      '2020-10-15T09:00:00Z',
    );
    expect((await summary(meetingId)).body).toMatchObject({ reportStatus: 'draft', reportId: addendum });
    // A step of the earlier report no longer shows.
    await report('ReportPublished', { url: null }, '2020-10-16T09:00:00Z');
    expect((await summary(meetingId)).body).toMatchObject({ reportStatus: 'draft', reportId: addendum });
  });

  it('answers 404 problem+json for an unknown consultation, and 400 for bad query parameters', async () => {
    for (const id of [randomUUID(), 'not-a-consultation']) {
      const res = await summary(id, poc);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('CONSULTATION.NOT_FOUND');
    }
    const badPosition = await summary(meetingId, poc, { consistentWith: 'yesterday' });
    expect(badPosition.status).toBe(400);
    expect(badPosition.body.errors.map((e: { field: string }) => e.field)).toEqual(['consistentWith']);
    const unknownParam = await summary(meetingId, poc, { status: 'open' });
    expect(unknownParam.status).toBe(400);
  });

  it('gives identical tables in batches of 1, 7 and 500, equal to what the live runner built', async () => {
    await summary(meetingId); // caught up with every event above
    const dataSource = t.app.get(DataSource);
    const one = await projectInBatches(dataSource, store, consultationSummaryProjection, 1);
    const seven = await projectInBatches(dataSource, store, consultationSummaryProjection, 7);
    const many = await projectInBatches(dataSource, store, consultationSummaryProjection, 500);
    expect(one.consultation_summary).toHaveLength(2);
    expect(seven).toEqual(one);
    expect(many).toEqual(one);
    for (const table of consultationSummaryProjection.tables) {
      expect(await dataSource.query(`SELECT * FROM public.${table} t ORDER BY to_jsonb(t)::text`)).toEqual(one[table]);
    }
  });
});
