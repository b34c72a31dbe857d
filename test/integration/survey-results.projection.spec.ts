import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { surveyResultsProjection } from '../../projections/survey-results/survey-results.projection.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { PersonalDataVault } from '../../src/security/personal-data.vault.js';
import { bearer, INSTITUTIONS, startTestApp, type TestApp } from '../support/app.js';
import { eventAppender, projectInBatches, TEST_ACTORS } from '../support/projection-harness.js';

// Albania NAP 2020–2022: the POC's pre-consultation survey on the plan's priorities.
let t: TestApp;
let store: EventStore;
let append: ReturnType<typeof eventAppender>;
let poc: string;
let last: string;

const cycleId = randomUUID();
const surveyId = randomUUID();
const undefinedSurveyId = randomUUID();
const meetingId = randomUUID();
const csoId = randomUUID();
const citizenId = randomUUID();
const TEXT_ANSWER = 'Publish the asset declarations of judges in open data';
const CITIZEN_ANSWER = 'Let citizens follow their complaints online';

const AREAS = ['Anti-Corruption', 'Digital Governance', 'Access to Justice', 'Fiscal Transparency'];

const consultation = (id: string, type: string, data: Record<string, unknown>, occurredAt: string) =>
  append(`consultation-${id}`, type, { consultationId: id, cycleId, policyAreaId: null, ...data }, { actor: TEST_ACTORS.poc, occurredAt }).then((r) => {
    last = r.position;
  });

const announce = (id: string, kind: string, title: string) =>
  consultation(
    id,
    'ConsultationAnnounced',
    {
      leadInstitution: INSTITUTIONS.poc,
      kind,
      title,
      description: null,
      announcedAt: '2020-07-15T08:00:00Z',
      opensAt: '2020-07-20T08:00:00Z',
      closesAt: '2020-08-20T17:00:00Z',
    },
    '2020-07-15T08:00:00Z',
  );

type Answer = { questionId: string; type: 'choice' | 'text'; value: unknown };
const respond = (answers: Answer[], at: string, stakeholderId: string | null = null, late = false) =>
  consultation(
    surveyId,
    'SurveyResponseSubmitted',
    { responseId: randomUUID(), stakeholderId, answers, late, personalDataSubject: stakeholderId === citizenId ? citizenId : null },
    at,
  );

beforeAll(async () => {
  t = await startTestApp();
  store = t.app.get<EventStore>(EVENT_STORE);
  append = eventAppender(store);
  poc = await t.token({ sub: 'poc-1', role: 'poc', institution: INSTITUTIONS.poc });

  await announce(surveyId, 'survey', 'Pre-consultation survey: priorities of the 2020–2022 plan');
  await announce(undefinedSurveyId, 'survey', 'Follow-up survey');
  await announce(meetingId, 'thematic_meeting', 'Anti-Corruption thematic consultation');
  // Defined twice before the first response: only the second definition counts.
  await consultation(surveyId, 'SurveyDefined', { questions: [{ id: 'q-draft', text: 'Draft question', type: 'text', options: null }] }, '2020-07-16T08:00:00Z');
  await consultation(
    surveyId,
    'SurveyDefined',
    {
      questions: [
        { id: 'priority', text: 'Which policy area should the plan prioritise?', type: 'choice', options: AREAS },
        { id: 'before', text: 'Have you taken part in an OGP consultation before?', type: 'choice', options: ['Yes', 'No'] },
        { id: 'proposal', text: 'What should the plan do in that area?', type: 'text', options: null },
      ],
    },
    '2020-07-17T08:00:00Z',
  );

  // The citizen's text answer is personal data: stored encrypted under the citizen's key.
  const encrypted = await t.app.get(PersonalDataVault).encrypt(citizenId, CITIZEN_ANSWER);
  await respond(
    [
      { questionId: 'priority', type: 'choice', value: 'Anti-Corruption' },
      { questionId: 'before', type: 'choice', value: 'Yes' },
      { questionId: 'proposal', type: 'text', value: TEXT_ANSWER },
    ],
    '2020-07-21T10:00:00Z',
    csoId,
  );
  await respond(
    [
      { questionId: 'priority', type: 'choice', value: 'Anti-Corruption' },
      { questionId: 'before', type: 'choice', value: 'No' },
      { questionId: 'proposal', type: 'text', value: encrypted },
    ],
    '2020-07-22T10:00:00Z',
    citizenId,
  );
  await respond([{ questionId: 'priority', type: 'choice', value: 'Digital Governance' }], '2020-07-23T10:00:00Z');
  await consultation(surveyId, 'ConsultationClosed', { closedAt: '2020-08-20T17:00:00Z' }, '2020-08-20T17:00:00Z');
  await respond([{ questionId: 'before', type: 'choice', value: 'No' }], '2020-08-21T10:00:00Z', null, true);
});

