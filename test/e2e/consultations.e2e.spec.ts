import pg from 'pg';
import { SurveyReaction, SurveyReactor } from '../../src/consultations/survey-reactor.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { PersonalDataVault } from '../../src/security/personal-data.vault.js';
import { uuidv5 } from '../../src/shared/ids.js';
import { bearer, INSTITUTIONS, startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let db: pg.Client;
let store: EventStore;
let poc: string;
let lfpJustice: string;
let lfpFinance: string;
let auditor: string;

let cycleId: string;
let antiCorruption: string;
let helsinki: string;
let idm: string;
let elira: string;

const UNKNOWN_ID = '3b9e2f7c-1a4d-4c8e-9f0a-6d5b4c3a2e1f';

const eventCount = async () => Number((await db.query('SELECT count(*) AS n FROM events')).rows[0].n);

interface StoredEvent {
  eventId: string;
  type: string;
  revision: number;
  data: Record<string, unknown>;
  text: string;
  metadata: Record<string, unknown>;
}

const streamEvents = async (streamId: string): Promise<StoredEvent[]> =>
  (
    await db.query(
      `SELECT event_id AS "eventId", type, revision, data, data::text AS text, metadata FROM events WHERE stream_id = $1 ORDER BY revision`,
      [streamId],
    )
  ).rows;

const lastEvent = async (consultationId: string) => (await streamEvents(`consultation-${consultationId}`)).at(-1)!;

const fields = (res: { body: { errors?: Array<{ field: string }> } }) => (res.body.errors ?? []).map((e) => e.field);

const SURVEY_QUESTIONS = [
  { id: 'q1', text: 'What are the main obstacles to fighting corruption in public services?', type: 'text' },
  {
    id: 'q2',
    text: 'Which commitment should the plan prioritise?',
    type: 'choice',
    options: ['Asset declarations online', 'Whistleblower protection', 'Open contracting'],
  },
  { id: 'q3', text: 'How would you like to be engaged during the thematic consultations?', type: 'text' },
];

async function post(path: string, token: string, body: object = {}) {
  return t.http.post(path).set(bearer(token)).send(body);
}

async function registerStakeholder(kind: string, name: string): Promise<string> {
  const res = await post('/v1/stakeholders', poc, { kind, name });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function announce(overrides: Record<string, unknown> = {}, token = poc): Promise<string> {
  const res = await post('/v1/consultations', token, {
    cycleId,
    policyAreaId: antiCorruption,
    kind: 'survey',
    title: 'Pre-consultation survey: Anti-Corruption',
    announcedAt: '2020-07-15T09:00:00Z',
    opensAt: '2020-07-20T09:00:00Z',
    closesAt: '2020-08-31T23:59:00Z',
    ...overrides,
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** An Anti-Corruption pre-consultation survey with its three questions. */
async function survey(): Promise<string> {
  const id = await announce();
  expect((await post(`/v1/consultations/${id}/survey`, lfpJustice, { questions: SURVEY_QUESTIONS })).status).toBe(200);
  return id;
}

beforeAll(async () => {
  t = await startTestApp({ projections: false });
  db = new pg.Client({ connectionString: t.db.url });
  await db.connect();
  store = t.app.get<EventStore>(EVENT_STORE);
  poc = await t.token({ sub: 'poc-1', role: 'poc', institution: INSTITUTIONS.poc });
  lfpJustice = await t.token({ sub: 'moj-1', role: 'lfp', institution: INSTITUTIONS.justice });
  lfpFinance = await t.token({ sub: 'mof-1', role: 'lfp', institution: INSTITUTIONS.finance });
  auditor = await t.token({ sub: 'irm', role: 'auditor' });

  const cycle = await post('/v1/cycles', poc, {
    country: 'Albania',
    title: 'Albania National Action Plan 2020–2022',
    periodStart: '2020-07-01',
    periodEnd: '2022-12-31',
    pocInstitution: INSTITUTIONS.poc,
  });
  cycleId = cycle.body.id;
  antiCorruption = (await post(`/v1/cycles/${cycleId}/policy-areas`, poc, { name: 'Anti-Corruption', leadInstitution: INSTITUTIONS.justice })).body.id;
  await post(`/v1/cycles/${cycleId}/policy-areas`, poc, { name: 'Fiscal Transparency', leadInstitution: INSTITUTIONS.finance });
  helsinki = await registerStakeholder('cso', 'Albanian Helsinki Committee');
  idm = await registerStakeholder('cso', 'Institute for Democracy and Mediation');
  elira = await registerStakeholder('individual', 'Elira Hoxha');
});

afterAll(async () => {
  await db.end();
  await t.close();
});

describe('POST /v1/consultations', () => {
  it("lets the LFP of the area announce a survey; the area's lead is recorded", async () => {
    const res = await post('/v1/consultations', lfpJustice, {
      cycleId,
      policyAreaId: antiCorruption,
      kind: 'survey',
      title: 'Pre-consultation survey: Anti-Corruption',
      description: 'Identifies the main issues and priorities of stakeholders ahead of the thematic consultations.',
      announcedAt: '2020-07-15T09:00:00Z',
      opensAt: '2020-07-20T09:00:00Z',
      closesAt: '2020-08-31T23:59:00Z',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), revision: 0, position: expect.any(String) });
    const announced = await lastEvent(res.body.id);
    expect(announced.type).toBe('ConsultationAnnounced');
    expect(announced.data).toMatchObject({
      consultationId: res.body.id,
      cycleId,
      policyAreaId: antiCorruption,
      leadInstitution: INSTITUTIONS.justice,
      kind: 'survey',
    });
  });

  it('lets the POC announce a consultation of the whole cycle (the National Council for Civil Society)', async () => {
    const res = await post('/v1/consultations', poc, {
      cycleId,
      kind: 'council_meeting',
      title: 'Consultation meeting with the National Council for Civil Society',
      announcedAt: '2020-11-02T09:00:00Z',
      opensAt: '2020-11-16T10:00:00Z',
      closesAt: '2020-11-16T13:00:00Z',
    });
    expect(res.status).toBe(201);
    expect((await lastEvent(res.body.id)).data).toMatchObject({ policyAreaId: null, leadInstitution: INSTITUTIONS.poc, description: null });
  });

  it('refuses an LFP outside its area, or without an area (403), appending nothing', async () => {
    const before = await eventCount();
    const base = { cycleId, kind: 'thematic_meeting', title: 'Thematic meeting', announcedAt: '2020-09-01', opensAt: '2020-09-15', closesAt: '2020-09-16' };
    const otherArea = await post('/v1/consultations', lfpFinance, { ...base, policyAreaId: antiCorruption });
    expect(otherArea.status).toBe(403);
    expect(otherArea.body.code).toBe('AUTH.OUT_OF_SCOPE');
    const noArea = await post('/v1/consultations', lfpJustice, base);
    expect(noArea.status).toBe(403);
    expect(noArea.body.code).toBe('AUTH.OUT_OF_SCOPE');
    expect((await post('/v1/consultations', auditor, { ...base, policyAreaId: antiCorruption })).status).toBe(403);
    expect((await t.http.post('/v1/consultations').send({ ...base, policyAreaId: antiCorruption })).status).toBe(401);
    expect(await eventCount()).toBe(before);
  });

  it('answers 409 for a well-formed but unknown cycle or policy area, appending nothing', async () => {
    const before = await eventCount();
    const base = { kind: 'survey', title: 'Survey', announcedAt: '2020-07-15', opensAt: '2020-07-20', closesAt: '2020-08-31' };
    const noCycle = await post('/v1/consultations', poc, { ...base, cycleId: UNKNOWN_ID });
    expect(noCycle.status).toBe(409);
    expect(noCycle.body.code).toBe('CYCLE.NOT_FOUND');
    const noArea = await post('/v1/consultations', poc, { ...base, cycleId, policyAreaId: UNKNOWN_ID });
    expect(noArea.status).toBe(409);
    expect(noArea.body.code).toBe('CYCLE.POLICY_AREA_NOT_FOUND');
    expect(fields(noArea)).toEqual(['policyAreaId']);
    expect(await eventCount()).toBe(before);
  });

  it('answers 400 naming malformed ids, a bad kind, a bad date, a missing title and an unknown field', async () => {
    const before = await eventCount();
    const res = await post('/v1/consultations', poc, {
      cycleId: 'albania-2020',
      policyAreaId: 'anti-corruption',
      kind: 'webinar',
      announcedAt: '15.07.2020',
      opensAt: '2020-07-20',
      closesAt: '2020-08-31',
      venue: 'Tirana',
    });
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(expect.arrayContaining(['cycleId', 'policyAreaId', 'kind', 'announcedAt', 'title', 'venue']));
    const backwards = await post('/v1/consultations', poc, {
      cycleId,
      kind: 'written_call',
      title: 'Written call for comments',
      announcedAt: '2020-11-01',
      opensAt: '2020-11-10',
      closesAt: '2020-11-05',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.code).toBe('CONSULTATION.INVALID_DATES');
    expect(fields(backwards)).toEqual(['closesAt']);
    expect(await eventCount()).toBe(before);
  });
});

describe('who may act on a consultation', () => {
  let consultationId: string;
  const endpoints = () => [
    { path: `/v1/consultations/${consultationId}/invitations`, body: { stakeholderIds: [helsinki] } },
    {
      path: `/v1/consultations/${consultationId}/materials`,
      body: { kind: 'brief', title: 'Policy brief', url: 'https://www.opengovpartnership.al/brief.pdf' },
    },
    { path: `/v1/consultations/${consultationId}/attendance`, body: { stakeholderIds: [helsinki] } },
    { path: `/v1/consultations/${consultationId}/survey`, body: { questions: SURVEY_QUESTIONS } },
    { path: `/v1/consultations/${consultationId}/survey-responses`, body: { stakeholderId: helsinki, answers: [{ questionId: 'q1', value: 'x' }] } },
    { path: `/v1/consultations/${consultationId}/closure`, body: {} },
  ];

  beforeAll(async () => {
    consultationId = await announce();
  });

  it('answers 401 without a token, and 403 to an auditor and to the LFP of another area, on every endpoint, appending nothing', async () => {
    const before = await eventCount();
    for (const { path, body } of endpoints()) {
      const anonymous = await t.http.post(path).send(body);
      expect([path, anonymous.status, anonymous.body.code]).toEqual([path, 401, 'AUTH.REQUIRED']);
      const asAuditor = await post(path, auditor, body);
      expect([path, asAuditor.status, asAuditor.body.code]).toEqual([path, 403, 'AUTH.ROLE_NOT_ALLOWED']);
      const otherLfp = await post(path, lfpFinance, body);
      expect([path, otherLfp.status, otherLfp.body.code]).toEqual([path, 403, 'AUTH.OUT_OF_SCOPE']);
    }
    expect(await eventCount()).toBe(before);
  });

  it('lets a stakeholder only answer surveys', async () => {
    const stakeholder = await t.token({ sub: helsinki, role: 'stakeholder' });
    for (const { path, body } of endpoints().filter((e) => !e.path.endsWith('survey-responses'))) {
      const res = await post(path, stakeholder, body);
      expect([path, res.status, res.body.code]).toEqual([path, 403, 'AUTH.ROLE_NOT_ALLOWED']);
    }
  });

  it('answers 404 CONSULTATION.NOT_FOUND for an unknown consultation in the path, on every endpoint', async () => {
    const before = await eventCount();
    for (const { path, body } of endpoints()) {
      const res = await post(path.replace(consultationId, UNKNOWN_ID), poc, body);
      expect([path, res.status, res.body.code]).toEqual([path, 404, 'CONSULTATION.NOT_FOUND']);
    }
    expect(await eventCount()).toBe(before);
  });
});

describe('POST /v1/consultations/:id/invitations', () => {
  it('invites stakeholders once: inviting them again records nothing', async () => {
    const id = await announce();
    const res = await post(`/v1/consultations/${id}/invitations`, lfpJustice, { stakeholderIds: [helsinki, idm] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id, revision: 1, position: expect.any(String) });
    expect((await lastEvent(id)).data).toEqual({ consultationId: id, cycleId, policyAreaId: antiCorruption, stakeholderIds: [helsinki, idm] });

    const before = await eventCount();
    const again = await post(`/v1/consultations/${id}/invitations`, lfpJustice, { stakeholderIds: [idm] });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ id, revision: 1, position: res.body.position });
    expect(await eventCount()).toBe(before);
  });

  it('answers 409 naming unknown stakeholders, 400 to malformed ids, an empty or oversized list; appends nothing', async () => {
    const id = await announce();
    const before = await eventCount();
    const unknown = await post(`/v1/consultations/${id}/invitations`, poc, { stakeholderIds: [helsinki, UNKNOWN_ID] });
    expect(unknown.status).toBe(409);
    expect(unknown.body.code).toBe('STAKEHOLDER.NOT_FOUND');
    expect(unknown.body.missing).toEqual([UNKNOWN_ID]);
    for (const stakeholderIds of [['AHC'], [], Array.from({ length: 1001 }, () => helsinki)]) {
      const res = await post(`/v1/consultations/${id}/invitations`, poc, { stakeholderIds });
      expect(res.status).toBe(400);
      expect(fields(res)).toEqual(['stakeholderIds']);
    }
    expect(await eventCount()).toBe(before);
  });

  it('refuses invitations to a closed consultation (409 CONSULTATION.CLOSED)', async () => {
    const id = await announce();
    expect((await post(`/v1/consultations/${id}/closure`, poc)).status).toBe(200);
    const res = await post(`/v1/consultations/${id}/invitations`, poc, { stakeholderIds: [helsinki] });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CONSULTATION.CLOSED');
  });
});

describe('POST /v1/consultations/:id/materials', () => {
  it("publishes materials, also after closing; `id` is the material's", async () => {
    const id = await announce({ kind: 'thematic_meeting', title: 'Thematic group consultation: Anti-Corruption' });
    const brief = { kind: 'brief', title: 'Policy brief: Anti-Corruption', url: 'https://www.opengovpartnership.al/briefs/anti-corruption.pdf' };
    const res = await post(`/v1/consultations/${id}/materials`, lfpJustice, brief);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), consultationId: id, revision: 1, position: expect.any(String) });
    expect((await lastEvent(id)).data).toEqual({ consultationId: id, cycleId, policyAreaId: antiCorruption, materialId: res.body.id, ...brief });

    await post(`/v1/consultations/${id}/closure`, lfpJustice);
    const minutes = await post(`/v1/consultations/${id}/materials`, lfpJustice, { kind: 'minutes', title: 'Minutes', url: 'http://intranet/minutes.pdf' });
    expect(minutes.status).toBe(201);
  });

  it('answers 400 to a bad kind, a missing title and a bad URL', async () => {
    const id = await announce();
    const res = await post(`/v1/consultations/${id}/materials`, poc, { kind: 'video', url: 'the OGP web' });
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(expect.arrayContaining(['kind', 'title', 'url']));
  });
});

