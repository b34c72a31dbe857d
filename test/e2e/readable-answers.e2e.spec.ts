import { bearer, INSTITUTIONS, startTestApp, type TestApp } from '../support/app.js';
import { buildOpenRecord, PUBLIC_TEXT, SECRET, tokensFor, type OpenRecord } from '../support/open-record.js';

/**
 * Answers a person can read: names beside ids (an individual's only for those who may read
 * personal data, no one's after erasure), the lists a Point of Contact needs, single events.
 */
let t: TestApp;
let record: OpenRecord;
let tokens: Awaited<ReturnType<typeof tokensFor>>;

beforeAll(async () => {
  t = await startTestApp();
  tokens = await tokensFor(t);
  record = await buildOpenRecord(t, tokens);
}, 120_000);

afterAll(async () => {
  await t.close();
});

const get = (path: string, token?: string, query: Record<string, unknown> = {}) => {
  const req = t.http.get(path).query({ consistentWith: record.position, ...query });
  return token ? req.set(bearer(token)) : req;
};
const itemsOf = (res: { body: { items: unknown[] } }) => res.body.items as Array<Record<string, unknown>>;

describe('names beside ids', () => {
  it('accountability names the consultation, the policy area and its lead, the stakeholder and the commitments', async () => {
    const res = await get(`/v1/contributions/${record.contributions.cso}/accountability`);
    expect(res.body).toMatchObject({
      consultationTitle: 'Anti-Corruption thematic meeting, 6 October 2020',
      policyAreaName: 'Anti-Corruption',
      leadInstitution: INSTITUTIONS.justice,
      stakeholderId: record.cso.id,
      stakeholderName: PUBLIC_TEXT.csoName,
      commitmentIds: [record.commitmentId],
      commitmentTitles: ['Online register of asset declarations'],
    });
  });

  it("shows an individual's name to officials and to the person, never to the public", async () => {
    const id = record.contributions.citizen;
    expect((await get(`/v1/contributions/${id}/accountability`, tokens.poc)).body).toMatchObject({ stakeholderId: record.citizen.id, stakeholderName: SECRET.citizenName });
    expect((await get(`/v1/contributions/${id}/accountability`, record.citizen.token)).body.stakeholderName).toBe(SECRET.citizenName);
    expect((await get(`/v1/contributions/${id}/accountability`)).body).toMatchObject({ stakeholderId: null, stakeholderName: null });
    expect((await get(`/v1/contributions/${id}/accountability`, record.cso.token)).body).toMatchObject({ stakeholderId: null, stakeholderName: null });
  });

  it('the contributions list names them too, in one go per page', async () => {
    const page = itemsOf(await get('/v1/contributions', tokens.poc, { cycleId: record.cycleId, limit: 500 }));
    expect(page.length).toBeGreaterThan(3);
    for (const item of page) expect(item).toMatchObject({ consultationTitle: expect.any(String), policyAreaName: 'Anti-Corruption' });
  });
});

