import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { eventAppender, receivedData, TEST_ACTORS } from '../support/projection-harness.js';

let db: TestDatabase;
let t: TestApp;
let poc: string;
let store: EventStore;

const contribution = (contributionId: string, body: string) => receivedData(contributionId, body);

beforeAll(async () => {
  db = await createTestDatabase();
  t = await startTestApp({ db, overrides: { CONSISTENCY_TIMEOUT_MS: 20_000 } });
  poc = await t.token({ sub: 'poc-1', role: 'poc', institution: 'Office of the Prime Minister' });
  store = t.app.get<EventStore>(EVENT_STORE);
});

afterAll(async () => {
  await t.close();
  await db.drop();
});

test('a transaction held open by another writer does not stop a projection from seeing what committed before it, nor lets it skip what commits after', async () => {
  const append = eventAppender(store);
  const before = randomUUID();
  const { position: beforePosition } = await append(`contribution-${before}`, 'ContributionReceived', contribution(before, 'Publish the minutes.'), {
    actor: TEST_ACTORS.justice,
  });

  // Another writer: a transaction that holds a transaction id and stays open.
  const writer = new pg.Client({ connectionString: db.url });
  await writer.connect();
  await writer.query('BEGIN');
  await writer.query('SELECT pg_current_xact_id()');
  try {
    // Committed before it: the projection shows it.
    const seen = await t.http.get(`/v1/contributions/${before}/accountability`).set(bearer(poc)).query({ consistentWith: beforePosition });
    expect(seen.status).toBe(200);
    expect(seen.body.contributionId).toBe(before);

    // Committed after it: hidden from every reader of the log until the older transaction ends, so
    // no checkpoint may pass it meanwhile.
    const after = randomUUID();
    const { position: afterPosition } = await append(`contribution-${after}`, 'ContributionReceived', contribution(after, 'Open the register.'), {
      actor: TEST_ACTORS.justice,
    });
    await sleep(1500);
    const rows = (await t.app.get(DataSource).query('SELECT name, position, horizon FROM projection_state')) as Array<{
      name: string;
      position: string | null;
      horizon: string | null;
    }>;
    for (const row of rows) {
      for (const p of [row.position, row.horizon]) if (p !== null) expect(store.comparePositions(p, afterPosition)).toBeLessThan(0);
    }
    expect((await t.http.get(`/v1/contributions/${after}/accountability`).set(bearer(poc))).status).toBe(404);

    await writer.query('COMMIT');
    // The fallback poll finds it once the older transaction is gone (no append announces that).
    const shown = await t.http.get(`/v1/contributions/${after}/accountability`).set(bearer(poc)).query({ consistentWith: afterPosition });
    expect(shown.status).toBe(200);
  } finally {
    await writer.query('ROLLBACK').catch(() => undefined);
    await writer.end();
  }
});
