import pg from 'pg';
import { cycleDecider } from '../../src/cycles/domain/cycle.decider.js';
import type { CycleEvent } from '../../src/cycles/domain/events.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { bearer, INSTITUTIONS, startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let db: pg.Client;
let poc: string;
let lfp: string;

const UNKNOWN_ID = '3b9e2f7c-1a4d-4c8e-9f0a-6d5b4c3a2e1f';
const ALBANIA = {
  country: 'Albania',
  title: 'Albania National Action Plan 2020–2022',
  periodStart: '2020-07-01',
  periodEnd: '2022-12-31',
  pocInstitution: INSTITUTIONS.poc,
  methodology: "Based on the mechanisms and processes of Albania's Integrated Planning System; methodological package sent to the four LFPs",
};

const eventCount = async () => Number((await db.query('SELECT count(*) AS n FROM events')).rows[0].n);

interface StoredEvent {
  type: string;
  revision: number;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

const streamEvents = async (streamId: string): Promise<StoredEvent[]> =>
  (await db.query('SELECT type, revision, data, metadata FROM events WHERE stream_id = $1 ORDER BY revision', [streamId])).rows;

const lastEvent = async (cycleId: string) => (await streamEvents(`cycle-${cycleId}`)).at(-1)!;

const fields = (res: { body: { errors?: Array<{ field: string }> } }) => (res.body.errors ?? []).map((e) => e.field);

async function openCycle(): Promise<string> {
  const res = await t.http.post('/v1/cycles').set(bearer(poc)).send(ALBANIA);
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function registerStakeholder(name: string): Promise<string> {
  const res = await t.http.post('/v1/stakeholders').set(bearer(poc)).send({ kind: 'cso', name });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function advanceTo(cycleId: string, stages: string[]): Promise<void> {
  for (const stage of stages) {
    const res = await t.http.post(`/v1/cycles/${cycleId}/stage`).set(bearer(poc)).send({ stage });
    expect(res.status).toBe(200);
  }
}

const TO_APPROVAL = ['pre_consultation', 'thematic_consultation', 'drafting', 'public_consultation', 'approval'];
const GMIP_APPROVAL = {
  body: 'Integrated Policy Management Group (GMIP) on Good Governance and Public Administration',
  decisionRef: 'GMIP decision of 15.12.2020',
  approvedAt: '2020-12-15',
};

beforeAll(async () => {
  t = await startTestApp({ projections: false });
  db = new pg.Client({ connectionString: t.db.url });
  await db.connect();
  poc = await t.token({ sub: 'poc-1', role: 'poc', institution: INSTITUTIONS.poc });
  lfp = await t.token({ sub: 'moj-1', role: 'lfp', institution: INSTITUTIONS.justice });
});

afterAll(async () => {
  await db.end();
  await t.close();
});

describe('POST /v1/cycles', () => {
  it('opens the Albania 2020–2022 cycle in stage preparation', async () => {
    const res = await t.http.post('/v1/cycles').set(bearer(poc)).send(ALBANIA);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), revision: 0, position: expect.any(String) });
    const [opened] = await streamEvents(`cycle-${res.body.id}`);
    expect(opened.type).toBe('CycleOpened');
    expect(opened.data).toEqual({ cycleId: res.body.id, ...ALBANIA, stage: 'preparation' });
    expect(opened.metadata.actor).toEqual({ id: 'poc-1', role: 'poc', institution: INSTITUTIONS.poc });
  });

  it('keeps when it happened (occurredAt, from the client) apart from when it was recorded (recordedAt, the server)', async () => {
    const before = Date.now();
    const res = await t.http
      .post('/v1/cycles')
      .set(bearer(poc))
      .send({ ...ALBANIA, occurredAt: '2020-07-01T08:30:00Z' });
    expect(res.status).toBe(201);
    const [opened] = await streamEvents(`cycle-${res.body.id}`);
    expect(opened.metadata.occurredAt).toBe('2020-07-01T08:30:00.000Z');
    expect(Date.parse(opened.metadata.recordedAt as string)).toBeGreaterThanOrEqual(before - 1000);

    const future = await t.http
      .post('/v1/cycles')
      .set(bearer(poc))
      .send({ ...ALBANIA, occurredAt: '2999-01-01T00:00:00Z' });
    expect(future.status).toBe(400);
    expect(fields(future)).toEqual(['occurredAt']);
  });

  it('answers 400 naming each bad field (missing, empty, bad date, too long, unknown), and appends nothing', async () => {
    const before = await eventCount();
    const res = await t.http
      .post('/v1/cycles')
      .set(bearer(poc))
      .send({ title: '', periodStart: 'July 2020', periodEnd: '2022-12-31', pocInstitution: 'x'.repeat(301), budget: 1_000_000 });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION.FAILED');
    expect(fields(res)).toEqual(expect.arrayContaining(['country', 'title', 'periodStart', 'pocInstitution', 'budget']));
    expect(await eventCount()).toBe(before);
  });

  it('refuses a period that ends before it starts (400 naming periodEnd)', async () => {
    const before = await eventCount();
    const res = await t.http
      .post('/v1/cycles')
      .set(bearer(poc))
      .send({ ...ALBANIA, periodEnd: '2020-06-30' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('CYCLE.INVALID_PERIOD');
    expect(fields(res)).toEqual(['periodEnd']);
    expect(await eventCount()).toBe(before);
  });

  it('replays the same Idempotency-Key: the same cycle, opened once', async () => {
    const first = await t.http.post('/v1/cycles').set(bearer(poc)).set('Idempotency-Key', 'open-albania-2020').send(ALBANIA);
    const count = await eventCount();
    const again = await t.http.post('/v1/cycles').set(bearer(poc)).set('Idempotency-Key', 'open-albania-2020').send(ALBANIA);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await eventCount()).toBe(count);
  });
});

describe('who may run a cycle', () => {
  let cycleId: string;
  let milestoneId: string;
  const endpoints = () => [
    { path: '/v1/cycles', body: ALBANIA },
    { path: `/v1/cycles/${cycleId}/policy-areas`, body: { name: 'Open Data', leadInstitution: INSTITUTIONS.nais } },
    { path: `/v1/cycles/${cycleId}/milestones`, body: { stage: 'drafting', title: 'Situation analysis drafted', dueDate: '2020-10-15' } },
    { path: `/v1/cycles/${cycleId}/milestones/${milestoneId}/completion`, body: { evidence: 'Published on the OGP web' } },
    { path: `/v1/cycles/${cycleId}/forum-meetings`, body: { heldAt: '2020-07-20T10:00:00Z' } },
    { path: `/v1/cycles/${cycleId}/stage`, body: { stage: 'pre_consultation' } },
    { path: `/v1/cycles/${cycleId}/draft-plans`, body: { version: '1.0', url: 'https://www.opengovpartnership.al/draft.pdf' } },
    { path: `/v1/cycles/${cycleId}/approval`, body: GMIP_APPROVAL },
    { path: `/v1/cycles/${cycleId}/submission`, body: { submittedAt: '2020-12-30' } },
    { path: `/v1/cycles/${cycleId}/compliance-thresholds`, body: { forumMaxGapDays: 183 } },
  ];

  beforeAll(async () => {
    cycleId = await openCycle();
    const res = await t.http
      .post(`/v1/cycles/${cycleId}/milestones`)
      .set(bearer(poc))
      .send({ stage: 'preparation', title: 'Methodological package approved', dueDate: '2020-07-31' });
    milestoneId = res.body.id;
  });

  it('answers 401 without a token and 403 to an LFP, a stakeholder or an auditor, on every endpoint, appending nothing', async () => {
    const stakeholder = await t.token({ sub: 'ahc', role: 'stakeholder' });
    const auditor = await t.token({ sub: 'irm', role: 'auditor' });
    const before = await eventCount();
    for (const { path, body } of endpoints()) {
      const anonymous = await t.http.post(path).send(body);
      expect([path, anonymous.status, anonymous.body.code]).toEqual([path, 401, 'AUTH.REQUIRED']);
      for (const token of [lfp, stakeholder, auditor]) {
        const refused = await t.http.post(path).set(bearer(token)).send(body);
        expect([path, refused.status, refused.body.code]).toEqual([path, 403, 'AUTH.ROLE_NOT_ALLOWED']);
      }
    }
    expect(await eventCount()).toBe(before);
  });

  it('answers 404 CYCLE.NOT_FOUND for an unknown cycle in the path, on every endpoint', async () => {
    const before = await eventCount();
    for (const { path, body } of endpoints().slice(1)) {
      const res = await t.http.post(path.replace(cycleId, UNKNOWN_ID)).set(bearer(poc)).send(body);
      expect([path, res.status, res.body.code]).toEqual([path, 404, 'CYCLE.NOT_FOUND']);
    }
    expect(await eventCount()).toBe(before);
  });
});

describe('POST /v1/cycles/:id/policy-areas', () => {
  let cycleId: string;
  beforeAll(async () => {
    cycleId = await openCycle();
  });

  it("adds the four policy areas, each answering its own id and the cycle's", async () => {
    const areas = [
      { name: 'Anti-Corruption', leadInstitution: INSTITUTIONS.justice },
      { name: 'Digital Governance', leadInstitution: INSTITUTIONS.nais },
      { name: 'Access to Justice', leadInstitution: INSTITUTIONS.services },
      { name: 'Fiscal Transparency', leadInstitution: INSTITUTIONS.finance },
    ];
    const ids: string[] = [];
    for (const [i, area] of areas.entries()) {
      const res = await t.http.post(`/v1/cycles/${cycleId}/policy-areas`).set(bearer(poc)).send(area);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), cycleId, revision: i + 1, position: expect.any(String) });
      ids.push(res.body.id);
    }
    expect(new Set([...ids, cycleId]).size).toBe(5);
    const added = (await streamEvents(`cycle-${cycleId}`)).filter((e) => e.type === 'PolicyAreaAdded').map((e) => e.data);
    expect(added).toEqual(areas.map((area, i) => ({ cycleId, policyAreaId: ids[i], ...area })));
  });

  it('refuses a name already taken, whatever its case and spaces (409), appending nothing', async () => {
    const before = await eventCount();
    const res = await t.http
      .post(`/v1/cycles/${cycleId}/policy-areas`)
      .set(bearer(poc))
      .send({ name: ' anti-corruption ', leadInstitution: INSTITUTIONS.finance });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CYCLE.POLICY_AREA_NAME_TAKEN');
    expect(await eventCount()).toBe(before);
  });

  it('answers 400 naming a missing lead institution and a name that is too long', async () => {
    const res = await t.http.post(`/v1/cycles/${cycleId}/policy-areas`).set(bearer(poc)).send({ name: 'x'.repeat(301) });
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(expect.arrayContaining(['name', 'leadInstitution']));
  });
});

