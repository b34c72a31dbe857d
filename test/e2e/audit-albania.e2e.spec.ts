import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import pg from 'pg';
import { runDemo, type DemoResult } from '../../demo/albania-2020.js';
import { fetchClient, type DemoClient, type DemoRequest, type DemoResponse } from '../../demo/client.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { bearer, startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/app.js';

/**
 * The audit questions on Albania's 2020–2022 record, replayed through the HTTP API by the demo:
 * the past as it was (asOf by position and by time, against what the live API answered at three
 * moments of the process), rebuild --compare (equal, then a tampered read-model row named), and
 * OGP co-creation compliance (no multi-stakeholder forum: forum_meets_regularly is not met).
 */
let t: TestApp;
let db: pg.Client;
let store: EventStore;
let demo: DemoResult;
let auditor: string;
let poc: string;

type Body = { status: number; body: unknown; text?: string };

interface Moment {
  phase: number;
  position: string;
  time: string;
  accountability: Map<string, Body>;
  history: Map<string, Body>;
  summary: Map<string, { official: Body; public: Body }>;
  matrix: Body;
  csv: Body;
}

/** Phases after which the live answers are recorded: surveys answered, drafting done, plan submitted. */
const CAPTURED_PHASES = [5, 7, 9];
const moments: Moment[] = [];

/** Watches the demo's answers for the ids it creates, and holds its next request while a moment is recorded. */
class Recorder implements DemoClient {
  gate: Promise<void> = Promise.resolve();
  /** The latest position a command answered: at a quiet moment, the end of the log. */
  position = '';
  cycleId = '';
  readonly consultations = new Set<string>();
  readonly contributions = new Set<string>();

  constructor(private readonly inner: DemoClient) {}

  async send(request: DemoRequest): Promise<DemoResponse> {
    await this.gate;
    const res = await this.inner.send(request);
    const body = res.body as { id?: string; contributionIds?: string[] };
    if (request.method === 'POST' && res.status < 300) {
      const position = (res.body as { position: string }).position;
      if (!this.position || store.comparePositions(position, this.position) > 0) this.position = position;
      if (request.path === '/v1/cycles') this.cycleId = body.id!;
      if (request.path === '/v1/consultations') this.consultations.add(body.id!);
      if (request.path === '/v1/contributions') this.contributions.add(body.id!);
      for (const id of body.contributionIds ?? []) this.contributions.add(id);
    }
    return res;
  }
}

async function read(url: string, token?: string, headers: Record<string, string> = {}): Promise<Body> {
  const req = t.http.get(url).set(headers);
  const res = await (token ? req.set(bearer(token)) : req);
  // A read model that had not caught up would make the comparison meaningless.
  if (res.status === 503) throw new Error(`GET ${url}: 503 ${JSON.stringify(res.body)}`);
  return { status: res.status, body: res.body, text: res.type === 'text/csv' ? res.text : undefined };
}

async function inChunks<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

/** What the live API answers now, at a quiet moment of the demo (nothing is being appended). */
async function capture(phase: number, recorder: Recorder): Promise<void> {
  const position = recorder.position;
  // Every command of the phase has answered: everything recorded by now is the record at this moment.
  const time = new Date().toISOString();
  const q = `consistentWith=${encodeURIComponent(position)}`;
  const moment: Moment = { phase, position, time, accountability: new Map(), history: new Map(), summary: new Map(), matrix: null!, csv: null! };
  await inChunks([...recorder.contributions], 8, async (id) => {
    moment.accountability.set(id, await read(`/v1/contributions/${id}/accountability?${q}`, auditor));
    moment.history.set(id, await read(`/v1/contributions/${id}/history?${q}`, auditor));
  });
  for (const id of recorder.consultations) {
    moment.summary.set(id, { official: await read(`/v1/consultations/${id}/summary?${q}`, auditor), public: await read(`/v1/consultations/${id}/summary?${q}`) });
  }
  moment.matrix = await read(`/v1/cycles/${recorder.cycleId}/reasoned-response?limit=500&${q}`);
  moment.csv = await read(`/v1/cycles/${recorder.cycleId}/reasoned-response?${q}`, undefined, { Accept: 'text/csv' });
  moments.push(moment);
}

const asOfPoints = (m: Moment) => [
  ['position', m.position],
  ['time', m.time],
] as const;

