import { randomUUID } from 'node:crypto';
import { streams } from '../../src/shared/streams.js';
import { bearer } from '../support/app.js';
import { RecordBuilder, type CycleFixture } from '../support/record-builder.js';

// Each LFP reports on each thematic consultation; the POC gives structured feedback, accepts and
// publishes the reports on the OGP web (September–October 2020).
let r: RecordBuilder;
let cycle: CycleFixture;
let meeting: string;
let council: string;
let digitalSurvey: string;
let heard: string[];
let heardElsewhere: string;
let ahc: { id: string; token: string };

const SUMMARY = 'Twelve CSOs attended; priorities: online asset declarations, protection of whistleblowers.';
const unknownId = () => randomUUID();

beforeAll(async () => {
  r = await RecordBuilder.start();
  cycle = await r.openCycle();
  meeting = await r.announce(cycle, 'antiCorruption', { title: 'Anti-Corruption thematic group, 6 October 2020' });
  council = await r.announce(cycle, null, { kind: 'council_meeting', title: 'National Council for Civil Society' });
  digitalSurvey = await r.announce(cycle, 'digitalGovernance', { kind: 'survey', title: 'Digital Governance pre-consultation survey' });
  ahc = await r.stakeholder('cso', 'Albanian Helsinki Committee');
  heard = [await r.contribution(meeting, {}, ahc.token), await r.contribution(meeting)];
  heardElsewhere = await r.contribution(digitalSurvey, { channel: 'survey', body: 'Make e-Albania services work on mobile phones.' });
});

afterAll(async () => {
  await r.close();
});

const draft = (over: Record<string, unknown> = {}, token = r.lfp('antiCorruption')) =>
  r.http.post('/v1/reports').set(bearer(token)).send({ consultationId: meeting, summary: SUMMARY, contributionIds: heard, ...over });

const act = (reportId: string, action: string, body: object, token: string) =>
  r.http.post(`/v1/reports/${reportId}/${action}`).set(bearer(token)).send(body);

const FEEDBACK = { items: [{ section: 'Stakeholder contributions', comment: 'List each CSO comment with the response given.' }] };

/** A report of the Anti-Corruption meeting, taken as far as `stage`. */
async function report(stage: 'draft' | 'submitted' | 'accepted' = 'draft'): Promise<string> {
  const res = await draft();
  expect(res.status).toBe(201);
  const id = res.body.id as string;
  if (stage !== 'draft') expect((await act(id, 'submission', {}, r.lfp('antiCorruption'))).status).toBe(200);
  if (stage === 'accepted') expect((await act(id, 'acceptance', {}, r.poc)).status).toBe(200);
  return id;
}

