import type { ComplianceCheck, ComplianceView } from '../../projections/compliance/compliance.rules.js';
import { INSTITUTIONS } from '../support/app.js';
import { AuditRecord, plusDays } from '../support/audit-record.js';

/**
 * GET /v1/cycles/:id/compliance: OGP's co-creation standards checked from the record. A cycle built
 * to meet every check, the same cycle under stricter thresholds, and a cycle still under way.
 */
let r: AuditRecord;
let model: { cycleId: string; areaId: string };
const ids: Record<string, string> = {};

const compliance = (cycleId: string) => r.get(`/v1/cycles/${cycleId}/compliance`);
const checksOf = (body: ComplianceView): Record<string, ComplianceCheck> => Object.fromEntries(body.checks.map((c) => [c.id, c]));
const statusesOf = (body: ComplianceView) => Object.fromEntries(body.checks.map((c) => [c.id, c.status]));

async function eventIds(type: string, streamId: string): Promise<string[]> {
  const { rows } = await r.db.query<{ id: string }>('SELECT event_id::text AS id FROM events WHERE type = $1 AND stream_id = $2 ORDER BY revision', [type, streamId]);
  return rows.map((x) => x.id);
}

/** A co-creation that does everything the standards ask, in 2021. */
async function buildModelCycle(): Promise<void> {
  model = await r.cycle('2021-01-04T09:00:00Z', 'Model NAP 2021–2023');
  const cycle = `/v1/cycles/${model.cycleId}`;
  const cso = await r.stakeholder('cso', 'Centre for Civic Oversight');
  const network = await r.stakeholder('cso', 'Open Budget Network');
  for (const [stage, title, dueDate] of [
    ['pre_consultation', 'Thematic consultations', '2021-02-20'],
    ['public_consultation', 'Public consultation of the draft', '2021-05-10'],
    ['submitted', 'Submission to OGP', '2021-06-30'],
  ]) {
    await r.post(`${cycle}/milestones`, r.poc, { stage, title, dueDate, occurredAt: '2021-01-05T09:00:00Z' });
  }
  await r.post(`${cycle}/forum-meetings`, r.poc, { heldAt: '2021-01-11T10:00:00Z', minutesUrl: 'https://ogp.example/forum/2021-01-11.pdf', attendeeIds: [cso.id, network.id], occurredAt: '2021-01-11T10:00:00Z' });
  await r.post(`${cycle}/stage`, r.poc, { stage: 'pre_consultation', occurredAt: '2021-01-12T09:00:00Z' });

  const thematic = (
    await r.post('/v1/consultations', r.lfp, {
      cycleId: model.cycleId,
      policyAreaId: model.areaId,
      kind: 'thematic_meeting',
      title: 'Anti-Corruption thematic group',
      announcedAt: '2021-01-25T09:00:00Z',
      opensAt: '2021-02-15T09:00:00Z',
      closesAt: '2021-02-20T17:00:00Z',
      occurredAt: '2021-01-25T09:00:00Z',
    })
  ).id;
  ids.thematic = thematic;
  await r.post(`/v1/consultations/${thematic}/materials`, r.lfp, { kind: 'agenda', title: 'Agenda', url: 'https://ogp.example/ac/agenda.pdf', occurredAt: '2021-02-01T09:00:00Z' });
  const commitment = (
    await r.post('/v1/commitments', r.lfp, {
      cycleId: model.cycleId,
      policyAreaId: model.areaId,
      title: 'Beneficial ownership register',
      problem: 'Owners of companies bidding for contracts are unknown.',
      description: 'Publish the beneficial owners of companies as open data.',
      ogpValues: ['transparency'],
      milestones: [{ title: 'Register online', dueDate: '2022-06-30' }],
      leadInstitution: INSTITUTIONS.justice,
      occurredAt: '2021-02-10T09:00:00Z',
    })
  ).id;
  const contribute = async (consultationId: string, token: string, body: string, at: string) =>
    (await r.post('/v1/contributions', token, { consultationId, channel: 'written', body, occurredAt: at })).id;
  ids.answered = await contribute(thematic, cso.token, 'Publish who owns the companies that win public contracts.', '2021-02-16T10:00:00Z');
  ids.duplicate = await contribute(thematic, network.token, 'Beneficial owners of contractors should be public.', '2021-02-16T11:00:00Z');
  ids.withdrawn = await contribute(thematic, network.token, 'A remark we take back.', '2021-02-17T11:00:00Z');
  await r.post(`/v1/contributions/${ids.withdrawn}/withdrawal`, network.token, { reason: 'Sent by mistake', occurredAt: '2021-02-18T09:00:00Z' });
  await r.post(`/v1/consultations/${thematic}/closure`, r.lfp, { occurredAt: '2021-02-20T17:00:00Z' });
  await r.post(`/v1/contributions/${ids.duplicate}/duplicate-of`, r.lfp, { canonicalId: ids.answered, occurredAt: '2021-02-28T09:00:00Z' });
  await answer(ids.answered, r.lfp, { decision: 'accepted', rationale: 'The register is commitment 1.', commitmentIds: [commitment] }, '2021-03-01');
  await report(thematic, r.lfp, '2021-03-05');

  await r.post(`${cycle}/forum-meetings`, r.poc, { heldAt: '2021-04-01T10:00:00Z', attendeeIds: [cso.id], occurredAt: '2021-04-01T10:00:00Z' });
  for (const [stage, at] of [
    ['thematic_consultation', '2021-02-01'],
    ['drafting', '2021-03-15'],
  ]) {
    await r.post(`${cycle}/stage`, r.poc, { stage, occurredAt: `${at}T09:00:00Z` });
  }
  await r.post(`${cycle}/draft-plans`, r.poc, { version: '0.9', url: 'https://ogp.example/draft-0.9.pdf', occurredAt: '2021-04-09T09:00:00Z' });
  const open = (
    await r.post('/v1/consultations', r.poc, {
      cycleId: model.cycleId,
      kind: 'public_consultation',
      title: 'Public consultation of the draft plan',
      announcedAt: '2021-04-10T09:00:00Z',
      opensAt: '2021-04-26T09:00:00Z',
      closesAt: '2021-05-10T17:00:00Z',
      occurredAt: '2021-04-10T09:00:00Z',
    })
  ).id;
  ids.public = open;
  await r.post(`${cycle}/stage`, r.poc, { stage: 'public_consultation', occurredAt: '2021-04-26T09:00:00Z' });
  ids.comment = await contribute(open, cso.token, 'Add a milestone on verifying the declared owners.', '2021-04-28T10:00:00Z');
  await r.post(`/v1/consultations/${open}/closure`, r.poc, { occurredAt: '2021-05-10T17:00:00Z' });
  await answer(ids.comment, r.poc, { decision: 'noted', rationale: 'Verification is part of the register law.' }, '2021-05-12');
  await report(open, r.poc, '2021-05-15');
  await r.post(`${cycle}/stage`, r.poc, { stage: 'approval', occurredAt: '2021-05-25T09:00:00Z' });
  await r.post(`${cycle}/approval`, r.poc, { body: 'Integrated Policy Management Group', decisionRef: 'GMIP 3/2021', approvedAt: '2021-06-01', occurredAt: '2021-06-01T09:00:00Z' });
  await r.post(`${cycle}/submission`, r.poc, { submittedAt: '2021-06-10', occurredAt: '2021-06-10T09:00:00Z' });
}