describe('milestones', () => {
  let cycleId: string;
  beforeAll(async () => {
    cycleId = await openCycle();
  });

  it('schedules a milestone (id is the milestone) and completes it with evidence', async () => {
    const scheduled = await t.http
      .post(`/v1/cycles/${cycleId}/milestones`)
      .set(bearer(poc))
      .send({ stage: 'pre_consultation', title: 'Pre-consultation surveys published on the OGP web', dueDate: '2020-08-31' });
    expect(scheduled.status).toBe(201);
    const milestoneId = scheduled.body.id as string;
    expect(scheduled.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), cycleId, revision: 1, position: expect.any(String) });
    expect(milestoneId).not.toBe(cycleId);

    const completed = await t.http
      .post(`/v1/cycles/${cycleId}/milestones/${milestoneId}/completion`)
      .set(bearer(poc))
      .send({ completedAt: '2020-08-28', evidence: 'Surveys live on https://www.opengovpartnership.al' });
    expect(completed.status).toBe(200);
    expect(completed.body).toEqual({ id: milestoneId, cycleId, revision: 2, position: expect.any(String) });
    expect((await lastEvent(cycleId)).data).toEqual({
      cycleId,
      milestoneId,
      completedAt: '2020-08-28',
      evidence: 'Surveys live on https://www.opengovpartnership.al',
    });

    const again = await t.http.post(`/v1/cycles/${cycleId}/milestones/${milestoneId}/completion`).set(bearer(poc)).send({ evidence: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CYCLE.MILESTONE_ALREADY_COMPLETED');
  });

  it('dates a completion without completedAt at its occurredAt', async () => {
    const scheduled = await t.http
      .post(`/v1/cycles/${cycleId}/milestones`)
      .set(bearer(poc))
      .send({ stage: 'preparation', title: 'Launch meeting with the four LFPs', dueDate: '2020-07-31' });
    const completed = await t.http
      .post(`/v1/cycles/${cycleId}/milestones/${scheduled.body.id}/completion`)
      .set(bearer(poc))
      .send({ evidence: 'Minutes of the launch meeting', occurredAt: '2020-07-24T11:00:00Z' });
    expect(completed.status).toBe(200);
    expect((await lastEvent(cycleId)).data.completedAt).toBe('2020-07-24T11:00:00.000Z');
  });

  it('answers 404 for an unknown milestone and 400 for a bad stage, date or empty evidence, appending nothing', async () => {
    const before = await eventCount();
    const unknown = await t.http.post(`/v1/cycles/${cycleId}/milestones/${UNKNOWN_ID}/completion`).set(bearer(poc)).send({ evidence: 'x' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('CYCLE.MILESTONE_NOT_FOUND');

    const bad = await t.http.post(`/v1/cycles/${cycleId}/milestones`).set(bearer(poc)).send({ stage: 'consultation', title: 'X', dueDate: '31/08/2020' });
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(expect.arrayContaining(['stage', 'dueDate']));

    const scheduled = await t.http
      .post(`/v1/cycles/${cycleId}/milestones`)
      .set(bearer(poc))
      .send({ stage: 'drafting', title: 'Commitments drafted', dueDate: '2020-10-31' });
    const countAfterSchedule = await eventCount();
    const empty = await t.http.post(`/v1/cycles/${cycleId}/milestones/${scheduled.body.id}/completion`).set(bearer(poc)).send({ evidence: '' });
    expect(empty.status).toBe(400);
    expect(fields(empty)).toEqual(['evidence']);
    expect(await eventCount()).toBe(countAfterSchedule);
    expect(countAfterSchedule).toBe(before + 1);
  });
});

describe('POST /v1/cycles/:id/forum-meetings', () => {
  let cycleId: string;
  beforeAll(async () => {
    cycleId = await openCycle();
  });

  it('records a forum meeting with its attendees and minutes (id is the meeting)', async () => {
    const attendees = [await registerStakeholder('Albanian Helsinki Committee'), await registerStakeholder('Partners Albania')];
    const res = await t.http
      .post(`/v1/cycles/${cycleId}/forum-meetings`)
      .set(bearer(poc))
      .send({ heldAt: '2020-07-20T10:00:00Z', minutesUrl: 'http://intranet/ogp/minutes-2020-07-20.pdf', attendeeIds: attendees });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), cycleId, revision: 1, position: expect.any(String) });
    const held = await lastEvent(cycleId);
    expect(held.type).toBe('ForumMeetingHeld');
    expect(held.data).toEqual({
      cycleId,
      meetingId: res.body.id,
      heldAt: '2020-07-20T10:00:00Z',
      minutesUrl: 'http://intranet/ogp/minutes-2020-07-20.pdf',
      attendeeIds: attendees,
    });
  });

  it('answers 409 STAKEHOLDER.NOT_FOUND naming an unknown attendee, appending nothing', async () => {
    const known = await registerStakeholder('Institute for Democracy and Mediation');
    const before = await eventCount();
    const res = await t.http
      .post(`/v1/cycles/${cycleId}/forum-meetings`)
      .set(bearer(poc))
      .send({ heldAt: '2020-09-01T10:00:00Z', attendeeIds: [known, UNKNOWN_ID] });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('STAKEHOLDER.NOT_FOUND');
    expect(res.body.missing).toEqual([UNKNOWN_ID]);
    expect(fields(res)).toEqual(['attendeeIds']);
    expect(await eventCount()).toBe(before);
  });

  it('answers 400 to a malformed attendee id, too many attendees, a bad URL and a bad date', async () => {
    const malformed = await t.http
      .post(`/v1/cycles/${cycleId}/forum-meetings`)
      .set(bearer(poc))
      .send({ heldAt: 'yesterday', minutesUrl: 'minutes of the meeting', attendeeIds: ['not-a-uuid'] });
    expect(malformed.status).toBe(400);
    expect(fields(malformed)).toEqual(expect.arrayContaining(['heldAt', 'minutesUrl', 'attendeeIds']));

    const crowd = Array.from({ length: 501 }, () => UNKNOWN_ID);
    const oversize = await t.http.post(`/v1/cycles/${cycleId}/forum-meetings`).set(bearer(poc)).send({ heldAt: '2020-09-01', attendeeIds: crowd });
    expect(oversize.status).toBe(400);
    expect(fields(oversize)).toEqual(['attendeeIds']);
  });
});

