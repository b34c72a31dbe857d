import { getRepositoryToken } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, type Repository } from 'typeorm';
import { AccountabilityRow } from '../../projections/accountability/accountability.entity.js';
import { AccountabilityHotRead } from '../../projections/accountability/accountability.hot-read.js';
import { namesFor } from '../../projections/accountability/accountability.queries.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { buildOpenRecord, settled, tokensFor } from '../support/open-record.js';

/**
 * The accountability read's hot path (one prepared statement, no ORM) must give exactly what the
 * ORM path gives — the row and every name beside it — for every kind of contribution: a CSO's,
 * an individual's (encrypted), answered, published, redacted, withdrawn, a duplicate.
 */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  await buildOpenRecord(t, await tokensFor(t));
  const head = await settled(t);
  // The log is visible up to its head; the projection may still be applying it.
  const store = t.app.get<EventStore>(EVENT_STORE);
  const dataSource = t.app.get(DataSource);
  for (const deadline = Date.now() + 60_000; ; await sleep(50)) {
    const [row] = (await dataSource.query(`SELECT position, horizon FROM projection_state WHERE name = 'accountability'`)) as Array<{ position: string | null; horizon: string | null }>;
    if (row && [row.position, row.horizon].some((p) => p !== null && store.comparePositions(p, head) >= 0)) break;
    if (Date.now() > deadline) throw new Error('the accountability projection did not catch up');
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
});

it('gives the same row and names as the ORM for every contribution in the record', async () => {
  const repository = t.app.get<Repository<AccountabilityRow>>(getRepositoryToken(AccountabilityRow));
  const hot = t.app.get(AccountabilityHotRead);
  const rows = await repository.find();
  expect(rows.length).toBeGreaterThan(5);
  expect(rows.some((r) => r.commitmentIds.length > 0 && r.stakeholderId !== null)).toBe(true);
  for (const row of rows) {
    const found = await hot.find(row.contributionId);
    expect(found?.row).toEqual(row);
    expect(found?.names).toEqual(await namesFor(repository.manager, [row]));
  }
  expect(await hot.find('00000000-0000-4000-8000-000000000000')).toBeNull();
});
