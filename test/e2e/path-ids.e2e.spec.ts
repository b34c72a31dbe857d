import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { tokensFor } from '../support/open-record.js';

/**
 * A path id that is not a uuid names nothing: every read route answers 404 with the resource's code
 * as problem+json, checked once at the edge (UuidParam), never a database error.
 */
let t: TestApp;
let tokens: Awaited<ReturnType<typeof tokensFor>>;

beforeAll(async () => {
  t = await startTestApp();
  tokens = await tokensFor(t);
}, 120_000);

afterAll(async () => {
  await t.close();
});

const uuid = '00000000-0000-4000-8000-000000000000';

const routes: Array<[path: string, code: string]> = [
  ['/v1/contributions/not-a-uuid/accountability', 'CONTRIBUTION.NOT_FOUND'],
  ['/v1/contributions/not-a-uuid/history', 'CONTRIBUTION.NOT_FOUND'],
  ['/v1/consultations/not-a-uuid/summary', 'CONSULTATION.NOT_FOUND'],
  ['/v1/consultations/not-a-uuid/survey/results', 'CONSULTATION.NOT_FOUND'],
  ['/v1/consultations/not-a-uuid/duplicate-candidates', 'CONSULTATION.NOT_FOUND'],
  ['/v1/commitments/not-a-uuid/traceability', 'COMMITMENT.NOT_FOUND'],
  ['/v1/cycles/not-a-uuid', 'CYCLE.NOT_FOUND'],
  ['/v1/cycles/not-a-uuid/timeline', 'CYCLE.NOT_FOUND'],
  ['/v1/cycles/not-a-uuid/reasoned-response', 'CYCLE.NOT_FOUND'],
  ['/v1/cycles/not-a-uuid/compliance', 'CYCLE.NOT_FOUND'],
  ['/v1/cycles/not-a-uuid/policy-areas/' + uuid + '/dashboard', 'CYCLE.POLICY_AREA_NOT_FOUND'],
  ['/v1/cycles/' + uuid + '/policy-areas/not-a-uuid/dashboard', 'CYCLE.POLICY_AREA_NOT_FOUND'],
  ['/v1/reports/not-a-uuid', 'REPORT.NOT_FOUND'],
  ['/v1/stakeholders/not-a-uuid/contributions', 'STAKEHOLDER.NOT_FOUND'],
  ['/v1/events/not-a-uuid', 'EVENT.NOT_FOUND'],
];

describe('path ids are checked once, at the edge', () => {
  it.each(routes)('GET %s is 404 %s', async (path, code) => {
    const res = await t.http.get(path).set(bearer(tokens.poc));
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code, title: 'Not Found' });
    expect(res.body.detail).toContain('not-a-uuid');
  });

  it('a uuid that names nothing is still the query\'s own 404', async () => {
    const res = await t.http.get(`/v1/cycles/${uuid}`).set(bearer(tokens.poc));
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'CYCLE.NOT_FOUND', detail: `no cycle ${uuid}` });
  });
});