describe('POST /v1/consultations/:id/attendance', () => {
  it('records registered attendees and a count of others; only new attendees are recorded again', async () => {
    const id = await announce({ kind: 'thematic_meeting', title: 'Thematic group consultation: Anti-Corruption' });
    const res = await post(`/v1/consultations/${id}/attendance`, lfpJustice, { stakeholderIds: [helsinki, idm], anonymousCount: 4 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id, revision: 1, position: expect.any(String) });
    expect((await lastEvent(id)).data).toEqual({
      consultationId: id,
      cycleId,
      policyAreaId: antiCorruption,
      stakeholderIds: [helsinki, idm],
      anonymousCount: 4,
    });

    const more = await post(`/v1/consultations/${id}/attendance`, lfpJustice, { stakeholderIds: [idm, elira] });
    expect(more.body.revision).toBe(2);
    expect((await lastEvent(id)).data).toMatchObject({ stakeholderIds: [elira], anonymousCount: 0 });
    const onlyOthers = await post(`/v1/consultations/${id}/attendance`, lfpJustice, { stakeholderIds: [], anonymousCount: 2 });
    expect(onlyOthers.body.revision).toBe(3);
  });

  it('answers 409 for an unknown attendee and 400 to a negative count or a malformed id, appending nothing', async () => {
    const id = await announce();
    const before = await eventCount();
    const unknown = await post(`/v1/consultations/${id}/attendance`, poc, { stakeholderIds: [UNKNOWN_ID] });
    expect(unknown.status).toBe(409);
    expect(unknown.body.code).toBe('STAKEHOLDER.NOT_FOUND');
    const bad = await post(`/v1/consultations/${id}/attendance`, poc, { stakeholderIds: ['x'], anonymousCount: -1 });
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(expect.arrayContaining(['stakeholderIds', 'anonymousCount']));
    expect(await eventCount()).toBe(before);
  });
});

