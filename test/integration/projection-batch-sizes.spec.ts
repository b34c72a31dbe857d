import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { coalesce, generateCycle } from '../../bench/generator.js';
import { ALL_PROJECTIONS } from '../../projections/index.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { quoteIdent } from '../../src/projection-runner/replay.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { projectInBatches } from '../support/projection-harness.js';

/**
 * A realistic cycle (the benchmark's generator: surveys, meetings, 300 contributions answered,
 * reviewed, published, withdrawn, marked duplicate, reports, commitments) through every
 * projection: small batches write their rows as JSON, large ones by COPY (from 200 rows a table),
 * and the live follower catches up in growing pages. Every way must give the same tables.
 */
let db: TestDatabase;
let t: TestApp;
let store: EventStore;
let events = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  t = await startTestApp({ db, overrides: { PROJECTION_BATCH_SIZE: 50, CONSISTENCY_TIMEOUT_MS: 60000 } });
  store = t.app.get<EventStore>(EVENT_STORE);
  const cycle = generateCycle(0, { contributionsPerCycle: 300 });
  // The last position appended, not store.head(): the head is gap-safe across the whole server, so
  // another suite's open transaction can hold it back.
  let head: string | null = null;
  for (const wave of cycle.waves) {
    for (const { position } of await Promise.all(coalesce(wave).map((a) => store.append(a.streamId, a.events, { expectedRevision: 'any' })))) {
      if (head === null || store.comparePositions(position, head) > 0) head = position;
    }
  }
  events = cycle.eventCount;
  const poc = await t.token({ sub: 'poc-1', role: 'poc', institution: 'Office of the Prime Minister' });
  for (const deadline = Date.now() + 120_000; ; ) {
    const res = await t.http.get('/v1/admin/projections').set(bearer(poc));
    const behind = (res.body.items as Array<{ checkpoint: string | null; horizon: string | null }>).filter(
      (p) => ![p.checkpoint, p.horizon].some((c) => c !== null && store.comparePositions(c, head!) >= 0),
    );
    if (behind.length === 0) break;
    if (Date.now() > deadline) throw new Error(`projections not caught up: ${JSON.stringify(behind)}`);
    await sleep(50);
  }
}, 180_000);

afterAll(async () => {
  await t.close();
  await db.drop();
});

describe('every projection, whatever the batch size', () => {
  it('has a log large enough for the COPY path', () => {
    expect(events).toBeGreaterThan(1000);
  });

  it.each(ALL_PROJECTIONS.map((p) => [p.name, p] as const))('%s: identical tables in batches of 7 and 5,000, and live', async (_, definition) => {
    const dataSource = t.app.get(DataSource);
    const small = await projectInBatches(dataSource, store, definition, 7);
    const large = await projectInBatches(dataSource, store, definition, 5000);
    expect(large).toEqual(small);
    for (const table of definition.tables) {
      const live = await dataSource.query(`SELECT * FROM public.${quoteIdent(table)} t ORDER BY to_jsonb(t)::text`);
      expect(live).toEqual(small[table]);
    }
  }, 120_000);

  it('wrote hundreds of rows per table in one batch (so the large batches went by COPY)', async () => {
    const rows = await t.app.get(DataSource).query('SELECT count(*)::int AS n FROM accountability');
    expect(rows[0].n).toBeGreaterThanOrEqual(300);
  });
});
