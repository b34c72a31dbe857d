import pg from 'pg';
import { adminUrl } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ projections: false });
});

afterAll(async () => {
  await t.app.close().catch(() => undefined);
});

test('GET /health answers 200 with the head position, and 503 once the database is gone', async () => {
  const up = await t.http.get('/health');
  expect(up.status).toBe(200);
  expect(up.body).toMatchObject({ status: 'ok', database: { status: 'up' }, eventStore: { status: 'up' } });

  // Take the database away under the running service.
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`DROP DATABASE ${new URL(t.db.url).pathname.slice(1)} WITH (FORCE)`);
  await admin.end();

  const down = await t.http.get('/health');
  expect(down.status).toBe(503);
  expect(down.body).toMatchObject({ status: 'unavailable', database: { status: 'down' } });
});