/** Responded on `day`, endorsed the next day, published the day after. */
async function answer(id: string, token: string, response: Record<string, unknown>, day: string): Promise<void> {
  await r.post(`/v1/contributions/${id}/responses`, token, { ...response, occurredAt: `${day}T09:00:00Z` });
  await r.post(`/v1/contributions/${id}/review`, r.poc, { verdict: 'endorsed', occurredAt: plusDays(`${day}T09:00:00Z`, 1) });
  await r.post(`/v1/contributions/${id}/publication`, r.poc, { occurredAt: plusDays(`${day}T09:00:00Z`, 2) });
}

/** Drafted on `day`, then submitted, accepted and published over the next days. */
async function report(consultationId: string, token: string, day: string): Promise<void> {
  const at = `${day}T09:00:00Z`;
  const { id } = await r.post('/v1/reports', token, { consultationId, summary: 'What was said and what became of it.', occurredAt: at });
  await r.post(`/v1/reports/${id}/submission`, token, { occurredAt: plusDays(at, 1) });
  await r.post(`/v1/reports/${id}/acceptance`, r.poc, { occurredAt: plusDays(at, 3) });
  await r.post(`/v1/reports/${id}/publication`, r.poc, { url: 'https://ogp.example/report.pdf', occurredAt: plusDays(at, 5) });
}