describe('the consultation report, from draft to publication', () => {
  it('goes draft → submitted → feedback → revised → resubmitted → accepted → published, all kept', async () => {
    const created = await draft({ contributionIds: [heard[0], heard[1], heard[0]] });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), revision: 0, position: expect.any(String) });
    const id = created.body.id as string;
    const lfp = r.lfp('antiCorruption');

    expect((await act(id, 'submission', {}, lfp)).body).toMatchObject({ id, revision: 1 });
    expect((await act(id, 'feedback', FEEDBACK, r.poc)).status).toBe(200);
    const revised = await act(id, 'revisions', { summary: `${SUMMARY} Each comment is now listed with its response.` }, lfp);
    expect(revised.status).toBe(200);
    expect((await act(id, 'submission', {}, lfp)).status).toBe(200);
    expect((await act(id, 'feedback', { items: [{ section: 'Next steps', comment: 'Good.' }] }, r.poc)).status).toBe(200);
    expect((await act(id, 'acceptance', {}, r.poc)).status).toBe(200);
    const published = await act(id, 'publication', { url: 'https://ogp.gov.al/reports/anti-corruption-thematic-1.pdf' }, r.poc);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ id, revision: 7 });

    const events = await r.streamEvents(streams.report(id));
    expect(events.map((e) => e.type)).toEqual([
      'ReportDrafted',
      'ReportSubmitted',
      'ReportFeedbackGiven',
      'ReportRevised',
      'ReportSubmitted',
      'ReportFeedbackGiven',
      'ReportAccepted',
      'ReportPublished',
    ]);
    expect(events[0].data).toMatchObject({
      consultationId: meeting,
      cycleId: cycle.cycleId,
      policyAreaId: cycle.areas.antiCorruption,
      leadInstitution: 'Ministry of Justice',
      summary: SUMMARY,
      contributionIds: heard,
    });
    expect(events[2].data).toMatchObject({ round: 1, items: FEEDBACK.items });
    // Revised without contributionIds: the report keeps the ones it named.
    expect(events[3].data).toMatchObject({ revisionNumber: 1, contributionIds: heard });
    expect(events[5].data).toMatchObject({ round: 2 });
    expect(events[7].data).toMatchObject({ url: 'https://ogp.gov.al/reports/anti-corruption-thematic-1.pdf' });
  });

  it('lets the POC report on a consultation without a policy area, and publish without a url', async () => {
    const res = await draft({ consultationId: council, contributionIds: undefined }, r.poc);
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    await act(id, 'submission', {}, r.poc);
    await act(id, 'acceptance', {}, r.poc);
    expect((await act(id, 'publication', {}, r.poc)).status).toBe(200);
    const events = await r.streamEvents(streams.report(id));
    expect(events[0].data).toMatchObject({ policyAreaId: null, leadInstitution: null, contributionIds: [] });
    expect(events[3].data).toMatchObject({ url: null });
  });
});

describe('POST /v1/reports', () => {
  it('answers 400 naming each bad field, and appends nothing', async () => {
    const res = await r.expectRejected(
      () => draft({ consultationId: 'thematic-1', summary: '', contributionIds: ['first', heard[0]], template: 'v2' }),
      400,
      'VALIDATION.FAILED',
    );
    expect((res.body.errors as { field: string }[]).map((e) => e.field)).toEqual(
      expect.arrayContaining(['consultationId', 'summary', 'contributionIds', 'template']),
    );
    await r.expectRejected(() => draft({ summary: 'x'.repeat(20001) }), 400, 'VALIDATION.FAILED', 'summary');
    await r.expectRejected(() => draft({ contributionIds: heard[0] }), 400, 'VALIDATION.FAILED', 'contributionIds');
  });

  it('answers 401, and 403 to stakeholders, auditors and LFPs outside their areas', async () => {
    await r.expectRejected(() => r.http.post('/v1/reports').send({ consultationId: meeting, summary: SUMMARY }), 401, 'AUTH.REQUIRED');
    await r.expectRejected(() => draft({}, ahc.token), 403, 'AUTH.ROLE_NOT_ALLOWED');
    await r.expectRejected(() => draft({}, r.auditor), 403, 'AUTH.ROLE_NOT_ALLOWED');
    await r.expectRejected(() => draft({}, r.lfp('fiscalTransparency')), 403, 'AUTH.OUT_OF_SCOPE');
    await r.expectRejected(() => draft({ consultationId: council, contributionIds: [] }), 403, 'AUTH.OUT_OF_SCOPE');
  });

  it('answers 409 for an unknown consultation and contributions that are unknown or of another consultation', async () => {
    await r.expectRejected(() => draft({ consultationId: unknownId() }), 409, 'CONSULTATION.NOT_FOUND');
    await r.expectRejected(() => draft({ contributionIds: [heard[0], unknownId()] }), 409, 'CONTRIBUTION.NOT_FOUND', 'contributionIds');
    await r.expectRejected(() => draft({ contributionIds: [heardElsewhere] }), 409, 'CONTRIBUTION.OTHER_CONSULTATION', 'contributionIds');
  });

  it('answers an idempotent retry as the first time, appending nothing', async () => {
    const first = await draft().set('Idempotency-Key', 'moj-report-thematic-1');
    const count = await r.eventCount();
    const again = await draft().set('Idempotency-Key', 'moj-report-thematic-1');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await r.eventCount()).toBe(count);
    await r.expectRejected(() => draft({ summary: 'Another' }).set('Idempotency-Key', 'moj-report-thematic-1'), 409, 'IDEMPOTENCY.KEY_REUSED');
  });
});