afterAll(async () => {
  await t.close();
});

const results = (id: string, token?: string, query: Record<string, string> = { consistentWith: last }) => {
  const req = t.http.get(`/v1/consultations/${id}/survey/results`).query(query);
  return token ? req.set(bearer(token)) : req;
};

describe('survey results (live runner, real PostgreSQL)', () => {
  it('counts each option of choice questions (zeros included) and the answers to text questions', async () => {
    const res = await results(surveyId, poc);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      consultationId: surveyId,
      cycleId,
      policyAreaId: null,
      title: 'Pre-consultation survey: priorities of the 2020–2022 plan',
      responses: 4,
      lateResponses: 1,
      questions: [
        {
          id: 'priority',
          text: 'Which policy area should the plan prioritise?',
          type: 'choice',
          answers: 3,
          options: [
            { option: 'Anti-Corruption', count: 2 },
            { option: 'Digital Governance', count: 1 },
            { option: 'Access to Justice', count: 0 },
            { option: 'Fiscal Transparency', count: 0 },
          ],
        },
        {
          id: 'before',
          text: 'Have you taken part in an OGP consultation before?',
          type: 'choice',
          answers: 3,
          options: [
            { option: 'Yes', count: 1 },
            { option: 'No', count: 2 },
          ],
        },
        { id: 'proposal', text: 'What should the plan do in that area?', type: 'text', answers: 2 },
      ],
    });
  });

  it('answers anonymous callers the same counts, and keeps no answer text in its tables', async () => {
    const [asPoc, anonymous] = await Promise.all([results(surveyId, poc), results(surveyId)]);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual(asPoc.body);
    const dataSource = t.app.get(DataSource);
    for (const table of surveyResultsProjection.tables) {
      const dump = JSON.stringify(await dataSource.query(`SELECT * FROM public.${table}`));
      expect(dump).not.toContain(TEXT_ANSWER);
      expect(dump).not.toContain('$enc');
    }
  });

  it('answers 404 problem+json for an unknown consultation, one without a survey, and one that is not a survey', async () => {
    for (const [id, code] of [
      [randomUUID(), 'CONSULTATION.NOT_FOUND'],
      ['pre-consultation', 'CONSULTATION.NOT_FOUND'],
      [undefinedSurveyId, 'SURVEY.NOT_DEFINED'],
      [meetingId, 'SURVEY.NOT_DEFINED'],
    ]) {
      const res = await results(id);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe(code);
    }
  });

  it('answers 400 for bad query parameters', async () => {
    const bad = await results(surveyId, undefined, { consistentWith: 'latest' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['consistentWith']);
    expect((await results(surveyId, undefined, { questionId: 'priority' })).status).toBe(400);
  });

  it('gives identical tables in batches of 1, 7 and 500, equal to what the live runner built', async () => {
    await results(surveyId); // caught up with every event above
    const dataSource = t.app.get(DataSource);
    const one = await projectInBatches(dataSource, store, surveyResultsProjection, 1);
    const seven = await projectInBatches(dataSource, store, surveyResultsProjection, 7);
    const many = await projectInBatches(dataSource, store, surveyResultsProjection, 500);
    expect(one.survey_results_question).toHaveLength(3);
    expect(one.survey_results_response).toHaveLength(4);
    expect(one.survey_results_answer).toHaveLength(8);
    expect(seven).toEqual(one);
    expect(many).toEqual(one);
    for (const table of surveyResultsProjection.tables) {
      expect(await dataSource.query(`SELECT * FROM public.${table} t ORDER BY to_jsonb(t)::text`)).toEqual(one[table]);
    }
  });
});