describe('POST /v1/consultations/:id/survey', () => {
  it('defines the questions of a survey', async () => {
    const id = await announce();
    const res = await post(`/v1/consultations/${id}/survey`, lfpJustice, { questions: SURVEY_QUESTIONS });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id, revision: 1, position: expect.any(String) });
    expect((await lastEvent(id)).data.questions).toEqual([
      { ...SURVEY_QUESTIONS[0], options: null },
      SURVEY_QUESTIONS[1],
      { ...SURVEY_QUESTIONS[2], options: null },
    ]);
  });

  it('refuses a survey on a meeting (409 CONSULTATION.NOT_A_SURVEY)', async () => {
    const id = await announce({ kind: 'thematic_meeting', title: 'Thematic group consultation' });
    const res = await post(`/v1/consultations/${id}/survey`, poc, { questions: SURVEY_QUESTIONS });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CONSULTATION.NOT_A_SURVEY');
  });

  it('answers 400 naming the nested field: a bad type, an unknown field, a choice with one option, no questions', async () => {
    const id = await announce();
    const before = await eventCount();
    const nested = await post(`/v1/consultations/${id}/survey`, poc, {
      questions: [{ id: 'q1', text: 'Rate the process', type: 'scale', weight: 2 }],
    });
    expect(nested.status).toBe(400);
    expect(fields(nested)).toEqual(expect.arrayContaining(['questions.0.type', 'questions.0.weight']));
    const oneOption = await post(`/v1/consultations/${id}/survey`, poc, { questions: [{ id: 'q1', text: 'Agree?', type: 'choice', options: ['Yes'] }] });
    expect(oneOption.status).toBe(400);
    expect(oneOption.body.code).toBe('SURVEY.INVALID_OPTIONS');
    expect(fields(oneOption)).toEqual(['questions[0].options']);
    const none = await post(`/v1/consultations/${id}/survey`, poc, { questions: [] });
    expect(none.status).toBe(400);
    expect(fields(none)).toEqual(['questions']);
    expect(await eventCount()).toBe(before);
  });

  it('locks the questions once a response arrived (409 SURVEY.LOCKED)', async () => {
    const id = await survey();
    const first = await post(`/v1/consultations/${id}/survey-responses`, lfpJustice, { answers: [{ questionId: 'q2', value: 'Open contracting' }] });
    expect(first.status).toBe(201);
    const res = await post(`/v1/consultations/${id}/survey`, lfpJustice, { questions: SURVEY_QUESTIONS });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('SURVEY.LOCKED');
  });
});