describe('POST /v1/reports/:id/submission', () => {
  it('answers 400, 401, 403, 404 and 409 (not a draft), appending nothing', async () => {
    const id = await report('submitted');
    await r.expectRejected(() => act(id, 'submission', { urgent: true }, r.lfp('antiCorruption')), 400, 'VALIDATION.FAILED', 'urgent');
    await r.expectRejected(() => r.http.post(`/v1/reports/${id}/submission`), 401, 'AUTH.REQUIRED');
    await r.expectRejected(() => act(id, 'submission', {}, ahc.token), 403, 'AUTH.ROLE_NOT_ALLOWED');
    await r.expectRejected(() => act(id, 'submission', {}, r.lfp('digitalGovernance')), 403, 'AUTH.OUT_OF_SCOPE');
    await r.expectRejected(() => act(unknownId(), 'submission', {}, r.poc), 404, 'REPORT.NOT_FOUND');
    await r.expectRejected(() => act(id, 'submission', {}, r.lfp('antiCorruption')), 409, 'REPORT.NOT_DRAFT');
  });
});

describe('POST /v1/reports/:id/feedback', () => {
  it('answers 400 for missing or empty items, naming them, and appends nothing', async () => {
    const id = await report('submitted');
    await r.expectRejected(() => act(id, 'feedback', {}, r.poc), 400, 'VALIDATION.FAILED', 'items');
    await r.expectRejected(() => act(id, 'feedback', { items: [] }, r.poc), 400, 'VALIDATION.FAILED', 'items');
    await r.expectRejected(() => act(id, 'feedback', { items: [{ section: 'Summary' }] }, r.poc), 400, 'VALIDATION.FAILED', 'items.0.comment');
    await r.expectRejected(
      () => act(id, 'feedback', { items: [{ section: 'Summary', comment: 'x'.repeat(5001) }] }, r.poc),
      400,
      'VALIDATION.FAILED',
      'items.0.comment',
    );
    await r.expectRejected(() => act(id, 'feedback', { items: [{ section: ' ', comment: 'Fine' }] }, r.poc), 400, 'REPORT.FEEDBACK_REQUIRED', 'items');
  });

  it('answers 401, 403 (LFP), 404, and 409 unless the report is submitted', async () => {
    const id = await report('draft');
    await r.expectRejected(() => r.http.post(`/v1/reports/${id}/feedback`).send(FEEDBACK), 401, 'AUTH.REQUIRED');
    await r.expectRejected(() => act(id, 'feedback', FEEDBACK, r.lfp('antiCorruption')), 403, 'AUTH.ROLE_NOT_ALLOWED');
    await r.expectRejected(() => act(unknownId(), 'feedback', FEEDBACK, r.poc), 404, 'REPORT.NOT_FOUND');
    await r.expectRejected(() => act(id, 'feedback', FEEDBACK, r.poc), 409, 'REPORT.NOT_SUBMITTED');
    const revised = await report('submitted');
    await act(revised, 'revisions', { summary: 'Revised before any feedback' }, r.lfp('antiCorruption'));
    await r.expectRejected(() => act(revised, 'feedback', FEEDBACK, r.poc), 409, 'REPORT.NOT_SUBMITTED');
  });
});