describe('stages, approval and submission', () => {
  it('walks preparation → … → approval one stage at a time, approves, submits, and the cycle is then submitted', async () => {
    const cycleId = await openCycle();
    const skip = await t.http.post(`/v1/cycles/${cycleId}/stage`).set(bearer(poc)).send({ stage: 'drafting' });
    expect(skip.status).toBe(409);
    expect(skip.body.code).toBe('CYCLE.STAGE_NOT_NEXT');
    expect(skip.body.expected).toBe('pre_consultation');

    for (const [i, stage] of TO_APPROVAL.entries()) {
      const res = await t.http.post(`/v1/cycles/${cycleId}/stage`).set(bearer(poc)).send({ stage });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ id: cycleId, revision: i + 1, position: expect.any(String) });
    }
    const walked = (await streamEvents(`cycle-${cycleId}`)).filter((e) => e.type === 'CycleStageAdvanced').map((e) => [e.data.from, e.data.to]);
    expect(walked).toEqual([
      ['preparation', 'pre_consultation'],
      ['pre_consultation', 'thematic_consultation'],
      ['thematic_consultation', 'drafting'],
      ['drafting', 'public_consultation'],
      ['public_consultation', 'approval'],
    ]);

    const early = await t.http.post(`/v1/cycles/${cycleId}/submission`).set(bearer(poc)).send({ submittedAt: '2020-12-30' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('CYCLE.NOT_APPROVED');
    const bySkipping = await t.http.post(`/v1/cycles/${cycleId}/stage`).set(bearer(poc)).send({ stage: 'submitted' });
    expect(bySkipping.status).toBe(409);
    expect(bySkipping.body.code).toBe('CYCLE.SUBMISSION_REQUIRED');

    const approved = await t.http.post(`/v1/cycles/${cycleId}/approval`).set(bearer(poc)).send(GMIP_APPROVAL);
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual({ id: cycleId, revision: 6, position: expect.any(String) });
    expect((await lastEvent(cycleId)).data).toEqual({ cycleId, ...GMIP_APPROVAL });
    const twice = await t.http.post(`/v1/cycles/${cycleId}/approval`).set(bearer(poc)).send(GMIP_APPROVAL);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('CYCLE.ALREADY_APPROVED');

    const submitted = await t.http.post(`/v1/cycles/${cycleId}/submission`).set(bearer(poc)).send({ submittedAt: '2020-12-30' });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toEqual({ id: cycleId, revision: 7, position: expect.any(String) });

    const store = t.app.get<EventStore>(EVENT_STORE);
    const history = await store.readStream(`cycle-${cycleId}`);
    expect(history.at(-1)).toMatchObject({ type: 'PlanSubmitted', data: { cycleId, submittedAt: '2020-12-30' } });
    const state = history.reduce((s, e) => cycleDecider.evolve(s, { type: e.type, data: e.data } as CycleEvent), cycleDecider.initialState);
    expect(state.stage).toBe('submitted');

    const after = await t.http
      .post(`/v1/cycles/${cycleId}/draft-plans`)
      .set(bearer(poc))
      .send({ version: '2.0', url: 'https://www.opengovpartnership.al/nap.pdf' });
    expect(after.status).toBe(409);
    expect(after.body.code).toBe('CYCLE.ALREADY_SUBMITTED');
    // The forum keeps meeting after submission (implementation follows).
    const meeting = await t.http.post(`/v1/cycles/${cycleId}/forum-meetings`).set(bearer(poc)).send({ heldAt: '2021-03-15T10:00:00Z' });
    expect(meeting.status).toBe(201);
  });

  it('refuses an approval before stage approval, and a stage outside the list, appending nothing', async () => {
    const cycleId = await openCycle();
    const before = await eventCount();
    const res = await t.http.post(`/v1/cycles/${cycleId}/approval`).set(bearer(poc)).send(GMIP_APPROVAL);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CYCLE.NOT_IN_APPROVAL_STAGE');
    const bad = await t.http.post(`/v1/cycles/${cycleId}/stage`).set(bearer(poc)).send({ stage: 'consolidation' });
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(['stage']);
    const missing = await t.http.post(`/v1/cycles/${cycleId}/approval`).set(bearer(poc)).send({ body: 'GMIP' });
    expect(missing.status).toBe(400);
    expect(fields(missing)).toEqual(expect.arrayContaining(['decisionRef', 'approvedAt']));
    const noDate = await t.http.post(`/v1/cycles/${cycleId}/submission`).set(bearer(poc)).send({});
    expect(noDate.status).toBe(400);
    expect(fields(noDate)).toEqual(['submittedAt']);
    expect(await eventCount()).toBe(before);
  });

  it('answers 409 CONCURRENCY.WRONG_EXPECTED_REVISION to a stale If-Match or expectedRevision, and applies a current one', async () => {
    const cycleId = await openCycle();
    await advanceTo(cycleId, ['pre_consultation']);
    const before = await eventCount();
    const stale = await t.http.post(`/v1/cycles/${cycleId}/stage`).set(bearer(poc)).set('If-Match', '"0"').send({ stage: 'thematic_consultation' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('CONCURRENCY.WRONG_EXPECTED_REVISION');
    expect(stale.body.actualRevision).toBe(1);
    const staleBody = await t.http.post(`/v1/cycles/${cycleId}/stage`).set(bearer(poc)).send({ stage: 'thematic_consultation', expectedRevision: 0 });
    expect(staleBody.status).toBe(409);
    expect(staleBody.body.code).toBe('CONCURRENCY.WRONG_EXPECTED_REVISION');
    expect(await eventCount()).toBe(before);

    const current = await t.http.post(`/v1/cycles/${cycleId}/stage`).set(bearer(poc)).set('If-Match', '"1"').send({ stage: 'thematic_consultation' });
    expect(current.status).toBe(200);
    expect(current.body.revision).toBe(2);
  });
});

describe('POST /v1/cycles/:id/draft-plans', () => {
  it('publishes draft versions, each once', async () => {
    const cycleId = await openCycle();
    const draft = { version: '1.0', url: 'https://www.opengovpartnership.al/draft-nap-2020-2022.pdf' };
    const res = await t.http.post(`/v1/cycles/${cycleId}/draft-plans`).set(bearer(poc)).send(draft);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: cycleId, revision: 1, position: expect.any(String) });
    expect((await lastEvent(cycleId)).data).toEqual({ cycleId, ...draft });

    const before = await eventCount();
    const again = await t.http
      .post(`/v1/cycles/${cycleId}/draft-plans`)
      .set(bearer(poc))
      .send({ ...draft, url: 'https://www.opengovpartnership.al/other.pdf' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CYCLE.DRAFT_VERSION_EXISTS');
    const numeric = await t.http.post(`/v1/cycles/${cycleId}/draft-plans`).set(bearer(poc)).send({ version: 2, url: 'not a url' });
    expect(numeric.status).toBe(400);
    expect(fields(numeric)).toEqual(expect.arrayContaining(['version', 'url']));
    expect(await eventCount()).toBe(before);
  });
});

describe('POST /v1/cycles/:id/compliance-thresholds', () => {
  it('sets some thresholds and keeps the others (the defaults, then earlier values)', async () => {
    const cycleId = await openCycle();
    const first = await t.http.post(`/v1/cycles/${cycleId}/compliance-thresholds`).set(bearer(poc)).send({ forumMaxGapDays: 90 });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ id: cycleId, revision: 1, position: expect.any(String) });
    expect((await lastEvent(cycleId)).data.thresholds).toEqual({
      forumMaxGapDays: 90,
      timelineNoticeDays: 14,
      consultationNoticeDays: 14,
      repositoryUpdatesPerYear: 2,
    });
    await t.http.post(`/v1/cycles/${cycleId}/compliance-thresholds`).set(bearer(poc)).send({ consultationNoticeDays: 21, repositoryUpdatesPerYear: 4 });
    expect((await lastEvent(cycleId)).data.thresholds).toEqual({
      forumMaxGapDays: 90,
      timelineNoticeDays: 14,
      consultationNoticeDays: 21,
      repositoryUpdatesPerYear: 4,
    });
  });

  it('answers 400 to a zero, a fraction or a word, and to naming no threshold, appending nothing', async () => {
    const cycleId = await openCycle();
    const before = await eventCount();
    const bad = await t.http
      .post(`/v1/cycles/${cycleId}/compliance-thresholds`)
      .set(bearer(poc))
      .send({ forumMaxGapDays: 0, timelineNoticeDays: 1.5, consultationNoticeDays: 'two weeks' });
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(expect.arrayContaining(['forumMaxGapDays', 'timelineNoticeDays', 'consultationNoticeDays']));
    const none = await t.http.post(`/v1/cycles/${cycleId}/compliance-thresholds`).set(bearer(poc)).send({});
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('CYCLE.INVALID_THRESHOLDS');
    expect(await eventCount()).toBe(before);
  });
});
