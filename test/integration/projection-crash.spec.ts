import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { DataSource } from 'typeorm';
import { ALL_PROJECTIONS } from '../../projections/index.js';
import { createDataSource } from '../../src/database/data-source.js';
import type { EventStore, NewEvent } from '../../src/event-store/event-store.port.js';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { handledTypes } from '../../src/projection-runner/projection.js';
import { quoteIdent } from '../../src/projection-runner/replay.js';
import { TEST_JWT_SECRET } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { projectInBatches, TEST_ACTORS } from '../support/projection-harness.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CONTRIBUTIONS = 1500;

let db: TestDatabase;
let store: EventStore;
let dataSource: DataSource;
let head: string;
const env = () => ({
  ...process.env,
  DATABASE_URL: db.url,
  EVENTSTORE_CONNECTION_STRING: '',
  AUTH_JWT_SECRET: TEST_JWT_SECRET,
  MASTER_KEY: randomBytes(32).toString('base64'),
  // Small batches: many transactions, so the kill lands in the middle of the log.
  PROJECTION_BATCH_SIZE: '20',
  LOG_LEVEL: 'warn',
});

function startWorker(): ChildProcess {
  // The real CLI worker, compiled by `npm test`'s pretest.
  return spawn(process.execPath, [path.join(root, 'dist/src/cli/main.js'), 'projections'], { env: env(), stdio: ['ignore', 'ignore', 'pipe'] });
}

/** The log's events of these types (what a projection handling them must have applied, once each). */
async function eventsOfTypes(types: readonly string[]): Promise<number> {
  const [{ n }] = (await dataSource.query('SELECT count(*)::int AS n FROM events WHERE type = ANY($1)', [types])) as Array<{ n: number }>;
  return n;
}

async function state(): Promise<Array<{ name: string; position: string | null; events_applied: string }>> {
  return dataSource.query('SELECT name, position, events_applied FROM projection_state ORDER BY name');
}

function event(type: string, data: Record<string, unknown>, occurredAt: string): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    data,
    metadata: { actor: TEST_ACTORS.justice, correlationId: randomUUID(), causationId: null, occurredAt, schemaVersion: 1 },
  };
}

beforeAll(async () => {
  db = await createTestDatabase();
  store = new PostgresEventStore(db.url);
  dataSource = createDataSource({ url: db.url });
  await dataSource.initialize();
  const cycleId = randomUUID();
  const consultationId = randomUUID();
  const policyAreaId = randomUUID();
  const scope = { cycleId, policyAreaId };
  const decisions = ['accepted', 'partially_accepted', 'not_accepted', 'out_of_scope', 'already_addressed', 'noted'];
  const commitmentId = randomUUID();
  let previous: string | null = null;
  for (let i = 0; i < CONTRIBUTIONS; i++) {
    const id = randomUUID();
    const day = `2020-09-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00.000Z`;
    const events = [
      event(
        'ContributionReceived',
        {
          contributionId: id,
          consultationId,
          ...scope,
          leadInstitution: 'Ministry of Justice',
          stakeholderId: null,
          channel: 'meeting',
          body: `Remark ${i} from the thematic meeting minutes`,
          commitmentId: null,
          receivedAt: day,
          late: false,
          source: null,
          personalDataSubject: null,
        },
        day,
      ),
    ];
    if (i % 7 === 3 && previous) {
      events.push(event('ContributionMarkedDuplicate', { contributionId: id, ...scope, canonicalId: previous }, '2020-10-01T10:00:00Z'));
    } else {
      const decision = decisions[i % decisions.length];
      events.push(
        event(
          'ContributionResponded',
          { contributionId: id, ...scope, responseNumber: 1, decision, rationale: `Reason ${i}`, commitmentIds: decision.includes('accepted') && !decision.startsWith('not') ? [commitmentId] : [] },
          '2020-10-05T10:00:00Z',
        ),
      );
      if (i % 3 === 0) events.push(event('ResponseReviewed', { contributionId: id, ...scope, responseNumber: 1, verdict: 'endorsed', comment: null }, '2020-10-06T10:00:00Z'));
      previous = id;
    }
    head = (await store.append(`contribution-${id}`, events, { expectedRevision: 'no_stream' })).position;
  }
}, 120_000);

afterAll(async () => {
  await dataSource.destroy();
  await store.close();
  await db.drop();
});

test('a projection worker killed with SIGKILL mid-log resumes exactly once: every table equals a fresh rebuild, every event applied once', async () => {
  const worker = startWorker();
  // Wait until it is part-way through the log, then kill it without warning.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const applied = (await state().catch(() => [])).map((r) => Number(r.events_applied));
    if (applied.some((n) => n > 200)) break;
    if (Date.now() > deadline) throw new Error('the worker never got going');
    await sleep(20);
  }
  worker.kill('SIGKILL');
  await once(worker, 'exit');
  const killedAt = await state();
  const accountabilityAtKill = killedAt.find((r) => r.name === 'accountability');
  expect(accountabilityAtKill?.position).not.toBe(head);

  const restarted = startWorker();
  try {
    const until = Date.now() + 90_000;
    for (;;) {
      const rows = await state();
      const behind = ALL_PROJECTIONS.filter((p) => {
        const row = rows.find((r) => r.name === p.name);
        return !row || (row.position !== head && store.comparePositions(row.position ?? '0:0', head) < 0);
      });
      // Projections that handle none of these events never move their position: they are done when their horizon passes head.
      const horizons = (await dataSource.query('SELECT name, horizon FROM projection_state')) as Array<{ name: string; horizon: string | null }>;
      const stillBehind = behind.filter((p) => {
        const h = horizons.find((r) => r.name === p.name)?.horizon;
        return !h || store.comparePositions(h, head) < 0;
      });
      if (stillBehind.length === 0) break;
      if (Date.now() > until) throw new Error(`not caught up: ${stillBehind.map((p) => p.name).join(', ')}`);
      await sleep(50);
    }
  } finally {
    const exited = once(restarted, 'exit');
    restarted.kill('SIGTERM');
    const timer = setTimeout(() => restarted.kill('SIGKILL'), 25_000);
    await exited;
    clearTimeout(timer);
  }

  const [{ n }] = (await dataSource.query('SELECT count(*)::int AS n FROM accountability')) as Array<{ n: number }>;
  expect(n).toBe(CONTRIBUTIONS);
  // Exactly once: the counter moves in the checkpoint's transaction, so it equals the events of
  // the projection's types in the log (a batch applied twice, or skipped, would show here).
  const final = await state();
  for (const definition of ALL_PROJECTIONS) {
    const applied = Number(final.find((r) => r.name === definition.name)?.events_applied ?? 0);
    expect({ projection: definition.name, applied }).toEqual({ projection: definition.name, applied: await eventsOfTypes(handledTypes(definition)) });
  }
  for (const definition of ALL_PROJECTIONS) {
    const fresh = await projectInBatches(dataSource, store, definition, 500);
    for (const table of definition.tables) {
      const live = await dataSource.query(`SELECT * FROM public.${quoteIdent(table)} t ORDER BY to_jsonb(t)::text`);
      expect({ table, rows: live }).toEqual({ table, rows: fresh[table] });
    }
  }
}, 240_000);
