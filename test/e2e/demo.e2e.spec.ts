import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { runDemo, type DemoResult } from '../../demo/albania-2020.js';
import { fetchClient, type DemoClient } from '../../demo/client.js';
import { DECISIONS } from '../../demo/data.js';
import { signToken } from '../../src/security/tokens.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/app.js';

/**
 * `npm run demo` against the real service over real HTTP: the whole Albania 2020 record, then the
 * same run again, which must replay every answer and append nothing.
 */
let t: TestApp;
let db: pg.Client;
let client: DemoClient;
let first: DemoResult;

const eventCount = async () => Number((await db.query('SELECT count(*) AS n FROM events')).rows[0].n);

beforeAll(async () => {
  // The read checks below wait for the projections to catch up with a few thousand events.
  t = await startTestApp({ overrides: { CONSISTENCY_TIMEOUT_MS: 60_000 } });
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  client = fetchClient(`http://127.0.0.1:${port}`);
  db = new pg.Client({ connectionString: t.db.url });
  await db.connect();
  first = await runDemo(client, { jwtSecret: TEST_JWT_SECRET });
}, 180_000);

afterAll(async () => {
  await db?.end();
  await t?.close();
});

describe('the Albania 2020–2022 demo', () => {
  it('records the process the seed documents describe', () => {
    const s = first.summary;
    expect(s.stakeholders).toBeGreaterThanOrEqual(150);
    expect(s.stakeholdersByKind.cso).toBeGreaterThan(s.stakeholders / 2);
    expect(s.stakeholdersByKind).toEqual(expect.objectContaining({ individual: expect.any(Number), academia: expect.any(Number), private_sector: expect.any(Number), international: expect.any(Number) }));
    expect(s.invitedStakeholders).toBeGreaterThanOrEqual(200);
    expect(s.consultationsByKind).toEqual({ survey: 4, thematic_meeting: 7, public_consultation: 1, council_meeting: 1 });
    for (const decision of DECISIONS) expect(s.byDecision[decision]).toBeGreaterThan(0);
    expect(s.duplicates).toBeGreaterThan(0);
    expect(s.withdrawn).toBeGreaterThan(0);
    expect(s.revisionRequests).toBeGreaterThan(0);
    expect(s.unanswered).toBeGreaterThan(0);
    expect(s.byStatus.endorsed + s.byStatus.responded).toBeGreaterThan(0); // left unpublished
    expect(s.reports).toBe(13);
    expect(s.reportsPublished).toBe(13);
    expect(s.commitments).toBe(12);
    expect(s.commitmentRevisions).toBeGreaterThan(s.commitments);
    expect(s.milestonesCompleted).toBe(s.milestones);
    expect(s.forumMeetings).toBe(0);
    expect(s.stage).toBe('submitted');
  });

  it('ends the cycle stream with the GMIP approval and the submission to OGP, and has no forum meeting', async () => {
    const { rows } = await db.query<{ type: string; data: { body?: string } }>(
      `SELECT type, data FROM events WHERE stream_id = $1 ORDER BY revision DESC LIMIT 2`,
      [`cycle-${first.cycleId}`],
    );
    expect(rows.map((r) => r.type)).toEqual(['PlanSubmitted', 'PlanApproved']);
    expect(rows[1].data.body).toMatch(/Integrated Policy Management Group/);
    const forum = await db.query(`SELECT count(*) AS n FROM events WHERE type = 'ForumMeetingHeld'`);
    expect(Number(forum.rows[0].n)).toBe(0);
  });

  it('backfills 2020 dates on every event, and records each part of a contribution’s life', async () => {
    const { rows } = await db.query<{ year: string; n: string }>(
      `SELECT substr(metadata->>'occurredAt', 1, 4) AS year, count(*) AS n FROM events GROUP BY 1`,
    );
    expect(rows).toEqual([{ year: '2020', n: expect.any(String) }]);
    const types = await db.query<{ type: string }>(`SELECT DISTINCT type FROM events`);
    expect(types.rows.map((r) => r.type)).toEqual(
      expect.arrayContaining([
        'SurveyResponseSubmitted',
        'ContributionReceived',
        'ContributionResponded',
        'ResponseReviewed',
        'ResponsePublished',
        'ContributionWithdrawn',
        'ContributionMarkedDuplicate',
        'ReportFeedbackGiven',
        'ReportRevised',
        'ReportPublished',
        'CommitmentRevised',
        'DraftPlanPublished',
      ]),
    );
    const sentBack = await db.query(`SELECT count(*) AS n FROM events WHERE type = 'ResponseReviewed' AND data->>'verdict' = 'revision_requested'`);
    expect(Number(sentBack.rows[0].n)).toBe(first.summary.revisionRequests);
  });

  it('names contributions that later checks can look up', async () => {
    const named = Object.values(first.named);
    expect(new Set(named).size).toBe(named.length);
    const streams = named.map((id) => `contribution-${id}`);
    const { rows } = await db.query<{ stream_id: string; types: string[] }>(
      `SELECT stream_id, array_agg(type ORDER BY revision) AS types FROM events WHERE stream_id = ANY($1) GROUP BY stream_id`,
      [streams],
    );
    const history = Object.fromEntries(rows.map((r) => [r.stream_id.slice('contribution-'.length), r.types]));
    expect(history[first.named.withdrawn]).toContain('ContributionWithdrawn');
    expect(history[first.named.duplicate]).toEqual(['ContributionReceived', 'ContributionMarkedDuplicate']);
    expect(history[first.named.unanswered]).toEqual(['ContributionReceived']);
    expect(history[first.named.late]).toEqual(['ContributionReceived']);
    expect(history[first.named.unreviewed]).toEqual(['ContributionReceived', 'ContributionResponded']);
    expect(history[first.named.unpublished]).toEqual(['ContributionReceived', 'ContributionResponded', 'ResponseReviewed']);
    expect(history[first.named.revisionRequested]).toEqual([
      'ContributionReceived',
      'ContributionResponded',
      'ResponseReviewed',
      'ContributionResponded',
      'ResponseReviewed',
      'ResponsePublished',
    ]);
    expect(history[first.named.accepted].at(-1)).toBe('ResponsePublished');
  });

  it('fails the forum check, as the OGP review found, and meets the checks Albania did meet', async () => {
    const poc = await signToken(TEST_JWT_SECRET, first.actors.poc);
    const res = await client.send({ method: 'GET', path: `/v1/cycles/${first.cycleId}/compliance?consistentWith=${first.position}`, token: poc });
    expect(res.status).toBe(200);
    const status = Object.fromEntries((res.body as { checks: { id: string; status: string }[] }).checks.map((c) => [c.id, c.status]));
    expect(status).toEqual(
      expect.objectContaining({
        forum_meets_regularly: 'not_met',
        timeline_published_in_advance: 'met',
        consultation_notice: 'met',
        repository_updated: 'met',
        // Some contributions are left unanswered or unpublished on purpose.
        reasoned_response_published: 'not_met',
        reports_published: 'met',
        draft_publicly_consulted: 'met',
        approval_and_submission_recorded: 'met',
      }),
    );
  });

  it('answers "what is still unanswered?" with the contributions left so', async () => {
    const poc = await signToken(TEST_JWT_SECRET, first.actors.poc);
    const res = await client.send({
      method: 'GET',
      path: `/v1/contributions?cycleId=${first.cycleId}&status=received&limit=100&consistentWith=${first.position}`,
      token: poc,
    });
    expect(res.status).toBe(200);
    const ids = (res.body as { items: { contributionId: string }[] }).items.map((i) => i.contributionId);
    expect(ids).toEqual(expect.arrayContaining([first.named.unanswered, first.named.late]));
    expect(ids).toHaveLength(first.summary.unanswered);
  });

  it('answers "was this comment addressed?" right for every decision, duplicates, withdrawals and revisions requested', async () => {
    const poc = await signToken(TEST_JWT_SECRET, first.actors.poc);
    const ask = async (id: string, token?: string) =>
      client.send({ method: 'GET', path: `/v1/contributions/${id}/accountability?consistentWith=${first.position}`, token });
    const answer = async (id: string) => {
      const res = await ask(id, poc);
      expect(res.status).toBe(200);
      return res.body as Record<string, unknown>;
    };
    const n = first.named;
    for (const [key, decision] of [
      ['accepted', 'accepted'],
      ['partiallyAccepted', 'partially_accepted'],
      ['notAccepted', 'not_accepted'],
      ['outOfScope', 'out_of_scope'],
      ['alreadyAddressed', 'already_addressed'],
      ['noted', 'noted'],
    ] as const) {
      const a = await answer(n[key]);
      expect({ key, decision: a.decision, addressed: a.addressed, rationale: typeof a.rationale }).toEqual({ key, decision, addressed: true, rationale: 'string' });
      if (decision === 'accepted' || decision === 'partially_accepted') expect((a.commitmentIds as string[]).length).toBeGreaterThan(0);
    }
    expect(await answer(n.accepted)).toMatchObject({ status: 'published', reviewVerdict: 'endorsed' });

    const canonical = await answer(n.canonical);
    expect(await answer(n.duplicate)).toMatchObject({
      status: 'duplicate',
      duplicateOf: n.canonical,
      decision: canonical.decision,
      rationale: canonical.rationale,
      commitmentIds: canonical.commitmentIds,
      addressed: canonical.addressed,
    });
    expect(await answer(n.withdrawn)).toMatchObject({ status: 'withdrawn', withdrawn: true });
    // Sent back by the POC, answered again, endorsed and published: addressed, second response.
    expect(await answer(n.revisionRequested)).toMatchObject({ status: 'published', addressed: true, responseNumber: 2 });
    expect(await answer(n.unanswered)).toMatchObject({ status: 'received', addressed: false, decision: null });
    expect(await answer(n.unreviewed)).toMatchObject({ status: 'responded', addressed: true, reviewVerdict: null });
    expect(await answer(n.unpublished)).toMatchObject({ status: 'endorsed', publishedAt: null });
    // The public sees published answers only, and never an individual's text.
    expect((await ask(n.unpublished)).status).toBe(404);
    expect((await ask(n.accepted)).status).toBe(200);
    const individual = await answer(n.individual);
    expect(typeof individual.body).toBe('string');
    // Published, so the public sees the outcome, but never the individual's words.
    const publicIndividual = await ask(n.individual);
    expect(publicIndividual.status).toBe(200);
    expect(publicIndividual.body).toMatchObject({ body: null, status: 'published' });
  });

  it('appends nothing and answers the same ids when run a second time', async () => {
    const before = await eventCount();
    const second = await runDemo(client, { jwtSecret: TEST_JWT_SECRET });
    expect(await eventCount()).toBe(before);
    expect(second.ids).toEqual(first.ids);
    expect(second.named).toEqual(first.named);
    expect(second.summary.replayed).toBe(second.summary.requests);
    expect(first.summary.replayed).toBe(0);
    expect({ ...second.summary, replayed: 0 }).toEqual(first.summary);
    expect(second.durationMs).toBeLessThan(60_000);
  }, 120_000);
});