describe('POST /v1/reports/:id/revisions', () => {
  it('replaces the contributions the report covers when it names them', async () => {
    const id = await report('submitted');
    const res = await act(id, 'revisions', { summary: 'Only the CSO comment', contributionIds: [heard[0]] }, r.lfp('antiCorruption'));
    expect(res.status).toBe(200);
    expect((await r.streamEvents(streams.report(id)))[2].data).toMatchObject({ revisionNumber: 1, contributionIds: [heard[0]] });
  });

  it('answers 400, 401, 403, 404, and 409 once accepted or for unknown contributions', async () => {
    const id = await report('accepted');
    const lfp = r.lfp('antiCorruption');
    await r.expectRejected(() => act(id, 'revisions', {}, lfp), 400, 'VALIDATION.FAILED', 'summary');
    await r.expectRejected(() => r.http.post(`/v1/reports/${id}/revisions`).send({ summary: 'x' }), 401, 'AUTH.REQUIRED');
    await r.expectRejected(() => act(id, 'revisions', { summary: 'x' }, r.lfp('accessToJustice')), 403, 'AUTH.OUT_OF_SCOPE');
    await r.expectRejected(() => act(unknownId(), 'revisions', { summary: 'x' }, lfp), 404, 'REPORT.NOT_FOUND');
    await r.expectRejected(() => act(id, 'revisions', { summary: 'x' }, lfp), 409, 'REPORT.ALREADY_ACCEPTED');
    const draftId = await report('draft');
    await r.expectRejected(() => act(draftId, 'revisions', { summary: 'x', contributionIds: [unknownId()] }, lfp), 409, 'CONTRIBUTION.NOT_FOUND', 'contributionIds');
  });
});

describe('POST /v1/reports/:id/acceptance', () => {
  it('answers 401, 403 (LFP), 404 and 409 unless submitted, appending nothing', async () => {
    const id = await report('draft');
    await r.expectRejected(() => r.http.post(`/v1/reports/${id}/acceptance`).send({}), 401, 'AUTH.REQUIRED');
    await r.expectRejected(() => act(id, 'acceptance', {}, r.lfp('antiCorruption')), 403, 'AUTH.ROLE_NOT_ALLOWED');
    await r.expectRejected(() => act(unknownId(), 'acceptance', {}, r.poc), 404, 'REPORT.NOT_FOUND');
    await r.expectRejected(() => act(id, 'acceptance', {}, r.poc), 409, 'REPORT.NOT_SUBMITTED');
    const accepted = await report('accepted');
    await r.expectRejected(() => act(accepted, 'acceptance', {}, r.poc), 409, 'REPORT.NOT_SUBMITTED');
  });
});

describe('POST /v1/reports/:id/publication', () => {
  it('answers 400 for a bad url, 401, 403 (LFP), 404 and 409 unless accepted, appending nothing', async () => {
    const id = await report('submitted');
    await r.expectRejected(() => act(id, 'publication', { url: 'the OGP web' }, r.poc), 400, 'VALIDATION.FAILED', 'url');
    await r.expectRejected(() => act(id, 'publication', { url: `https://ogp.gov.al/${'a'.repeat(2000)}` }, r.poc), 400, 'VALIDATION.FAILED', 'url');
    await r.expectRejected(() => r.http.post(`/v1/reports/${id}/publication`).send({}), 401, 'AUTH.REQUIRED');
    await r.expectRejected(() => act(id, 'publication', {}, r.lfp('antiCorruption')), 403, 'AUTH.ROLE_NOT_ALLOWED');
    await r.expectRejected(() => act(unknownId(), 'publication', {}, r.poc), 404, 'REPORT.NOT_FOUND');
    await r.expectRejected(() => act(id, 'publication', {}, r.poc), 409, 'REPORT.NOT_ACCEPTED');
  });

  it('takes an intranet url without a top-level domain', async () => {
    const id = await report('accepted');
    expect((await act(id, 'publication', { url: 'http://ogp-web/reports/1.pdf' }, r.poc)).status).toBe(200);
  });
});
