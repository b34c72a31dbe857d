import pg from 'pg';
import { createTestDatabase } from '../support/database.js';

test('each test file gets a database of its own on a real PostgreSQL', async () => {
  const db = await createTestDatabase();
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
  expect(Number(rows[0].server_version.split('.')[0])).toBeGreaterThanOrEqual(14);
  await client.end();
  await db.drop();
});