beforeAll(async () => {
  // The live answers of each moment wait for every read model to reach it, however long the demo's burst takes.
  t = await startTestApp({ overrides: { CONSISTENCY_TIMEOUT_MS: 60_000 } });
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  db = new pg.Client({ connectionString: t.db.url });
  await db.connect();
  store = t.app.get<EventStore>(EVENT_STORE);
  auditor = await t.token({ sub: 'irm-researcher', role: 'auditor' });
  poc = await t.token({ sub: 'poc-audit', role: 'poc', institution: 'Office of the Prime Minister' });
  const recorder = new Recorder(fetchClient(`http://127.0.0.1:${port}`));
  demo = await runDemo(recorder, {
    jwtSecret: TEST_JWT_SECRET,
    log: (line) => {
      const phase = Number(/^phase (\d+)\//.exec(line)?.[1]);
      if (CAPTURED_PHASES.includes(phase)) recorder.gate = capture(phase, recorder);
    },
  });
  await recorder.gate;
}, 600_000);

afterAll(async () => {
  await db?.end();
  await t?.close();
});

describe('asOf: the answers as the record stood then', () => {
  it('recorded three moments of the process, each later than the last', () => {
    expect(moments.map((m) => m.phase)).toEqual(CAPTURED_PHASES);
    for (let i = 1; i < moments.length; i++) {
      expect(store.comparePositions(moments[i - 1].position, moments[i].position)).toBeLessThan(0);
      expect(moments[i].accountability.size).toBeGreaterThan(moments[i - 1].accountability.size);
    }
  });

  it('accountability: asOf=<position> and asOf=<time> answer what the live API answered at each moment (404 before it existed)', async () => {
    for (const m of moments) {
      for (const [name, id] of Object.entries(demo.named)) {
        const then = m.accountability.get(id);
        for (const [, asOf] of asOfPoints(m)) {
          const now = await read(`/v1/contributions/${id}/accountability?asOf=${encodeURIComponent(asOf)}`, auditor);
          if (then) expect({ name, phase: m.phase, ...now }).toEqual({ name, phase: m.phase, status: then.status, body: then.body, text: undefined });
          else expect({ name, phase: m.phase, status: now.status }).toEqual({ name, phase: m.phase, status: 404 });
        }
      }
    }
    // The answer really moved: the revision-requested contribution was sent back, then endorsed and published.
    const id = demo.named.revisionRequested;
    const statuses = moments.map((m) => (m.accountability.get(id)?.body as { status?: string } | undefined)?.status ?? null);
    expect(new Set(statuses).size).toBeGreaterThan(1);
  }, 180_000);

  it('history: asOf answers the events the live history listed at each moment', async () => {
    const ids = [demo.named.canonical, demo.named.duplicate, demo.named.revisionRequested, demo.named.accepted, demo.named.individual, demo.named.withdrawn];
    for (const m of moments) {
      for (const id of ids) {
        const then = m.history.get(id);
        for (const [, asOf] of asOfPoints(m)) {
          const now = await read(`/v1/contributions/${id}/history?asOf=${encodeURIComponent(asOf)}`, auditor);
          if (!then) {
            expect(now.status).toBe(404);
            continue;
          }
          expect(now.status).toBe(200);
          expect((now.body as { events: unknown[] }).events).toEqual((then.body as { events: unknown[] }).events);
          expect((now.body as { asOf: string }).asOf).toBe(asOf);
        }
      }
    }
  }, 180_000);

  it('consultation summary: asOf answers the live counts of each moment, for officials and for the public', async () => {
    const keys = ['survey-ac', 'm1', 'public'];
    for (const m of moments) {
      for (const key of keys) {
        const id = demo.consultations[key];
        const then = m.summary.get(id);
        for (const [, asOf] of asOfPoints(m)) {
          const official = await read(`/v1/consultations/${id}/summary?asOf=${encodeURIComponent(asOf)}`, auditor);
          const anonymous = await read(`/v1/consultations/${id}/summary?asOf=${encodeURIComponent(asOf)}`);
          if (!then) {
            expect([key, official.status, anonymous.status]).toEqual([key, 404, 404]);
            continue;
          }
          expect({ key, phase: m.phase, body: official.body }).toEqual({ key, phase: m.phase, body: then.official.body });
          expect({ key, phase: m.phase, body: anonymous.body }).toEqual({ key, phase: m.phase, body: then.public.body });
        }
      }
    }
    // The public consultation was announced after the first moment, and counted more later.
    expect(moments[0].summary.has(demo.consultations.public)).toBe(false);
  }, 180_000);

  it('reasoned-response matrix: asOf answers the JSON and the CSV the live API published at each moment', async () => {
    for (const m of moments) {
      for (const [, asOf] of asOfPoints(m)) {
        const json = await read(`/v1/cycles/${demo.cycleId}/reasoned-response?limit=500&asOf=${encodeURIComponent(asOf)}`);
        expect({ phase: m.phase, body: json.body }).toEqual({ phase: m.phase, body: m.matrix.body });
        const csv = await read(`/v1/cycles/${demo.cycleId}/reasoned-response?asOf=${encodeURIComponent(asOf)}`, undefined, { Accept: 'text/csv' });
        expect(csv.text).toBe(m.csv.text);
      }
    }
    const rows = moments.map((m) => (m.matrix.body as { items: unknown[] }).items.length);
    expect(rows[0]).toBeGreaterThan(0);
    expect(rows[2]).toBeGreaterThan(rows[0]);
  }, 180_000);
});

/** `node dist/src/cli/main.js <args>` against this test's database. */
function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve('dist/src/cli/main.js'), ...args], {
      env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: t.db.url, EVENTSTORE_CONNECTION_STRING: '', AUTH_JWT_SECRET: TEST_JWT_SECRET, MASTER_KEY: t.config.MASTER_KEY!, LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const rebuildCompare = (...extra: string[]) => cli('rebuild', '--compare', ...extra);

describe('rebuild --compare', () => {
  it('says how to use it when --compare or a known projection is missing (exit 2)', async () => {
    const bare = await cli('rebuild');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/usage: npm run cli -- rebuild --compare/);
    const unknown = await rebuildCompare('--projection', 'nonesuch');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no projection named nonesuch; known: accountability, /);
  }, 120_000);

  it('finds every read model equal to its rebuild from the log, while the service keeps appending', async () => {
    let finished = false;
    const running = rebuildCompare().finally(() => (finished = true));
    // Late e-mails typed in for as long as the comparison runs: it must still compare like with like.
    let appended = 0;
    while (!finished) {
      const res = await t.http
        .post('/v1/contributions')
        .set(bearer(poc))
        .send({ consultationId: demo.consultations.public, channel: 'email', body: `Late comment ${appended} on the draft plan.`, late: true });
      expect(res.status).toBe(201);
      appended++;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(appended).toBeGreaterThan(5);
    const { code, stdout, stderr } = await running;
    expect({ code, stdout }).toEqual({ code: 0, stdout: expect.stringMatching(/all \d+ projections equal their rebuild from the log/) });
    for (const name of ['accountability', 'consultation-summary', 'contribution-links', 'compliance']) {
      expect(stdout).toMatch(new RegExp(`^${name} \\(v\\d+\\): equal`, 'm'));
    }
    expect(stderr).toMatch(/rebuilding from the log/);
    // Its scratch schemas are gone.
    const { rows } = await db.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'compare_%'`);
    expect(rows).toEqual([]);
  }, 300_000);

  it('names the table, the row, the column and both values of read-model rows altered in the database (exit 1)', async () => {
    const id = demo.named.accepted;
    const [before] = (await db.query('SELECT rationale FROM accountability WHERE contribution_id = $1', [id])).rows as Array<{ rationale: string }>;
    const [link] = (await db.query('SELECT to_jsonb(l) AS row FROM contribution_link l WHERE contribution_id = $1 LIMIT 1', [demo.named.canonical])).rows as Array<{
      row: { contribution_id: string; event_id: string };
    }>;
    await db.query(`UPDATE accountability SET rationale = 'Rejected.' WHERE contribution_id = $1`, [id]);
    await db.query('DELETE FROM contribution_link WHERE contribution_id = $1 AND event_id = $2', [link.row.contribution_id, link.row.event_id]);
    try {
      const { code, stdout } = await rebuildCompare();
      expect(code).toBe(1);
      expect(stdout).toMatch(/^accountability \(v\d+\): DIFFERENT — 1 of \d+ rows differ in accountability/m);
      expect(stdout).toContain(`accountability [contribution_id=${id}] rationale: live "Rejected." ≠ rebuilt ${JSON.stringify(before.rationale)}`);
      expect(stdout).toContain(`contribution_link [contribution_id=${link.row.contribution_id}, event_id=${link.row.event_id}]: in the rebuilt table only`);
      expect(stdout).toMatch(/^consultation-summary \(v\d+\): equal/m);
      expect(stdout).toMatch(/^2 of \d+ projections differ from the log$/m);

      const json = await rebuildCompare('--projection', 'accountability', '--json');
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout).projections[0].differences).toEqual([
        { table: 'accountability', key: { contribution_id: id }, column: 'rationale', live: 'Rejected.', rebuilt: before.rationale },
      ]);
    } finally {
      await db.query('UPDATE accountability SET rationale = $2 WHERE contribution_id = $1', [id, before.rationale]);
      await db.query('INSERT INTO contribution_link SELECT * FROM jsonb_populate_record(NULL::contribution_link, $1)', [link.row]);
    }
    expect((await rebuildCompare()).code).toBe(0);
  }, 300_000);
});

describe('GET /v1/cycles/:id/compliance on the Albania record', () => {
  it('finds no multi-stakeholder forum: forum_meets_regularly is not met, with the first consultation as evidence', async () => {
    const res = await t.http.get(`/v1/cycles/${demo.cycleId}/compliance`);
    expect(res.status).toBe(200);
    expect(res.body.thresholds).toEqual({ forumMaxGapDays: 183, timelineNoticeDays: 14, consultationNoticeDays: 14, repositoryUpdatesPerYear: 2 });
    const forum = res.body.checks.find((c: { id: string }) => c.id === 'forum_meets_regularly');
    expect(forum.status).toBe('not_met');
    expect(forum.detail).toMatch(/^0 forum meetings recorded; none before the first consultation/);
    expect(forum.findings).toEqual([expect.objectContaining({ kind: 'no_meeting_before_first_consultation' })]);
    const [first] = (
      await db.query(
        `SELECT event_id::text AS id FROM events WHERE type = 'ConsultationAnnounced'
          ORDER BY (data::jsonb->>'opensAt')::timestamptz, transaction_id, global_position LIMIT 1`,
      )
    ).rows as Array<{ id: string }>;
    expect(forum.evidence.map((e: { eventId: string }) => e.eventId)).toContain(first.id);
    const announced = forum.evidence.find((e: { eventId: string }) => e.eventId === first.id);
    expect(announced).toMatchObject({ type: 'ConsultationAnnounced', summary: expect.stringMatching(/^Consultation announced: "/) });
  });

  it('answers every check id, and lists the contributions that went without a published reasoned response', async () => {
    const res = await t.http.get(`/v1/cycles/${demo.cycleId}/compliance`);
    const byId = Object.fromEntries(res.body.checks.map((c: { id: string }) => [c.id, c]));
    expect(Object.keys(byId)).toEqual([
      'forum_meets_regularly',
      'timeline_published_in_advance',
      'consultation_notice',
      'repository_updated',
      'reasoned_response_published',
      'reports_published',
      'draft_publicly_consulted',
      'approval_and_submission_recorded',
    ]);
    const missing = byId.reasoned_response_published.findings.map((f: { contributionId: string }) => f.contributionId);
    expect(byId.reasoned_response_published.status).toBe('not_met');
    expect(missing).toEqual(expect.arrayContaining([demo.named.unanswered, demo.named.unreviewed, demo.named.unpublished, demo.named.late]));
    // Withdrawn ones are left out; a duplicate is covered by its published canonical; published ones are covered.
    expect(missing).not.toContain(demo.named.withdrawn);
    expect(missing).not.toContain(demo.named.duplicate);
    expect(missing).not.toContain(demo.named.accepted);
    expect(byId.reports_published.status).toBe('met');
    expect(byId.draft_publicly_consulted.status).toBe('met');
    expect(byId.approval_and_submission_recorded).toEqual(expect.objectContaining({ status: 'met', detail: expect.stringMatching(/^approved on 2020-12-17 .*submitted on 2020-12-30$/) }));
    // Anyone may read it: no personal data in it.
    expect(JSON.stringify(res.body)).not.toMatch(/"body"/);
  });
});
