import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { cycleTimelineProjection } from '../../projections/cycle-timeline/cycle-timeline.projection.js';
import { cyclesProjection } from '../../projections/cycles/cycles.projection.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { NAP_APP_OPTIONS, recordAlbaniaNap, type NapRecord } from '../support/albania-nap-record.js';
import { bearer, INSTITUTIONS, startTestApp, type TestApp } from '../support/app.js';
import { eventAppender, projectInBatches, TEST_ACTORS } from '../support/projection-harness.js';

let t: TestApp;
let nap: NapRecord;
let last: string;
let auditor: string;

// The next plan, just opened: it has held a forum meeting, which Albania's 2020–2022 process never did.
const nextCycle = randomUUID();
const forumMeeting = randomUUID();
const forumAttendees = [randomUUID(), randomUUID()];

beforeAll(async () => {
  t = await startTestApp(NAP_APP_OPTIONS);
  nap = await recordAlbaniaNap(t);
  const append = eventAppender(t.app.get<EventStore>(EVENT_STORE));
  const cycle = async (type: string, data: Record<string, unknown>, occurredAt: string) => {
    last = (await append(`cycle-${nextCycle}`, type, { cycleId: nextCycle, ...data }, { actor: TEST_ACTORS.poc, occurredAt })).position;
  };
  await cycle('CycleOpened', { country: 'Albania', title: 'Albania National Action Plan 2023–2025', periodStart: '2023-01-01', periodEnd: '2025-12-31', pocInstitution: INSTITUTIONS.poc, methodology: null, stage: 'preparation' }, '2022-10-01T09:00:00Z');
  await cycle('ForumMeetingHeld', { meetingId: forumMeeting, heldAt: '2022-10-20T10:00:00Z', minutesUrl: 'https://ogp.gov.al/forum/2022-10-20', attendeeIds: forumAttendees }, '2022-10-21T09:00:00Z');
  auditor = await t.token({ sub: 'irm-1', role: 'auditor', institution: 'OGP Independent Reporting Mechanism' });
});

afterAll(async () => {
  await t.close();
});

const timeline = (cycleId: string, token?: string) => {
  const req = t.http.get(`/v1/cycles/${cycleId}/timeline`).query({ consistentWith: last });
  return token ? req.set(bearer(token)) : req;
};

