import { startTestApp, type TestApp } from '../support/app.js';

/**
 * The answers of the read side's engines that once chose their own status (the runner's
 * consistentWith, the website's unknown ids): the one filter maps their coded errors, and a client
 * sees the same status, problem type, title and headers as before.
 */
let t: TestApp;

beforeAll(async () => {
  // No projection runs, so no read model ever reaches a position; wait for none of it.
  t = await startTestApp({ projections: false, overrides: { CONSISTENCY_TIMEOUT_MS: 0 } });
});

afterAll(async () => {
  await t.close();
});

it('refuses a consistentWith that is not a log position: 400 problem naming the field', async () => {
  const res = await t.http.get('/v1/cycles?consistentWith=not-a-position').expect(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    type: 'urn:consultation-record:problem:validation.failed',
    title: 'Invalid request',
    status: 400,
    code: 'VALIDATION.FAILED',
    detail: 'consistentWith: not a log position',
    errors: [{ field: 'consistentWith', reason: 'must be a position returned by a command' }],
  });
});

it('answers 503 with the lagging read models and Retry-After when they do not reach consistentWith in time', async () => {
  const res = await t.http.get('/v1/cycles?consistentWith=1:1').expect(503);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.headers['retry-after']).toBe('5');
  expect(res.body).toMatchObject({
    type: 'urn:consultation-record:problem:projection.not_caught_up',
    title: 'Service Unavailable',
    status: 503,
    code: 'PROJECTION.NOT_CAUGHT_UP',
    detail: 'the read models have not reached position 1:1 within 0 ms; retry shortly',
    behind: [{ name: 'cycles', seen: null }],
  });
});

it('answers an unknown or malformed id on the website with its HTML 404 page', async () => {
  for (const path of ['/cycles/00000000-0000-4000-8000-000000000000', '/cycles/not-an-id', '/contributions/00000000-0000-4000-8000-000000000000']) {
    const res = await t.http.get(path).expect(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('Page not found');
  }
});