beforeAll(async () => {
  r = await AuditRecord.start();
  await buildModelCycle();
}, 180_000);

afterAll(async () => {
  await r?.close();
});

describe('GET /v1/cycles/:id/compliance', () => {
  it('a cycle that followed the standards: every check met, with the default thresholds', async () => {
    const res = await compliance(model.cycleId);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.objectContaining({
        cycleId: model.cycleId,
        approvedAt: '2021-06-01T00:00:00.000Z',
        submittedAt: '2021-06-10T00:00:00.000Z',
        thresholds: { forumMaxGapDays: 183, timelineNoticeDays: 14, consultationNoticeDays: 14, repositoryUpdatesPerYear: 2 },
      }),
    );
    expect(statusesOf(res.body)).toEqual({
      forum_meets_regularly: 'met',
      timeline_published_in_advance: 'met',
      consultation_notice: 'met',
      repository_updated: 'met',
      reasoned_response_published: 'met',
      reports_published: 'met',
      draft_publicly_consulted: 'met',
      approval_and_submission_recorded: 'met',
    });
  });

  it('names the events each verdict rests on', async () => {
    const checks = checksOf((await compliance(model.cycleId)).body);
    const cycleStream = `cycle-${model.cycleId}`;
    const ids_ = (check: { evidence: Array<{ eventId: string }> }) => check.evidence.map((e) => e.eventId);
    expect(ids_(checks.forum_meets_regularly)).toEqual(expect.arrayContaining(await eventIds('ForumMeetingHeld', cycleStream)));
    // Each piece of evidence says what it is, when it happened and where to fetch it.
    const meeting = checks.forum_meets_regularly.evidence.find((e: { type: string }) => e.type === 'ForumMeetingHeld')!;
    expect(meeting).toEqual({
      eventId: expect.any(String),
      type: 'ForumMeetingHeld',
      occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      summary: expect.stringMatching(/^Multi-stakeholder forum met on \d{4}-\d{2}-\d{2}/),
      href: `/v1/events/${meeting.eventId}`,
    });
    const fetched = await r.get(meeting.href, r.auditor);
    expect(fetched.status).toBe(200);
    // The whole event's summary may say more than the compliance facts keep (attendees).
    expect(fetched.body).toMatchObject({ eventId: meeting.eventId, type: 'ForumMeetingHeld', summary: expect.stringContaining(meeting.summary), view: 'full' });
    expect(checks.forum_meets_regularly.detail).toBe('2 forum meetings recorded; longest interval 80 days (at most 183)');
    expect(ids_(checks.approval_and_submission_recorded)).toEqual([...(await eventIds('PlanApproved', cycleStream)), ...(await eventIds('PlanSubmitted', cycleStream))]);
    // The duplicate is covered by its canonical's publication; the withdrawn one is left out.
    const published = [...(await eventIds('ResponsePublished', `contribution-${ids.answered}`)), ...(await eventIds('ResponsePublished', `contribution-${ids.comment}`))];
    expect(ids_(checks.reasoned_response_published)).toEqual(expect.arrayContaining(published));
    expect(checks.reasoned_response_published.detail).toMatch(/^3 of 3 contributions \(withdrawn ones left out\) had a published reasoned response by the submission on 2021-06-10/);
    expect(checks.draft_publicly_consulted.findings).toEqual([expect.objectContaining({ version: '0.9', consultationId: ids.public })]);
  });

  it('applies the thresholds the POC sets: stricter ones turn the forum, notice and repository checks to not_met', async () => {
    await r.post(`/v1/cycles/${model.cycleId}/compliance-thresholds`, r.poc, { forumMaxGapDays: 60, consultationNoticeDays: 20, repositoryUpdatesPerYear: 12 });
    const res = await compliance(model.cycleId);
    expect(res.body.thresholds).toEqual({ forumMaxGapDays: 60, timelineNoticeDays: 14, consultationNoticeDays: 20, repositoryUpdatesPerYear: 12 });
    const checks = checksOf(res.body);
    expect(checks.forum_meets_regularly.status).toBe('not_met');
    expect(checks.forum_meets_regularly.findings.map((f) => [f.kind, f.days])).toEqual([
      ['gap', 80],
      ['gap', 69],
    ]);
    expect(checks.consultation_notice.status).toBe('not_met');
    expect(checks.consultation_notice.findings).toEqual([expect.objectContaining({ consultationId: ids.public, noticeDays: 16 })]);
    expect(checks.repository_updated.status).toBe('not_met');
    expect(checks.reasoned_response_published.status).toBe('met');

    await r.post(`/v1/cycles/${model.cycleId}/compliance-thresholds`, r.poc, { forumMaxGapDays: 183, consultationNoticeDays: 14, repositoryUpdatesPerYear: 2 });
    expect(Object.values(statusesOf((await compliance(model.cycleId)).body))).toEqual(Array(8).fill('met'));
  });

  it('a cycle still under way: pending where the process can still comply, not_met where a breach is already final', async () => {
    const now = Date.now();
    const ago = (days: number) => new Date(now - days * 86_400_000).toISOString();
    const { cycleId, areaId } = await r.cycle(ago(40), 'NAP under way');
    const cso = await r.stakeholder('cso', 'Watchdog under way');
    await r.post(`/v1/cycles/${cycleId}/milestones`, r.poc, { stage: 'pre_consultation', title: 'Thematic consultations', dueDate: ago(-30).slice(0, 10), occurredAt: ago(38) });
    await r.post(`/v1/cycles/${cycleId}/forum-meetings`, r.poc, { heldAt: ago(35), attendeeIds: [cso.id], occurredAt: ago(35) });
    const consultation = async (title: string, announced: number, opens: number) =>
      (
        await r.post('/v1/consultations', r.lfp, {
          cycleId,
          policyAreaId: areaId,
          kind: 'thematic_meeting',
          title,
          announcedAt: ago(announced),
          opensAt: ago(opens),
          closesAt: ago(-30),
          occurredAt: ago(announced),
        })
      ).id;
    const first = await consultation('First thematic group', 30, 10);
    const hasty = await consultation('Hasty thematic group', 3, -2);
    const { id: unanswered } = await r.post('/v1/contributions', cso.token, { consultationId: first, channel: 'written', body: 'Still waiting for an answer.', occurredAt: ago(5) });

    const res = await compliance(cycleId);
    expect(res.status).toBe(200);
    expect(res.body.submittedAt).toBeNull();
    expect(statusesOf(res.body)).toEqual({
      forum_meets_regularly: 'pending',
      timeline_published_in_advance: 'met',
      consultation_notice: 'not_met',
      repository_updated: 'pending',
      reasoned_response_published: 'pending',
      reports_published: 'pending',
      draft_publicly_consulted: 'pending',
      approval_and_submission_recorded: 'pending',
    });
    const checks = checksOf(res.body);
    expect(checks.consultation_notice.findings).toEqual([expect.objectContaining({ consultationId: hasty, noticeDays: 5 })]);
    expect(checks.reasoned_response_published.findings).toEqual([{ contributionId: unanswered, consultationId: first, reason: 'no_response' }]);
    expect(checks.reasoned_response_published.detail).toMatch(/so far.*decided at submission$/);
    expect(checks.approval_and_submission_recorded.detail).toBe('not approved yet');
    // Opened 40 days ago, met 35 days ago, nothing since: the longest interval runs to today.
    expect(checks.forum_meets_regularly.detail).toBe('1 forum meeting recorded; longest interval 35 days (at most 183); decided at submission');
  });

  it('is public (no personal data) and answers 404 for a cycle that does not exist', async () => {
    const anonymous = await r.http.get(`/v1/cycles/${model.cycleId}/compliance`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.text).not.toMatch(/Publish who owns|Centre for Civic Oversight/);
    for (const id of ['8a0c8a52-1b8e-4c43-9a55-0b8c8b0f7d11', 'nope']) {
      const res = await r.http.get(`/v1/cycles/${id}/compliance`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });
});
