import { randomUUID } from 'node:crypto';
import { bearer } from '../support/app.js';
import { RecordBuilder } from '../support/record-builder.js';
import { WRITE_ENDPOINTS, WriteFixture, type WriteEndpoint } from '../support/write-endpoints.js';

/**
 * What the edge refuses before anything runs: text PostgreSQL cannot store (NUL), bodies that are
 * not JSON (415) or nested too deep, null where a field may only be left out. Each refusal names
 * the field, and appends nothing.
 */
let r: RecordBuilder;
let fx: WriteFixture;

beforeAll(async () => {
  r = await RecordBuilder.start();
  fx = await WriteFixture.build(r);
}, 60_000);

afterAll(async () => {
  await r?.close();
});

/** Every string in a body, nested ones included (survey answers, milestones, feedback items...). */
function textFields(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value === 'string') return [prefix];
  if (value === null || typeof value !== 'object') return [];
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  return entries.flatMap(([k, v]) => textFields(v, [...prefix, k]));
}

function withValue(body: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  let node = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1]] = value;
  return copy;
}

const send = (endpoint: WriteEndpoint, path: string, body: unknown, requestId = randomUUID()) =>
  r.http
    .post(path)
    .set({ ...fx.headers(endpoint.allowed[0]), 'X-Request-Id': requestId })
    .send(body as object);

async function appendedBy(requestIds: string[]): Promise<number> {
  const { rows } = await r.db.query<{ n: string }>(`SELECT count(*) AS n FROM events WHERE metadata->>'requestId' = ANY ($1)`, [requestIds]);
  return Number(rows[0].n);
}

// The NDJSON import refuses such a line in its summary (test/e2e/contribution-import.e2e.spec.ts).
const withText = WRITE_ENDPOINTS.filter((e) => e.family !== 'operations' && !e.ndjson);

test.each(withText.map((e) => [e.name, e] as const))('%s: a NUL in any text field is a 400 naming that field', async (_, endpoint) => {
  const target = await endpoint.target(fx, endpoint.allowed[0]);
  const fields = textFields(target.body);
  const ids: string[] = [];
  for (const field of fields) {
    const requestId = randomUUID();
    ids.push(requestId);
    const res = await send(endpoint, target.path, withValue(target.body, field, 'Publish the minutes\u0000 within a week'), requestId);
    expect({ field, status: res.status, code: res.body.code, errors: res.body.errors }).toEqual({
      field,
      status: 400,
      code: 'VALIDATION.FAILED',
      errors: [{ field: field.join('.'), reason: 'must not contain the NUL character (\\u0000)' }],
    });
  }
  expect(await appendedBy(ids)).toBe(0);
  // The same body without the NUL is accepted: the refusal was about the character, nothing else.
  if (fields.length > 0) expect((await send(endpoint, target.path, target.body)).status).toBeLessThan(300);
});

test('a NUL in the query or in a path id is refused too, and so is a lone surrogate', async () => {
  const query = await r.http.get('/v1/contributions').query({ cycleId: 'a\u0000b' }).set(bearer(r.poc));
  expect({ status: query.status, errors: query.body.errors }).toEqual({ status: 400, errors: [{ field: 'query.cycleId', reason: expect.stringContaining('NUL') }] });
  const path = await r.http.post('/v1/contributions/%00/redaction').set(bearer(r.poc)).send({ reason: 'x' });
  expect({ status: path.status, errors: path.body.errors }).toEqual({ status: 400, errors: [{ field: '(path)', reason: expect.stringContaining('NUL') }] });
  const surrogate = await r.http.post('/v1/stakeholders').set(bearer(r.poc)).send({ kind: 'cso', name: 'Helsinki \ud800 Committee' });
  expect({ status: surrogate.status, errors: surrogate.body.errors }).toEqual({ status: 400, errors: [{ field: 'name', reason: expect.stringContaining('unpaired surrogate') }] });
});

