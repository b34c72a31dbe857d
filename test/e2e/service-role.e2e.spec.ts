import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { runMigrations } from '../../src/database/data-source.js';
import { describeRole } from '../../src/database/service-role.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { adminUrl, createTestDatabase, type TestDatabase } from '../support/database.js';
import { buildOpenRecord, SECRET, tokensFor, type OpenRecord } from '../support/open-record.js';

/**
 * MIGRATION_DATABASE_URL: the schema belongs to the migration role; the service runs as a role
 * that reads the log and appends only through cr_append. Here the cluster's superuser migrates
 * and a plain login role created for this file is the service.
 */
let db: TestDatabase;
let serviceUrl: string;
let service: pg.Client;
let owner: pg.Client;
let t: TestApp;
let record: OpenRecord;
let tokens: Awaited<ReturnType<typeof tokensFor>>;
const role = `cr_service_${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  db = await createTestDatabase({ migrate: false });
  owner = new pg.Client({ connectionString: db.url });
  await owner.connect();
  const password = randomBytes(12).toString('hex');
  await owner.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
  await runMigrations(db.url, () => undefined, { serviceRole: { name: role } });
  const url = new URL(db.url);
  url.username = role;
  url.password = password;
  serviceUrl = url.toString();
  service = new pg.Client({ connectionString: serviceUrl });
  await service.connect();
  t = await startTestApp({ db: { url: serviceUrl, drop: async () => undefined } });
  tokens = await tokensFor(t);
  record = await buildOpenRecord(t, tokens);
}, 180_000);

afterAll(async () => {
  await t?.close();
  await service?.end();
  await owner?.end();
  await db?.drop();
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`DROP ROLE IF EXISTS ${role}`);
  await admin.end();
});

const refused = async (sql: string, values: unknown[] = []) => {
  const error = await service.query(sql, values).then(
    () => null,
    (e: { code?: string; message: string }) => e,
  );
  return error ? { code: error.code } : { code: 'accepted' };
};

describe('the service role', () => {
  it('is not the owner of the log and could not rewrite it', async () => {
    expect(await describeRole(serviceUrl)).toEqual({ role, canAlterLog: false });
  });

  it('cannot disable the immutability trigger, alter or drop the events table', async () => {
    expect(await refused('ALTER TABLE events DISABLE TRIGGER events_immutable_rows')).toEqual({ code: '42501' });
    expect(await refused('ALTER TABLE events DISABLE TRIGGER ALL')).toEqual({ code: '42501' });
    expect(await refused('DROP TABLE events')).toEqual({ code: '42501' });
    expect(await refused('ALTER FUNCTION cr_append(text, text, uuid[], text[], integer[], text[], text[]) SECURITY INVOKER')).toEqual({ code: '42501' });
  });

  it('cannot write the heads (streams) table directly', async () => {
    expect(await refused(`INSERT INTO streams (stream_id, revision, last_hash) VALUES ('forged-stream', 0, '\\x00')`)).toEqual({ code: '42501' });
    expect(await refused(`UPDATE streams SET revision = revision + 1`)).toEqual({ code: '42501' });
    expect(await refused(`DELETE FROM streams`)).toEqual({ code: '42501' });
  });

  it('cannot forge, change or remove an event row', async () => {
    const [event] = (await service.query(`SELECT * FROM events ORDER BY global_position DESC LIMIT 1`)).rows as Array<Record<string, unknown>>;
    expect(event).toBeDefined();
    const columns = Object.keys(event).filter((c) => !['global_position', 'transaction_id', 'category'].includes(c));
    const forged = columns.map((c) => (c === 'event_id' ? '00000000-0000-4000-8000-000000000001' : c === 'revision' ? 99 : event[c]));
    expect(await refused(`INSERT INTO events (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, forged)).toEqual({ code: '42501' });
    expect(await refused(`UPDATE events SET data = data`)).toEqual({ code: '42501' });
    expect(await refused(`DELETE FROM events`)).toEqual({ code: '42501' });
    expect(await refused(`TRUNCATE events`)).toEqual({ code: '42501' });
    expect(await refused(`SELECT setval('events_global_position_seq', 1)`)).toEqual({ code: '42501' });
  });

  it('cannot create objects in the public schema that could shadow the service tables', async () => {
    expect(await refused(`CREATE TABLE public.shadow (x int)`)).toEqual({ code: '42501' });
  });
});

describe('the service running as that role', () => {
  it('appends (through cr_append), projects, answers about the past and rebuilds', async () => {
    const { cycleId, contributions } = record;
    // Appends: the record was built over HTTP; its events are in the log, read as the service role.
    const { rows } = await service.query<{ n: string }>(`SELECT count(*) AS n FROM events`);
    expect(Number(rows[0].n)).toBeGreaterThan(20);

    // Projections caught up.
    const cycle = await t.http.get(`/v1/cycles/${cycleId}`).set(bearer(tokens.poc)).query({ consistentWith: record.position });
    expect(cycle.status).toBe(200);
    const accountability = await t.http.get(`/v1/contributions/${contributions.cso}/accountability`).query({ consistentWith: record.position });
    expect(accountability.status).toBe(200);

    // The past: answered by replaying into a scratch schema the service role creates and drops.
    const past = await t.http.get(`/v1/cycles/${cycleId}/reasoned-response`).query({ asOf: record.position });
    expect(past.status).toBe(200);
    expect(JSON.stringify(past.body)).not.toContain(SECRET.redactedBody);
    const pastOccurred = await t.http.get(`/v1/cycles/${cycleId}/compliance`).set(bearer(tokens.poc)).query({ asOf: record.position });
    expect(pastOccurred.status).toBe(200);

    // A rebuild into new tables, swapped in (the matrix is the accountability view's rows).
    const before = await t.http.get(`/v1/cycles/${cycleId}/reasoned-response`);
    expect(before.status).toBe(200);
    const requested = await t.http.post('/v1/admin/projections/accountability/rebuild').set(bearer(tokens.poc));
    expect(requested.status).toBe(202);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const list = await t.http.get('/v1/admin/projections').set(bearer(tokens.poc));
      const p = (list.body.items as Array<{ name: string; status: string; error?: string | null }>).find((x) => x.name === 'accountability')!;
      if (p.status === 'running') break;
      if (p.status === 'failed' || Date.now() > deadline) throw new Error(`rebuild did not finish: ${JSON.stringify(p)}`);
      await sleep(100);
    }
    const after = await t.http.get(`/v1/cycles/${cycleId}/reasoned-response`);
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before.body);

    // No scratch schema left behind, and none of the service's in public.
    const scratch = await owner.query(`SELECT nspname FROM pg_namespace WHERE nspname ~ '^(rebuild|compare|asof)_'`);
    expect(scratch.rows).toEqual([]);
  }, 120_000);

  it('a new command still appends after all that', async () => {
    const res = await t.http.post('/v1/stakeholders').set(bearer(tokens.poc)).send({ kind: 'cso', name: 'Partners Albania for Change and Development' });
    expect(res.status).toBe(201);
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM events WHERE stream_id = $1`, [`stakeholder-${res.body.id}`]);
    expect(rows[0].n).toBe(1);
  });
});
