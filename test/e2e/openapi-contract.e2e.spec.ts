import { openApiDocument } from '../../src/bootstrap.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { Contract, type OpenApiDocument } from '../support/contract.js';
import { buildOpenRecord, tokensFor, type OpenRecord } from '../support/open-record.js';

/**
 * The contract a client generator relies on: /v1/openapi.json declares, for every operation, its
 * success answers with schemas and examples, its errors as problem+json, its path ids as uuids —
 * and what the service really answers matches those schemas (every e2e file checks its own
 * answers at close(); this one walks every read as every kind of reader).
 */
let t: TestApp;
let contract: Contract;
let record: OpenRecord;
let tokens: Awaited<ReturnType<typeof tokensFor>>;

beforeAll(async () => {
  t = await startTestApp();
  const served = await t.http.get('/v1/openapi.json');
  expect(served.status).toBe(200);
  contract = new Contract(served.body as OpenApiDocument);
  tokens = await tokensFor(t);
  record = await buildOpenRecord(t, tokens);
}, 120_000);

afterAll(async () => {
  await t.close();
});

describe('GET /v1/openapi.json', () => {
  it('declares for every operation a typed success answer with an example, problem+json errors, and uuid path ids', () => {
    expect(contract.operations().length).toBeGreaterThan(60);
    expect(contract.documentViolations()).toEqual([]);
  });

  it('is the document the service builds (served as built, nothing lost on the way)', () => {
    expect(contract.doc).toEqual(JSON.parse(JSON.stringify(openApiDocument(t.app))));
  });
});

describe('real answers', () => {
  it('match the declared schemas for every read, as every kind of reader sees it', async () => {
    const { cycleId, areaId, meetingId, surveyId, commitmentId, reportId, contributions: c, cso, citizen } = record;
    const eventId = ((await t.http.get(`/v1/contributions/${c.cso}/history`).set(bearer(tokens.auditor)).query({ consistentWith: record.position })).body.events as Array<{ eventId: string }>)[0].eventId;
    const reads = [
      '/health',
      '/v1/cycles',
      `/v1/cycles/${cycleId}`,
      `/v1/cycles/${cycleId}/timeline`,
      `/v1/cycles/${cycleId}/compliance`,
      `/v1/cycles/${cycleId}/compliance?asOfOccurred=2020-10-10`,
      `/v1/cycles/${cycleId}/reasoned-response`,
      `/v1/cycles/${cycleId}/reasoned-response?asOf=${record.position}`,
      `/v1/cycles/${cycleId}/policy-areas/${areaId}/dashboard`,
      `/v1/consultations?cycleId=${cycleId}`,
      `/v1/consultations/${meetingId}/summary`,
      `/v1/consultations/${meetingId}/duplicate-candidates`,
      `/v1/consultations/${meetingId}/summary?asOfOccurred=2020-10-07`,
      `/v1/consultations/${surveyId}/survey/results`,
      '/v1/contributions',
      `/v1/contributions?cycleId=${cycleId}&addressed=true`,
      `/v1/contributions/${c.cso}/accountability`,
      `/v1/contributions/${c.cso}/accountability?asOf=${record.position}`,
      `/v1/contributions/${c.citizen}/accountability`,
      `/v1/contributions/${c.cso}/history`,
      `/v1/contributions/${c.redacted}/history?asOfOccurred=2026-01-01`,
      `/v1/commitments?cycleId=${cycleId}`,
      `/v1/commitments/${commitmentId}/traceability`,
      `/v1/reports?cycleId=${cycleId}`,
      `/v1/reports/${reportId}`,
      '/v1/stakeholders',
      '/v1/stakeholders?q=helsinki',
      `/v1/stakeholders/${cso.id}/contributions`,
      `/v1/stakeholders/${citizen.id}/contributions`,
      `/v1/events/${eventId}`,
      '/v1/admin/projections',
      '/v1/audit/digest',
      '/v1/exports/reasoned-response.csv',
      '/v1/exports/contributions.ndjson',
      '/v1/exports/events.ndjson',
      '/v1/audit/events?limit=5',
    ];
    const readers = [undefined, tokens.poc, tokens.lfp, tokens.auditor, cso.token, citizen.token];
    const from = t.answers.length;
    for (const path of reads) {
      for (const token of readers) {
        // Views wait for the last write; exports, the raw log and /health take no such parameter.
        const consistent = path.startsWith('/v1/') && !/^\/v1\/(exports|audit|events|admin)\b/.test(path);
        const req = t.http.get(path).query(consistent ? { consistentWith: record.position } : {});
        await (token ? req.set(bearer(token)) : req);
      }
    }
    await t.http.get(`/v1/cycles/${cycleId}/reasoned-response`).set('Accept', 'text/csv');
    const digest = (await t.http.get('/v1/audit/digest').set(bearer(tokens.auditor))).body as { position: string; sha256: string };
    await t.http.post('/v1/audit/verify').set(bearer(tokens.auditor)).send({ position: digest.position, sha256: digest.sha256 });

    const answers = t.answers.slice(from);
    expect(answers.map((a) => contract.answerViolation(a)).filter((v) => v !== null)).toEqual([]);
    // Every read was answered with success by someone, and so validated against its schema.
    const validated = new Set(answers.filter((a) => a.status < 300).map((a) => contract.route(a.method, a.path)?.key));
    const reads_ = contract.operations().filter((o) => o.method === 'GET' && o.path !== '/v1/openapi.json' && !o.path.startsWith('/docs'));
    expect(reads_.map((o) => o.key).filter((key) => !validated.has(key))).toEqual([]);
  }, 120_000);

  it('a single-aggregate read sends ETag: "<revision>", which If-Match on its command accepts (and refuses once stale)', async () => {
    const id = record.contributions.unpublished;
    const read = await t.http.get(`/v1/contributions/${id}/accountability`).set(bearer(tokens.poc)).query({ consistentWith: record.position });
    expect(read.headers.etag).toBe(`"${read.body.revision}"`);
    const publish = () => t.http.post(`/v1/contributions/${id}/publication`).set(bearer(tokens.poc)).set('If-Match', read.headers.etag).send({});
    const first = await publish();
    expect(first.status).toBe(200);
    expect(first.body.revision).toBe(read.body.revision + 1);
    // The same ETag again: the record moved on.
    const stale = await t.http.post(`/v1/contributions/${id}/redaction`).set(bearer(tokens.poc)).set('If-Match', read.headers.etag).send({ reason: 'names a person' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('CONCURRENCY.WRONG_EXPECTED_REVISION');
    const again = await t.http.get(`/v1/contributions/${id}/accountability`).set(bearer(tokens.poc)).query({ consistentWith: first.body.position });
    expect(again.headers.etag).toBe(`"${first.body.revision}"`);
    for (const path of [`/v1/cycles/${record.cycleId}`, `/v1/consultations/${record.meetingId}/summary`, `/v1/commitments/${record.commitmentId}/traceability`, `/v1/reports/${record.reportId}`]) {
      const res = await t.http.get(path).set(bearer(tokens.poc));
      expect({ path, etag: res.headers.etag }).toEqual({ path, etag: `"${res.body.revision}"` });
    }
    // Express's own (weak, body-hash) ETags are off: a list has none.
    expect((await t.http.get('/v1/cycles')).headers.etag).toBeUndefined();
  });
});