test('a body that is not JSON is 415; malformed JSON is 400; a JSON body that is not an object is 400', async () => {
  const path = '/v1/stakeholders';
  const before = await r.eventCount();
  const text = await r.http.post(path).set(bearer(r.poc)).set('Content-Type', 'text/plain').send('kind=cso&name=AHC');
  expect({ status: text.status, code: text.body.code }).toEqual({ status: 415, code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' });
  expect(text.headers['content-type']).toMatch(/application\/problem\+json/);
  const form = await r.http.post(path).set(bearer(r.poc)).type('form').send({ kind: 'cso', name: 'AHC' });
  expect(form.status).toBe(415);
  // NDJSON passes only where a route declares it (the bulk import): here it is still not JSON.
  const lines = await r.http.post(path).set(bearer(r.poc)).set('Content-Type', 'application/x-ndjson').send('{"kind":"cso","name":"AHC"}\n');
  expect({ status: lines.status, code: lines.body.code }).toEqual({ status: 415, code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' });
  const malformed = await r.http.post(path).set(bearer(r.poc)).set('Content-Type', 'application/json').send('{"kind": "cso", "name": ');
  expect({ status: malformed.status, code: malformed.body.code }).toEqual({ status: 400, code: 'REQUEST.MALFORMED_JSON' });
  const array = await r.http.post(path).set(bearer(r.poc)).send([{ kind: 'cso', name: 'AHC' }]);
  expect({ status: array.status, errors: array.body.errors }).toEqual({ status: 400, errors: [{ field: '(body)', reason: 'must be a JSON object' }] });
  // No body at all is fine where the command takes none.
  const consultation = await r.announce(fx.cycle, 'antiCorruption');
  expect((await r.http.post(`/v1/consultations/${consultation}/closure`).set(bearer(r.poc))).status).toBe(200);
  expect(await r.eventCount()).toBe(before + 2);
});

test('a missing field gets one reason, "is required"; a null one "must not be null"', async () => {
  const res = await r.http.post('/v1/cycles').set(bearer(r.poc)).send({ country: 'Albania', periodStart: '2020-09-01', periodEnd: null, pocInstitution: 'Office of the Prime Minister' });
  expect(res.status).toBe(400);
  expect(res.body.errors).toEqual([
    { field: 'title', reason: 'is required' },
    { field: 'periodEnd', reason: 'must not be null' },
  ]);
});

test('milestones: null on a commitment revision is a 400, not a crash', async () => {
  const commitment = await fx.newCommitment();
  const res = await r.expectRejected(
    () => r.http.post(`/v1/commitments/${commitment}/revisions`).set(bearer(r.poc)).send({ title: 'New title', milestones: null }),
    400,
    'VALIDATION.FAILED',
    'milestones',
  );
  expect(res.body.errors).toEqual([{ field: 'milestones', reason: 'must not be null' }]);
  // The same for a null in the list, and for any optional field sent as null.
  await r.expectRejected(() => r.http.post(`/v1/commitments/${commitment}/revisions`).set(bearer(r.poc)).send({ milestones: [null] }), 400, 'VALIDATION.FAILED', 'milestones.0');
  await r.expectRejected(() => r.http.post(`/v1/commitments/${commitment}/withdrawal`).set(bearer(r.poc)).send({ reason: null }), 400, 'VALIDATION.FAILED', 'reason');
});

test('a body nested deeper than 16 levels is a 400 naming where, however deep', async () => {
  for (const depth of [17, 1000, 50_000]) {
    const raw = `{"kind":"cso","name":"AHC","registryRef":${'['.repeat(depth)}"x"${']'.repeat(depth)}}`;
    const res = await r.expectRejected(() => r.http.post('/v1/stakeholders').set(bearer(r.poc)).set('Content-Type', 'application/json').send(raw), 400, 'VALIDATION.FAILED');
    expect(res.body.errors).toEqual([{ field: `registryRef${'.0'.repeat(15)}`, reason: 'is nested more than 16 levels deep' }]);
  }
});
