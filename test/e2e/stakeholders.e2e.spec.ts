import pg from 'pg';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { PersonalDataVault } from '../../src/security/personal-data.vault.js';
import { bearer, INSTITUTIONS, startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let db: pg.Client;
let poc: string;

const eventCount = async () => Number((await db.query('SELECT count(*) AS n FROM events')).rows[0].n);

beforeAll(async () => {
  t = await startTestApp({ projections: false });
  db = new pg.Client({ connectionString: t.db.url });
  await db.connect();
  poc = await t.token({ sub: 'poc-1', role: 'poc', institution: INSTITUTIONS.poc });
});

afterAll(async () => {
  await db.end();
  await t.close();
});

describe('POST /v1/stakeholders', () => {
  it('registers a CSO and answers { id, revision, position }', async () => {
    const res = await t.http
      .post('/v1/stakeholders')
      .set(bearer(poc))
      .send({ kind: 'cso', name: 'Albanian Helsinki Committee', email: 'info@ahc.org.al', registryRef: 'AMSHC-0042' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), revision: 0, position: expect.any(String) });
  });

  it("stores an individual's name and email only encrypted", async () => {
    const res = await t.http
      .post('/v1/stakeholders')
      .set(bearer(poc))
      .send({ kind: 'individual', name: 'Elira Hoxha', email: 'elira.hoxha@example.al' });
    expect(res.status).toBe(201);
    const { rows } = await db.query(`SELECT data::text AS data FROM events WHERE stream_id = $1`, [`stakeholder-${res.body.id}`]);
    expect(rows).toHaveLength(1);
    expect(rows[0].data).not.toContain('Elira');
    expect(rows[0].data).not.toContain('elira.hoxha');
    const data = JSON.parse(rows[0].data);
    expect(data.name.$enc).toBeDefined();
    expect(await t.app.get(PersonalDataVault).decrypt(data.name)).toBe('Elira Hoxha');
  });

  it('lets an LFP register, and refuses stakeholders, auditors and anonymous callers without appending', async () => {
    const before = await eventCount();
    const lfp = await t.token({ sub: 'moj-1', role: 'lfp', institution: INSTITUTIONS.justice });
    expect((await t.http.post('/v1/stakeholders').set(bearer(lfp)).send({ kind: 'academia', name: 'University of Tirana' })).status).toBe(201);

    const stakeholder = await t.token({ sub: 'someone', role: 'stakeholder' });
    const auditor = await t.token({ sub: 'irm', role: 'auditor' });
    const asStakeholder = await t.http.post('/v1/stakeholders').set(bearer(stakeholder)).send({ kind: 'cso', name: 'X' });
    expect(asStakeholder.status).toBe(403);
    expect(asStakeholder.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
    expect((await t.http.post('/v1/stakeholders').set(bearer(auditor)).send({ kind: 'cso', name: 'X' })).status).toBe(403);
    const anonymous = await t.http.post('/v1/stakeholders').send({ kind: 'cso', name: 'X' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/application\/problem\+json/);
    const forged = await t.http.post('/v1/stakeholders').set(bearer(`${poc.slice(0, -4)}AAAA`)).send({ kind: 'cso', name: 'X' });
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('AUTH.INVALID_TOKEN');
    expect(await eventCount()).toBe(before + 1);
  });

  it('answers 400 naming each bad field, and appends nothing', async () => {
    const before = await eventCount();
    const res = await t.http
      .post('/v1/stakeholders')
      .set(bearer(poc))
      .send({ kind: 'club', name: '', email: 'not-an-email', favouriteColour: 'red' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION.FAILED');
    const fields = (res.body.errors as Array<{ field: string }>).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['kind', 'name', 'email', 'favouriteColour']));
    expect(await eventCount()).toBe(before);
  });

  it('answers 400 to malformed JSON and 413 to an oversized body, appending nothing', async () => {
    const before = await eventCount();
    const malformed = await t.http.post('/v1/stakeholders').set(bearer(poc)).set('Content-Type', 'application/json').send('{"kind": "cso",');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('REQUEST.MALFORMED_JSON');
    const huge = await t.http
      .post('/v1/stakeholders')
      .set(bearer(poc))
      .send({ kind: 'cso', name: 'x'.repeat(t.config.BODY_LIMIT_BYTES + 10) });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('REQUEST.TOO_LARGE');
    expect(await eventCount()).toBe(before);
  });

  it('replays the same Idempotency-Key and body without appending, and refuses the key with another body', async () => {
    const body = { kind: 'cso', name: 'Institute for Democracy and Mediation' };
    const first = await t.http.post('/v1/stakeholders').set(bearer(poc)).set('Idempotency-Key', 'register-idm-1').send(body);
    const count = await eventCount();
    const again = await t.http.post('/v1/stakeholders').set(bearer(poc)).set('Idempotency-Key', 'register-idm-1').send(body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await eventCount()).toBe(count);
    const other = await t.http
      .post('/v1/stakeholders')
      .set(bearer(poc))
      .set('Idempotency-Key', 'register-idm-1')
      .send({ ...body, name: 'Someone else' });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(await eventCount()).toBe(count);
  });

  it('applies a request whose stored answer was lost exactly once (same key, same derived ids)', async () => {
    const body = { kind: 'cso', name: 'Partners Albania' };
    const first = await t.http.post('/v1/stakeholders').set(bearer(poc)).set('Idempotency-Key', 'lost-answer').send(body);
    const count = await eventCount();
    // As if the process died after appending but before recording the answer.
    await db.query(`DELETE FROM idempotency_keys WHERE key = 'lost-answer'`);
    const retry = await t.http.post('/v1/stakeholders').set(bearer(poc)).set('Idempotency-Key', 'lost-answer').send(body);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(await eventCount()).toBe(count);
  });
});

describe('POST /v1/stakeholders/:id/erasure', () => {
  it("destroys the person's key: the record stays, the hash chain verifies, the data cannot be read", async () => {
    const created = await t.http.post('/v1/stakeholders').set(bearer(poc)).send({ kind: 'individual', name: 'Arben Krasniqi', email: 'arben@example.al' });
    const id = created.body.id as string;
    const erased = await t.http.post(`/v1/stakeholders/${id}/erasure`).set(bearer(poc)).send({ reason: 'Request GDPR-2020-17' });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ id, revision: 1 });

    const { rows } = await db.query(`SELECT type, data::text AS data FROM events WHERE stream_id = $1 ORDER BY revision`, [`stakeholder-${id}`]);
    expect(rows.map((r) => r.type)).toEqual(['StakeholderRegistered', 'PersonalDataErased']);
    const vault = t.app.get(PersonalDataVault);
    expect(await vault.decrypt(JSON.parse(rows[0].data).name)).toBeNull();
    const store = t.app.get<EventStore>(EVENT_STORE);
    expect((await store.verifyStream(`stakeholder-${id}`)).valid).toBe(true);

    const twice = await t.http.post(`/v1/stakeholders/${id}/erasure`).set(bearer(poc)).send({ reason: 'again' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('STAKEHOLDER.ALREADY_ERASED');
  });

  it('answers 404 for an unknown stakeholder and 403 for an LFP', async () => {
    const unknown = await t.http.post('/v1/stakeholders/7d0f4c55-9d1e-4a57-8d53-2b7f0c0b9a11/erasure').set(bearer(poc)).send({ reason: 'x' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('STAKEHOLDER.NOT_FOUND');
    const lfp = await t.token({ sub: 'moj-1', role: 'lfp', institution: INSTITUTIONS.justice });
    expect((await t.http.post('/v1/stakeholders/7d0f4c55-9d1e-4a57-8d53-2b7f0c0b9a11/erasure').set(bearer(lfp)).send({ reason: 'x' })).status).toBe(403);
  });
});
