import pg from 'pg';
import { startTestApp, INSTITUTIONS, type TestApp } from '../support/app.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ projections: false });
});

afterAll(async () => {
  await t.close();
});

/** The service's own connections to its database, by application name. */
async function connections(): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: t.db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; n: number }>(
      `SELECT application_name AS name, count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name LIKE 'consultation-record%'
        GROUP BY 1`,
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.n]));
  } finally {
    await client.end();
  }
}

// pg's pools close a connection after 10 s idle by default; the next burst then opened them all
// again at once and every read waited on it (about half a second on the 2-core benchmark machine).
test('connections opened for a burst of reads are still open after a quiet spell longer than pg’s idle timeout', async () => {
  const token = await t.token({ sub: 'poc', role: 'poc', institution: INSTITUTIONS.poc });
  const answers = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      t.http.get(`/v1/contributions/00000000-0000-4000-8000-${String(i).padStart(12, '0')}/accountability`).set('Authorization', `Bearer ${token}`),
    ),
  );
  expect(answers.map((a) => a.status)).toEqual(Array(12).fill(404));
  const before = await connections();
  expect(before['consultation-record-read']).toBeGreaterThan(1);

  await new Promise((resolve) => setTimeout(resolve, 11_000));

  expect(await connections()).toEqual(before);
}, 30_000);
