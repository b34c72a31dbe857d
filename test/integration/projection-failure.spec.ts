import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { eventAppender } from '../support/projection-harness.js';

let db: TestDatabase;
let t: TestApp;
let poc: string;

type Status = { name: string; status: string; error: string | null; failedEventId: string | null; checkpoint: string | null };

async function statuses(app: TestApp): Promise<Status[]> {
  return (await app.http.get('/v1/admin/projections').set(bearer(poc))).body.items as Status[];
}

async function until<T>(what: string, fn: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  t = await startTestApp({ db });
  poc = await t.token({ sub: 'poc-1', role: 'poc', institution: 'Office of the Prime Minister' });
});

afterAll(async () => {
  await t.close();
  await db.drop();
});

test('a handler that throws stops only its projection, shows the failing event, and is retried on restart', async () => {
  const append = eventAppender(t.app.get<EventStore>(EVENT_STORE));
  const cycleId = randomUUID();
  // A redaction of a contribution no read model has seen: the projections that handle
  // redactions cannot apply it; those that do not handle it must not care.
  const bad = await append(`contribution-${randomUUID()}`, 'ContributionRedacted', { contributionId: randomUUID(), cycleId, policyAreaId: null, reason: 'Offensive language' });
  const consultationId = randomUUID();
  const announced = await append(`consultation-${consultationId}`, 'ConsultationAnnounced', {
    consultationId,
    cycleId,
    policyAreaId: null,
    leadInstitution: 'Office of the Prime Minister',
    kind: 'council_meeting',
    title: 'National Council for Civil Society',
    description: null,
    announcedAt: '2020-11-01T09:00:00Z',
    opensAt: '2020-11-16T09:00:00Z',
    closesAt: '2020-11-17T09:00:00Z',
  });

  const failed = await until('accountability to fail', async () => (await statuses(t)).find((s) => s.name === 'accountability' && s.status === 'failed'));
  const [badEvent] = await t.app.get<EventStore>(EVENT_STORE).readAll({ types: ['ContributionRedacted'] });
  expect(badEvent.position).toBe(bad.position);
  expect(failed.failedEventId).toBe(badEvent.eventId);
  expect(failed.error).toMatch(/ContributionRedacted/);

  // The others go on: the council meeting is in the list of consultations. (The summary counts
  // the accountability view's rows, so it waits for it: 503, naming it.)
  const list = await t.http.get('/v1/consultations').set(bearer(poc)).query({ cycleId, consistentWith: announced.position });
  expect(list.status).toBe(200);
  expect(list.body.items).toEqual([expect.objectContaining({ consultationId, title: 'National Council for Civil Society' })]);
  const summary = await t.http.get(`/v1/consultations/${consultationId}/summary`).set(bearer(poc)).query({ consistentWith: announced.position });
  expect(summary.status).toBe(503);
  expect(JSON.stringify(summary.body)).toContain('accountability');

  // A restart retries (and, the event being what it is, stops at the same event again).
  await t.close();
  t = await startTestApp({ db });
  const retried = await until('the retry to fail again', async () => {
    const s = (await statuses(t)).find((x) => x.name === 'accountability');
    return s?.status === 'failed' ? s : undefined;
  });
  expect(retried.failedEventId).toBe(badEvent.eventId);
}, 90_000);