describe('the lists a Point of Contact needs', () => {
  it('GET /v1/consultations filters by cycle, policy area and kind, and pages', async () => {
    const all = itemsOf(await get('/v1/consultations', undefined, { cycleId: record.cycleId }));
    expect(all.map((c) => c.consultationId)).toEqual([record.surveyId, record.meetingId]); // in opening order
    expect(all[1]).toMatchObject({ title: 'Anti-Corruption thematic meeting, 6 October 2020', kind: 'thematic_meeting', policyAreaName: 'Anti-Corruption', leadInstitution: INSTITUTIONS.justice, reportStatus: 'published', revision: expect.any(Number) });
    expect(itemsOf(await get('/v1/consultations', undefined, { cycleId: record.cycleId, kind: 'survey' })).map((c) => c.consultationId)).toEqual([record.surveyId]);
    expect(itemsOf(await get('/v1/consultations', undefined, { policyAreaId: record.areaId })).length).toBe(2);
    const first = await get('/v1/consultations', undefined, { cycleId: record.cycleId, limit: 1 });
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(itemsOf(await get('/v1/consultations', undefined, { cycleId: record.cycleId, limit: 1, cursor: first.body.nextCursor })).map((c) => c.consultationId)).toEqual([record.meetingId]);
    expect((await get('/v1/consultations', undefined, { kind: 'picnic' })).status).toBe(400);
  });

  it('GET /v1/commitments filters by cycle, policy area and status', async () => {
    const res = itemsOf(await get('/v1/commitments', undefined, { cycleId: record.cycleId }));
    expect(res).toEqual([
      expect.objectContaining({ commitmentId: record.commitmentId, title: 'Online register of asset declarations', status: 'draft', policyAreaName: 'Anti-Corruption', leadInstitution: INSTITUTIONS.justice }),
    ]);
    expect(itemsOf(await get('/v1/commitments', undefined, { cycleId: record.cycleId, status: 'withdrawn' }))).toEqual([]);
    expect(itemsOf(await get('/v1/commitments', undefined, { policyAreaId: record.areaId })).length).toBe(1);
  });

  it('GET /v1/reports filters by cycle, consultation and status; anyone but officials sees published ones only', async () => {
    const draft = await t.http.post('/v1/reports').set(bearer(tokens.lfp)).send({ consultationId: record.surveyId, summary: 'Survey report, draft.' });
    expect(draft.status).toBe(201);
    const official = itemsOf(await get('/v1/reports', tokens.poc, { cycleId: record.cycleId, consistentWith: draft.body.position }));
    expect(official.map((r) => [r.reportId, r.status])).toEqual([
      [record.reportId, 'published'],
      [draft.body.id, 'draft'],
    ]);
    expect(official[0]).toMatchObject({ consultationTitle: 'Anti-Corruption thematic meeting, 6 October 2020', policyAreaName: 'Anti-Corruption', url: expect.stringMatching(/^https:/) });
    expect(itemsOf(await get('/v1/reports', undefined, { cycleId: record.cycleId, consistentWith: draft.body.position })).map((r) => r.reportId)).toEqual([record.reportId]);
    expect(itemsOf(await get('/v1/reports', tokens.poc, { consultationId: record.surveyId, consistentWith: draft.body.position })).map((r) => r.reportId)).toEqual([draft.body.id]);
    expect(itemsOf(await get('/v1/reports', tokens.poc, { status: 'draft', consistentWith: draft.body.position })).map((r) => r.reportId)).toEqual([draft.body.id]);
    expect((await get(`/v1/reports/${draft.body.id}`, undefined, { consistentWith: draft.body.position })).status).toBe(404);
    const one = await get(`/v1/reports/${draft.body.id}`, tokens.auditor, { consistentWith: draft.body.position });
    expect(one.body).toMatchObject({ status: 'draft', summary: 'Survey report, draft.', revision: 0 });
    expect(one.headers.etag).toBe('"0"');
  });

  it('GET /v1/stakeholders: organisations for everyone; individuals, names and emails for officials; q searches names', async () => {
    const pub = itemsOf(await get('/v1/stakeholders'));
    expect(pub).toEqual([expect.objectContaining({ stakeholderId: record.cso.id, kind: 'cso', name: PUBLIC_TEXT.csoName, email: null })]);
    const official = itemsOf(await get('/v1/stakeholders', tokens.auditor));
    expect(official.map((s) => s.stakeholderId)).toEqual([record.cso.id, record.citizen.id]);
    expect(official[1]).toMatchObject({ kind: 'individual', name: SECRET.citizenName, email: SECRET.citizenEmail, erased: false });
    expect(official[0]).toMatchObject({ email: SECRET.csoEmail });
    // A stakeholder sees the organisations and itself.
    expect(itemsOf(await get('/v1/stakeholders', record.citizen.token)).map((s) => s.stakeholderId)).toEqual([record.cso.id, record.citizen.id]);
    expect(itemsOf(await get('/v1/stakeholders', record.cso.token)).map((s) => s.stakeholderId)).toEqual([record.cso.id]);
    // q: any case, organisations' names for all, an individual's only for those who may read it.
    expect(itemsOf(await get('/v1/stakeholders', tokens.poc, { q: 'HOXHA' })).map((s) => s.stakeholderId)).toEqual([record.citizen.id]);
    expect(itemsOf(await get('/v1/stakeholders', undefined, { q: 'hoxha' }))).toEqual([]);
    expect(itemsOf(await get('/v1/stakeholders', undefined, { q: 'helsinki' })).map((s) => s.stakeholderId)).toEqual([record.cso.id]);
    expect(itemsOf(await get('/v1/stakeholders', tokens.poc, { kind: 'individual' })).map((s) => s.stakeholderId)).toEqual([record.citizen.id]);
    // Paged: one at a time still finds both.
    const first = await get('/v1/stakeholders', tokens.poc, { limit: 1 });
    expect(itemsOf(await get('/v1/stakeholders', tokens.poc, { limit: 1, cursor: first.body.nextCursor })).map((s) => s.stakeholderId)).toEqual([record.citizen.id]);
  });
});

describe('GET /v1/events/:eventId', () => {
  it('gives the POC and the auditor the whole event with its metadata; the public only what the public log shows', async () => {
    const history = (await get(`/v1/contributions/${record.contributions.unpublished}/history`, tokens.auditor)).body.events as Array<{ eventId: string; type: string }>;
    const received = history.find((e) => e.type === 'ContributionReceived')!;
    const full = await get(`/v1/events/${received.eventId}`, tokens.auditor);
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({
      view: 'full',
      type: 'ContributionReceived',
      streamId: `contribution-${record.contributions.unpublished}`,
      summary: 'Contribution received by meeting on ' + new Date().toISOString().slice(0, 10),
      data: { body: SECRET.unpublishedBody },
      metadata: { actor: { id: 'lfp-moj', role: 'lfp', institution: INSTITUTIONS.justice }, correlationId: expect.any(String) },
    });
    // Not published: not public, so not found for the public, an LFP or a stakeholder.
    for (const token of [undefined, tokens.lfp, record.cso.token]) expect((await get(`/v1/events/${received.eventId}`, token)).status).toBe(404);

    const published = ((await get(`/v1/contributions/${record.contributions.citizen}/history`, tokens.poc)).body.events as Array<{ eventId: string; type: string }>).find((e) => e.type === 'ContributionReceived')!;
    const shown = await get(`/v1/events/${published.eventId}`);
    expect(shown.body).toMatchObject({ view: 'public', data: { body: null, stakeholderId: null }, metadata: { actor: { role: 'stakeholder' } } });
    expect(shown.body.metadata.actor.id).toBeUndefined();
    expect(JSON.stringify(shown.body)).not.toContain(SECRET.citizenBody);
    // The POC reads the individual's words (personal data, decrypted); unknown or malformed ids are 404.
    expect((await get(`/v1/events/${published.eventId}`, tokens.poc)).body.data.body).toBe(SECRET.citizenBody);
    expect((await get('/v1/events/3f2c7a9e-5b1d-4c8e-9a7f-2d6b8e4c1a05', tokens.poc)).status).toBe(404);
    expect((await get('/v1/events/nope', tokens.poc)).status).toBe(404);
  });
});
