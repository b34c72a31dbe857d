import { randomUUID } from 'node:crypto';
import { RecordBuilder } from '../support/record-builder.js';
import { ACTORS, WRITE_ENDPOINTS, WriteFixture, type ActorKey } from '../support/write-endpoints.js';

/**
 * Every write endpoint, sent by every kind of caller: anonymous, the POC, the LFP of the area, the
 * LFP of another area, the stakeholder acting as itself, another stakeholder impersonating it, and
 * an auditor. Those allowed succeed on a fresh target; every other attempt is 401/403 and appends
 * nothing.
 */
let r: RecordBuilder;
let fx: WriteFixture;

beforeAll(async () => {
  r = await RecordBuilder.start();
  fx = await WriteFixture.build(r);
}, 60_000);

afterAll(async () => {
  await r?.close();
});

async function appendedBy(requestId: string): Promise<number> {
  const { rows } = await r.db.query<{ n: string }>(`SELECT count(*) AS n FROM events WHERE metadata->>'requestId' = $1`, [requestId]);
  return Number(rows[0].n);
}

test('the matrix covers every POST route the service has', () => {
  const routes = new Set<string>();
  const router = (r.t.app.getHttpAdapter().getInstance() as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } }).router;
  for (const layer of router.stack) if (layer.route?.methods.post) routes.add(layer.route.path);
  // One catalogued endpoint per route (the catalogue names its targets with real ids).
  expect(WRITE_ENDPOINTS.length).toBe(routes.size);
});

describe.each(WRITE_ENDPOINTS.map((e) => [e.name, e] as const))('%s', (_, endpoint) => {
  test.each(ACTORS.map((a) => [a, endpoint.allowed.includes(a)] as const))('as %s (allowed: %s)', async (actor: ActorKey, allowed: boolean) => {
    const target = await endpoint.target(fx, actor);
    const requestId = randomUUID();
    const request = r.http.post(target.path).set({ ...fx.headers(actor), 'X-Request-Id': requestId });
    const res = target.raw ? await request.set('Content-Type', target.raw.contentType).send(target.raw.text) : await request.send(target.body);
    if (allowed) {
      expect({ status: res.status, body: res.status < 300 ? 'ok' : res.body }).toEqual({ status: expect.any(Number), body: 'ok' });
      expect([200, 201, 202]).toContain(res.status);
    } else {
      expect({ status: res.status, code: res.body.code }).toEqual({ status: actor === 'anonymous' ? 401 : 403, code: expect.stringMatching(/^(AUTH|CONTRIBUTION)\./) });
      expect(await appendedBy(requestId)).toBe(0);
    }
  });
});