describe('POST /v1/consultations/:id/survey-responses', () => {
  it("turns an individual's text answers into contributions stored encrypted; her choice stays plain", async () => {
    const id = await survey();
    const asElira = await t.token({ sub: elira, role: 'stakeholder' });
    const answers = [
      { questionId: 'q1', value: 'Inspections of small businesses are arbitrary and invite bribes.' },
      { questionId: 'q2', value: 'Asset declarations online' },
      { questionId: 'q3', value: '   ' },
    ];
    const res = await post(`/v1/consultations/${id}/survey-responses`, asElira, { answers });
    expect(res.status).toBe(201);
    const responseId = res.body.id as string;
    const contributionId = uuidv5(`${responseId}:q1`);
    expect(res.body).toEqual({ id: responseId, consultationId: id, revision: 2, position: expect.any(String), contributionIds: [contributionId] });

    const response = await lastEvent(id);
    expect(response.type).toBe('SurveyResponseSubmitted');
    expect(response.text).not.toContain('Inspections');
    expect(response.data).toMatchObject({ responseId, stakeholderId: elira, personalDataSubject: elira, late: false });
    expect((response.data.answers as unknown[])[1]).toEqual({ questionId: 'q2', type: 'choice', value: 'Asset declarations online' });

    const [received] = await streamEvents(`contribution-${contributionId}`);
    expect(received.type).toBe('ContributionReceived');
    expect(received.text).not.toContain('Inspections');
    const body = received.data.body as { $enc: string };
    expect(body.$enc).toBeDefined();
    expect(await t.app.get(PersonalDataVault).decrypt(body as never)).toBe(answers[0].value);
    expect(received.data).toMatchObject({
      contributionId,
      consultationId: id,
      cycleId,
      policyAreaId: antiCorruption,
      leadInstitution: INSTITUTIONS.justice,
      stakeholderId: elira,
      channel: 'survey',
      commitmentId: null,
      receivedAt: response.metadata.occurredAt,
      late: false,
      source: { kind: 'survey_response', responseId, questionId: 'q1' },
      personalDataSubject: elira,
    });
    expect(received.metadata).toMatchObject({
      actor: { id: elira, role: 'stakeholder' },
      correlationId: response.metadata.correlationId,
      causationId: response.eventId,
      occurredAt: response.metadata.occurredAt,
      schemaVersion: 1,
    });
    const [stored] = await store.readStream(`contribution-${contributionId}`);
    expect(res.body.position).toBe(stored.position);
  });

  it("keeps an organisation's answers plain, and lets the LFP record an anonymous response", async () => {
    const id = await survey();
    const cso = await post(`/v1/consultations/${id}/survey-responses`, lfpJustice, {
      stakeholderId: helsinki,
      answers: [{ questionId: 'q1', value: 'Court decisions are not published in full.' }],
    });
    expect(cso.status).toBe(201);
    const [fromCso] = await streamEvents(`contribution-${cso.body.contributionIds[0]}`);
    expect(fromCso.data).toMatchObject({ body: 'Court decisions are not published in full.', stakeholderId: helsinki, personalDataSubject: null });

    const anonymous = await post(`/v1/consultations/${id}/survey-responses`, lfpJustice, {
      answers: [
        { questionId: 'q1', value: 'Procurement notices are hard to find.' },
        { questionId: 'q3', value: 'Online meetings in the evening.' },
      ],
    });
    expect(anonymous.status).toBe(201);
    expect(anonymous.body.contributionIds).toHaveLength(2);
    for (const contributionId of anonymous.body.contributionIds) {
      const [received] = await streamEvents(`contribution-${contributionId}`);
      expect(received.data).toMatchObject({ stakeholderId: null, personalDataSubject: null });
    }
  });

  it('answers only choices without contributions; position is then the response itself', async () => {
    const id = await survey();
    const res = await post(`/v1/consultations/${id}/survey-responses`, poc, {
      stakeholderId: idm,
      answers: [{ questionId: 'q2', value: 'Whistleblower protection' }],
    });
    expect(res.status).toBe(201);
    expect(res.body.contributionIds).toEqual([]);
    const [, , response] = await store.readStream(`consultation-${id}`);
    expect(res.body.position).toBe(response.position);
  });

  it('refuses a stakeholder answering as someone else, or as nobody (403), appending nothing', async () => {
    const id = await survey();
    const asHelsinki = await t.token({ sub: helsinki, role: 'stakeholder' });
    const before = await eventCount();
    const asOther = await post(`/v1/consultations/${id}/survey-responses`, asHelsinki, { stakeholderId: idm, answers: [{ questionId: 'q1', value: 'x' }] });
    expect(asOther.status).toBe(403);
    expect(asOther.body.code).toBe('AUTH.NOT_SELF');
    const asNobody = await post(`/v1/consultations/${id}/survey-responses`, asHelsinki, { stakeholderId: null, answers: [{ questionId: 'q1', value: 'x' }] });
    expect(asNobody.status).toBe(403);
    expect(await eventCount()).toBe(before);
  });

  it('answers 409 to an unknown question, an invalid choice, an unknown stakeholder and an undefined survey, appending nothing', async () => {
    const id = await survey();
    const before = await eventCount();
    const cases = [
      { body: { answers: [{ questionId: 'q9', value: 'x' }] }, code: 'SURVEY.UNKNOWN_QUESTION', field: 'answers[0].questionId' },
      { body: { answers: [{ questionId: 'q2', value: 'Lower taxes' }] }, code: 'SURVEY.INVALID_CHOICE', field: 'answers[0].value' },
      { body: { stakeholderId: UNKNOWN_ID, answers: [{ questionId: 'q1', value: 'x' }] }, code: 'STAKEHOLDER.NOT_FOUND', field: 'stakeholderId' },
    ];
    for (const { body, code, field } of cases) {
      const res = await post(`/v1/consultations/${id}/survey-responses`, poc, body);
      expect([res.status, res.body.code, fields(res)]).toEqual([409, code, [field]]);
    }
    const meeting = await announce({ kind: 'survey', title: 'Survey not yet designed' });
    const undefinedSurvey = await post(`/v1/consultations/${meeting}/survey-responses`, poc, { answers: [{ questionId: 'q1', value: 'x' }] });
    expect(undefinedSurvey.status).toBe(409);
    expect(undefinedSurvey.body.code).toBe('SURVEY.NOT_DEFINED');
    expect(await eventCount()).toBe(before + 1);
  });

  it('answers 400 to a malformed stakeholder id, no answers, a nested unknown field or too many answers', async () => {
    const id = await survey();
    const before = await eventCount();
    const malformed = await post(`/v1/consultations/${id}/survey-responses`, poc, { stakeholderId: 'elira', answers: [] });
    expect(malformed.status).toBe(400);
    expect(fields(malformed)).toEqual(expect.arrayContaining(['stakeholderId', 'answers']));
    const nested = await post(`/v1/consultations/${id}/survey-responses`, poc, { answers: [{ questionId: 'q1', value: 'x', score: 5 }], late: 'yes' });
    expect(nested.status).toBe(400);
    expect(fields(nested)).toEqual(expect.arrayContaining(['answers.0.score', 'late']));
    const many = Array.from({ length: 101 }, () => ({ questionId: 'q1', value: 'x' }));
    const oversize = await post(`/v1/consultations/${id}/survey-responses`, poc, { answers: many });
    expect(oversize.status).toBe(400);
    expect(fields(oversize)).toEqual(['answers']);
    expect(await eventCount()).toBe(before);
  });

  it('takes responses after closure only as late, and marks their contributions late', async () => {
    const id = await survey();
    await post(`/v1/consultations/${id}/closure`, lfpJustice);
    const before = await eventCount();
    const answers = [{ questionId: 'q1', value: 'Sent by post before the deadline.' }];
    const refused = await post(`/v1/consultations/${id}/survey-responses`, poc, { answers });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CONSULTATION.CLOSED');
    expect(await eventCount()).toBe(before);

    const late = await post(`/v1/consultations/${id}/survey-responses`, poc, { answers, late: true });
    expect(late.status).toBe(201);
    const [received] = await streamEvents(`contribution-${late.body.contributionIds[0]}`);
    expect(received.data.late).toBe(true);
  });

  it('backfills a response typed in later: occurredAt and receivedAt are the paper form, recordedAt is now', async () => {
    const id = await survey();
    const before = Date.now();
    const res = await post(`/v1/consultations/${id}/survey-responses`, lfpJustice, {
      stakeholderId: idm,
      answers: [{ questionId: 'q1', value: 'Municipal tenders lack public notice.' }],
      occurredAt: '2020-08-12T14:00:00Z',
    });
    expect(res.status).toBe(201);
    const [received] = await streamEvents(`contribution-${res.body.contributionIds[0]}`);
    expect(received.data.receivedAt).toBe('2020-08-12T14:00:00.000Z');
    expect(received.metadata.occurredAt).toBe('2020-08-12T14:00:00.000Z');
    expect(Date.parse(received.metadata.recordedAt as string)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('replays the same Idempotency-Key with the same answer, appending nothing, even when the stored answer was lost', async () => {
    const id = await survey();
    const body = { stakeholderId: helsinki, answers: [{ questionId: 'q1', value: 'Publish the asset declarations of senior officials.' }] };
    const first = await t.http.post(`/v1/consultations/${id}/survey-responses`).set(bearer(poc)).set('Idempotency-Key', 'ahc-survey-1').send(body);
    expect(first.status).toBe(201);
    const count = await eventCount();
    const again = await t.http.post(`/v1/consultations/${id}/survey-responses`).set(bearer(poc)).set('Idempotency-Key', 'ahc-survey-1').send(body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');

    // As if the process died after appending but before recording the answer.
    await db.query(`DELETE FROM idempotency_keys WHERE key = 'ahc-survey-1'`);
    const retry = await t.http.post(`/v1/consultations/${id}/survey-responses`).set(bearer(poc)).set('Idempotency-Key', 'ahc-survey-1').send(body);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(await eventCount()).toBe(count);
  });

  it('answers 409 CONCURRENCY.WRONG_EXPECTED_REVISION to a stale If-Match, appending nothing', async () => {
    const id = await survey();
    const before = await eventCount();
    const res = await t.http
      .post(`/v1/consultations/${id}/survey-responses`)
      .set(bearer(poc))
      .set('If-Match', '0')
      .send({ answers: [{ questionId: 'q1', value: 'x' }] });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CONCURRENCY.WRONG_EXPECTED_REVISION');
    expect(await eventCount()).toBe(before);
  });
});

describe('POST /v1/consultations/:id/closure', () => {
  it('closes once, with or without a body', async () => {
    const id = await announce();
    const res = await t.http.post(`/v1/consultations/${id}/closure`).set(bearer(lfpJustice));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id, revision: 1, position: expect.any(String) });
    expect((await lastEvent(id)).type).toBe('ConsultationClosed');
    const again = await post(`/v1/consultations/${id}/closure`, poc, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CONSULTATION.ALREADY_CLOSED');
    const unknownField = await post(`/v1/consultations/${id}/closure`, poc, { reason: 'done' });
    expect(unknownField.status).toBe(400);
    expect(fields(unknownField)).toEqual(['reason']);
  });
});

describe('the survey reaction', () => {
  it('appends nothing twice when it runs again for the same response', async () => {
    const id = await survey();
    const res = await post(`/v1/consultations/${id}/survey-responses`, lfpJustice, {
      stakeholderId: elira,
      answers: [
        { questionId: 'q1', value: 'Too few prosecutions for high-level corruption.' },
        { questionId: 'q3', value: 'Regional meetings outside Tirana.' },
      ],
    });
    const [response] = await store.readStream(`consultation-${id}`, { from: res.body.revision, limit: 1 });
    const contributionStreams = res.body.contributionIds.map((c: string) => `contribution-${c}`);
    const contributionEvents = async () =>
      Number((await db.query(`SELECT count(*) AS n FROM events WHERE type = 'ContributionReceived' AND stream_id = ANY($1)`, [contributionStreams])).rows[0].n);
    expect(await contributionEvents()).toBe(2);

    const before = await eventCount();
    const reaction = t.app.get(SurveyReaction);
    const replayed = await reaction.react(response);
    const replayedAgain = await reaction.react(response);
    expect(replayed).toEqual({ contributionIds: res.body.contributionIds, position: res.body.position });
    expect(replayedAgain).toEqual(replayed);
    expect(await contributionEvents()).toBe(2);
    expect(await eventCount()).toBe(before);
  });

  it('is caught up by the reactor after a crash between the response and its contributions', async () => {
    const id = await survey();
    const responseId = '7a1c3e5f-2b4d-4f6a-8c0e-1d3f5a7b9c2e';
    // As if the process died right after storing the response: no contribution yet.
    const { position } = await store.append(
      `consultation-${id}`,
      [
        {
          eventId: '0c2e4a6b-8d1f-4c3e-9a5b-7d9f1b3c5e7a',
          type: 'SurveyResponseSubmitted',
          data: {
            consultationId: id,
            cycleId,
            policyAreaId: antiCorruption,
            responseId,
            stakeholderId: helsinki,
            answers: [{ questionId: 'q1', type: 'text', value: 'Beneficial ownership registers should be public.' }],
            late: false,
            personalDataSubject: null,
          },
          metadata: {
            actor: { id: 'moj-1', role: 'lfp', institution: INSTITUTIONS.justice },
            correlationId: 'crash-test',
            causationId: null,
            occurredAt: '2020-08-20T10:00:00.000Z',
            schemaVersion: 1,
          },
        },
      ],
      { expectedRevision: 1 },
    );
    const contributionId = uuidv5(`${responseId}:q1`);
    expect(await streamEvents(`contribution-${contributionId}`)).toEqual([]);
    const before = await eventCount();

    t.app.get(SurveyReactor).start();
    const passedResponse = async () => {
      const { rows } = await db.query(`SELECT coalesce(horizon, position) AS position FROM projection_state WHERE name = 'survey-reactor'`);
      return rows.length === 1 && rows[0].position !== null && store.comparePositions(rows[0].position, position) >= 0;
    };
    for (let waited = 0; !(await passedResponse()) && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));

    expect(await passedResponse()).toBe(true);
    const [received] = await streamEvents(`contribution-${contributionId}`);
    expect(received.data).toMatchObject({
      body: 'Beneficial ownership registers should be public.',
      stakeholderId: helsinki,
      receivedAt: '2020-08-20T10:00:00.000Z',
    });
    expect(received.metadata).toMatchObject({ correlationId: 'crash-test', causationId: '0c2e4a6b-8d1f-4c3e-9a5b-7d9f1b3c5e7a' });
    // Every earlier response was reacted to again, and only the missing contribution was appended.
    expect(await eventCount()).toBe(before + 1);
  });
});