describe('cycle-timeline projection (live runner, real PostgreSQL)', () => {
  it('shows milestones planned vs done: late when completed after the due day, overdue (judged now) when not done', async () => {
    const before = Date.now();
    const res = await timeline(nap.cycleId);
    expect(res.status).toBe(200);
    expect(Date.parse(res.body.evaluatedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(res.body.milestoneCounts).toEqual({ planned: 4, done: 2, late: 2, overdue: 1 });
    expect(res.body.milestones).toEqual([
      {
        milestoneId: nap.milestones.surveys,
        stage: 'pre_consultation',
        title: 'Pre-consultation surveys published on the OGP web',
        dueDate: '2020-08-31',
        done: true,
        completedAt: '2020-08-28T10:00:00.000Z',
        evidence: 'https://ogp.gov.al/surveys-2020',
        overdue: false,
        late: false,
      },
      expect.objectContaining({ milestoneId: nap.milestones.meetings, dueDate: '2020-10-15', done: true, completedAt: '2020-10-20T16:00:00.000Z', late: true, overdue: false }),
      expect.objectContaining({ milestoneId: nap.milestones.draft, dueDate: '2020-11-05T12:00:00Z', done: false, completedAt: null, evidence: null, late: true, overdue: true }),
      // Due a year from now: planned, not late.
      expect.objectContaining({ milestoneId: nap.milestones.selfAssessment, dueDate: nap.selfAssessmentDue, done: false, late: false, overdue: false }),
    ]);
  });

  it('shows every stage change, the draft plan versions, the consultations, the report through POC feedback, GMIP approval and submission', async () => {
    const { body } = await timeline(nap.cycleId);
    expect(body).toMatchObject({ cycleId: nap.cycleId, title: 'Albania National Action Plan 2020–2022', stage: 'submitted', openedAt: '2020-07-01T09:00:00.000Z' });
    expect(body.stageChanges).toEqual([
      { from: null, to: 'preparation', occurredAt: '2020-07-01T09:00:00.000Z' },
      { from: 'preparation', to: 'pre_consultation', occurredAt: '2020-07-15T09:00:00.000Z' },
      { from: 'pre_consultation', to: 'thematic_consultation', occurredAt: '2020-09-01T09:00:00.000Z' },
      { from: 'thematic_consultation', to: 'drafting', occurredAt: '2020-10-20T17:00:00.000Z' },
      { from: 'drafting', to: 'public_consultation', occurredAt: '2020-11-06T10:00:00.000Z' },
      { from: 'public_consultation', to: 'approval', occurredAt: '2020-12-02T10:00:00.000Z' },
      // PlanSubmitted moves the cycle on by itself.
      { from: 'approval', to: 'submitted', occurredAt: '2020-12-20T12:00:00.000Z' },
    ]);
    // Albania had no multi-stakeholder forum: the timeline shows none.
    expect(body.forumMeetings).toEqual([]);
    expect(body.draftPlans).toEqual([
      { version: '0.9', url: 'https://ogp.gov.al/nap-2020-draft-0.9.pdf', publishedAt: '2020-11-06T09:00:00.000Z' },
      { version: '1.0', url: 'https://ogp.gov.al/nap-2020-2022.pdf', publishedAt: '2020-12-02T09:00:00.000Z' },
    ]);
    expect(body.consultations).toEqual([
      {
        consultationId: nap.consultations.survey,
        policyAreaId: nap.areas.antiCorruption,
        kind: 'survey',
        title: 'Pre-consultation survey: Anti-Corruption',
        announcedAt: '2020-07-20T09:00:00.000Z',
        opensAt: '2020-07-25T09:00:00.000Z',
        closesAt: '2020-08-25T17:00:00.000Z',
        closedAt: '2020-08-26T09:00:00.000Z',
      },
      expect.objectContaining({ consultationId: nap.consultations.meeting, kind: 'thematic_meeting', closedAt: '2020-10-01T09:00:00.000Z' }),
      expect.objectContaining({ consultationId: nap.consultations.publicConsultation, policyAreaId: null, kind: 'public_consultation', closedAt: '2020-12-01T09:00:00.000Z' }),
    ]);
    expect(body.reports).toEqual([
      {
        reportId: nap.reportId,
        consultationId: nap.consultations.meeting,
        policyAreaId: nap.areas.antiCorruption,
        draftedAt: '2020-10-02T09:00:00.000Z',
        status: 'published',
        statusChanges: [
          { status: 'draft', occurredAt: '2020-10-02T09:00:00Z' },
          { status: 'submitted', occurredAt: '2020-10-05T09:00:00Z' },
          { status: 'draft', occurredAt: '2020-10-09T09:00:00Z' },
          { status: 'submitted', occurredAt: '2020-10-10T09:00:00Z' },
          { status: 'accepted', occurredAt: '2020-10-12T09:00:00Z' },
          { status: 'published', occurredAt: '2020-10-14T09:00:00Z' },
        ],
        feedbackRounds: 1,
        url: 'https://ogp.gov.al/reports/asset-declarations',
      },
    ]);
    expect(body.approval).toEqual({ body: 'Integrated Policy Management Group (GMIP)', decisionRef: 'GMIP decision no. 5, 10.12.2020', approvedAt: '2020-12-10' });
    expect(body.submission).toEqual({ submittedAt: '2020-12-20' });
  });

  it('counts forum attendees without naming them, and answers anonymous callers and auditors alike', async () => {
    const anonymous = await timeline(nextCycle);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.forumMeetings).toEqual([{ meetingId: forumMeeting, heldAt: '2022-10-20T10:00:00.000Z', minutesUrl: 'https://ogp.gov.al/forum/2022-10-20', attendeeCount: 2 }]);
    for (const id of forumAttendees) expect(JSON.stringify(anonymous.body)).not.toContain(id);
    expect(anonymous.body).toMatchObject({ stage: 'preparation', milestones: [], approval: null, submission: null });
    const { evaluatedAt: _a, ...seenByPublic } = anonymous.body;
    const { evaluatedAt: _b, ...seenByAuditor } = (await timeline(nextCycle, auditor)).body;
    expect(seenByAuditor).toEqual(seenByPublic);
  });

  it('answers a cycle: country, title, period, POC, stage, policy areas and their LFPs, approval, submission, thresholds', async () => {
    const res = await t.http.get(`/v1/cycles/${nap.cycleId}`).query({ consistentWith: last });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      cycleId: nap.cycleId,
      country: 'Albania',
      title: 'Albania National Action Plan 2020–2022',
      periodStart: '2020-09-01',
      periodEnd: '2022-08-31',
      pocInstitution: INSTITUTIONS.poc,
      methodology: 'Integrated Planning System',
      stage: 'submitted',
      policyAreas: [
        { id: nap.areas.antiCorruption, name: 'Anti-Corruption', leadInstitution: INSTITUTIONS.justice },
        { id: nap.areas.fiscal, name: 'Fiscal Transparency', leadInstitution: INSTITUTIONS.finance },
      ],
      approval: { body: 'Integrated Policy Management Group (GMIP)', decisionRef: 'GMIP decision no. 5, 10.12.2020', approvedAt: '2020-12-10' },
      submission: { submittedAt: '2020-12-20' },
      thresholds: { forumMaxGapDays: 183, timelineNoticeDays: 14, consultationNoticeDays: 10, repositoryUpdatesPerYear: 2 },
      openedAt: '2020-07-01T09:00:00.000Z',
      // The cycle stream's revision, every cycle event counted (milestones and meetings too), also the ETag.
      revision: await t.app.get<EventStore>(EVENT_STORE).streamRevision(`cycle-${nap.cycleId}`),
      position: expect.any(String),
    });
    expect(res.headers.etag).toBe(`"${res.body.revision}"`);
    // Until the POC sets them, a cycle shows the default thresholds.
    const next = await t.http.get(`/v1/cycles/${nextCycle}`);
    expect(next.body.thresholds).toEqual({ forumMaxGapDays: 183, timelineNoticeDays: 14, consultationNoticeDays: 14, repositoryUpdatesPerYear: 2 });
  });

  it('lists cycles in the order of their periods, with a cursor', async () => {
    const first = await t.http.get('/v1/cycles').query({ limit: 1, consistentWith: last });
    expect(first.status).toBe(200);
    expect(first.body.items.map((c: { cycleId: string }) => c.cycleId)).toEqual([nap.cycleId]);
    const second = await t.http.get('/v1/cycles').query({ limit: 1, cursor: first.body.nextCursor });
    expect(second.body.items).toEqual([expect.objectContaining({ cycleId: nextCycle, title: 'Albania National Action Plan 2023–2025', stage: 'preparation', policyAreas: [] })]);
    expect(second.body.nextCursor).toBeNull();
    const all = await t.http.get('/v1/cycles');
    expect(Object.keys(all.body)).toEqual(['items', 'nextCursor']);
    expect(all.body.items).toHaveLength(2);
  });

  it('answers 404 problem+json for unknown or malformed cycles and 400 for bad parameters', async () => {
    for (const path of [`/v1/cycles/${randomUUID()}`, `/v1/cycles/${randomUUID()}/timeline`, '/v1/cycles/nap-2020/timeline']) {
      const res = await t.http.get(path);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('CYCLE.NOT_FOUND');
    }
    const bad = await t.http.get('/v1/cycles').query({ limit: 501, country: 'Albania' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['limit', 'country']));
    expect((await t.http.get('/v1/cycles').query({ cursor: 'page-2' })).status).toBe(400);
    expect((await t.http.get(`/v1/cycles/${nap.cycleId}/timeline`).query({ consistentWith: 'yesterday' })).status).toBe(400);
  });

  it('gives identical tables in batches of 1, 7 and 500, equal to what the live runner built', async () => {
    const dataSource = t.app.get(DataSource);
    const store = t.app.get<EventStore>(EVENT_STORE);
    for (const projection of [cycleTimelineProjection, cyclesProjection]) {
      const one = await projectInBatches(dataSource, store, projection, 1);
      const seven = await projectInBatches(dataSource, store, projection, 7);
      const many = await projectInBatches(dataSource, store, projection, 500);
      expect(seven).toEqual(one);
      expect(many).toEqual(one);
      for (const table of projection.tables) {
        expect(await dataSource.query(`SELECT * FROM public.${table} t ORDER BY to_jsonb(t)::text`)).toEqual(one[table]);
      }
    }
    const counts = await projectInBatches(dataSource, store, cycleTimelineProjection, 7);
    expect(Object.fromEntries(Object.entries(counts).map(([table, rows]) => [table, rows.length]))).toEqual({
      cycle_timeline: 2,
      cycle_timeline_milestone: 4,
      cycle_timeline_stage_change: 8,
      cycle_timeline_forum_meeting: 1,
      cycle_timeline_draft_plan: 2,
      cycle_timeline_consultation: 3,
      cycle_timeline_report: 1,
    });
  });
});
