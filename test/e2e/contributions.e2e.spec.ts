import { randomUUID } from 'node:crypto';
import { PersonalDataVault } from '../../src/security/personal-data.vault.js';
import { streams } from '../../src/shared/streams.js';
import { bearer } from '../support/app.js';
import { RecordBuilder, type CycleFixture } from '../support/record-builder.js';

// Albania NAP 2020–2022: the Ministry of Justice's Anti-Corruption thematic meeting of 6 October 2020.
let r: RecordBuilder;
let cycle: CycleFixture;
let meeting: string;
let council: string;
let otherCycleMeeting: string;
let ahc: { id: string; token: string };
let idm: { id: string; token: string };
let citizen: { id: string; token: string };
let assetDeclarations: string;
let whistleblowers: string;
let otherCycleCommitment: string;

const unknownId = () => randomUUID();
const ASSETS_COMMENT = 'Publish the asset declarations of senior officials online, in a searchable format.';

beforeAll(async () => {
  r = await RecordBuilder.start();
  cycle = await r.openCycle();
  const previous = await r.openCycle('Albania NAP 2018–2020');
  meeting = await r.announce(cycle, 'antiCorruption', { title: 'Anti-Corruption thematic group, 6 October 2020' });
  council = await r.announce(cycle, null, { kind: 'council_meeting', title: 'National Council for Civil Society: draft plan' });
  otherCycleMeeting = await r.announce(previous, 'antiCorruption');
  ahc = await r.stakeholder('cso', 'Albanian Helsinki Committee');
  idm = await r.stakeholder('cso', 'Institute for Democracy and Mediation');
  citizen = await r.stakeholder('individual', 'Elira Hoxha');
  assetDeclarations = await r.commitment(cycle, 'antiCorruption', { title: 'Online register of asset declarations' });
  whistleblowers = await r.commitment(cycle, 'antiCorruption', { title: 'Protection of whistleblowers in public administration' });
  otherCycleCommitment = await r.commitment(previous, 'antiCorruption');
});

afterAll(async () => {
  await r.close();
});

const contribute = (over: Record<string, unknown> = {}, token = r.lfp('antiCorruption')) =>
  r.http.post('/v1/contributions').set(bearer(token)).send({ consultationId: meeting, channel: 'meeting', body: ASSETS_COMMENT, ...over });

const post = (contributionId: string, action: string, body: object, token: string) =>
  r.http.post(`/v1/contributions/${contributionId}/${action}`).set(bearer(token)).send(body);

const respond = (contributionId: string, over: Record<string, unknown> = {}, token = r.lfp('antiCorruption')) =>
  post(
    contributionId,
    'responses',
    {
      decision: 'partially_accepted',
      rationale: 'The online register becomes milestone 2 of the asset declarations commitment.',
      commitmentIds: [assetDeclarations],
      ...over,
    },
    token,
  );

const review = (contributionId: string, verdict: string, comment?: string) =>
  post(contributionId, 'review', comment === undefined ? { verdict } : { verdict, comment }, r.poc);

/** A contribution with an endorsed response, ready to publish. */
async function endorsed(): Promise<string> {
  const id = await r.contribution(meeting);
  expect((await respond(id)).status).toBe(200);
  expect((await review(id, 'endorsed')).status).toBe(200);
  return id;
}

describe('POST /v1/contributions', () => {
  it('takes a CSO comment submitted as itself, stored in plain text, and answers { id, revision, position }', async () => {
    const res = await contribute({ channel: 'online_comment', commitmentId: assetDeclarations }, ahc.token);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), revision: 0, position: expect.any(String) });

    const [received] = await r.streamEvents(streams.contribution(res.body.id));
    expect(received.type).toBe('ContributionReceived');
    expect(received.data).toMatchObject({
      contributionId: res.body.id,
      consultationId: meeting,
      cycleId: cycle.cycleId,
      policyAreaId: cycle.areas.antiCorruption,
      leadInstitution: 'Ministry of Justice',
      stakeholderId: ahc.id,
      channel: 'online_comment',
      body: ASSETS_COMMENT,
      commitmentId: assetDeclarations,
      late: false,
      source: null,
      personalDataSubject: null,
    });
    expect(Date.parse(received.data.receivedAt as string)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("stores an individual's text only encrypted", async () => {
    const text = 'As a citizen of Shkodër I waited eight months for a court decision to be published.';
    const res = await contribute({ channel: 'written', body: text }, citizen.token);
    expect(res.status).toBe(201);
    const [received] = await r.streamEvents(streams.contribution(res.body.id));
    expect(received.raw).not.toContain('Shkodër');
    expect(received.data.personalDataSubject).toBe(citizen.id);
    expect(await r.t.app.get(PersonalDataVault).decrypt(received.data.body as never)).toBe(text);
  });

  it('lets the LFP record a remark from the meeting minutes on behalf of a CSO, dated when it was made', async () => {
    const res = await contribute({ stakeholderId: idm.id, receivedAt: '2020-10-06T10:30:00Z', occurredAt: '2020-10-06T10:30:00Z' });
    expect(res.status).toBe(201);
    const [received] = await r.streamEvents(streams.contribution(res.body.id));
    expect(received.data).toMatchObject({ stakeholderId: idm.id, channel: 'meeting', receivedAt: '2020-10-06T10:30:00Z' });
  });

  it('lets the POC record anonymous input, also in a consultation without a policy area', async () => {
    const res = await contribute({ consultationId: council, channel: 'email' }, r.poc);
    expect(res.status).toBe(201);
    const [received] = await r.streamEvents(streams.contribution(res.body.id));
    expect(received.data).toMatchObject({ stakeholderId: null, policyAreaId: null, leadInstitution: null });
  });

  it('answers 400 naming each bad field, and appends nothing', async () => {
    const res = await r.expectRejected(
      () =>
        contribute({
          consultationId: 'meeting-6-october',
          channel: 'fax',
          body: '',
          commitmentId: 'asset-declarations',
          receivedAt: '6 October 2020',
          late: 'yes',
          favourite: true,
        }),
      400,
      'VALIDATION.FAILED',
    );
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['consultationId', 'channel', 'body', 'commitmentId', 'receivedAt', 'late', 'favourite']));
    await r.expectRejected(() => contribute({ body: 'x'.repeat(20001) }), 400, 'VALIDATION.FAILED', 'body');
    await r.expectRejected(() => contribute({ consultationId: undefined }), 400, 'VALIDATION.FAILED', 'consultationId');
  });

  it('refuses an explicit null stakeholderId: a stakeholder cannot pass anonymous input off as its own', async () => {
    await r.expectRejected(() => contribute({ stakeholderId: null }, ahc.token), 400, 'VALIDATION.FAILED', 'stakeholderId');
  });

  it('answers 401 without a token and 403 to auditors, other LFPs and a stakeholder speaking for another', async () => {
    await r.expectRejected(() => r.http.post('/v1/contributions').send({ consultationId: meeting, channel: 'meeting', body: 'x' }), 401, 'AUTH.REQUIRED');
    await r.expectRejected(() => contribute({}, r.auditor), 403, 'AUTH.ROLE_NOT_ALLOWED');
    await r.expectRejected(() => contribute({ stakeholderId: ahc.id }, r.lfp('fiscalTransparency')), 403, 'AUTH.OUT_OF_SCOPE');
    await r.expectRejected(() => contribute({ consultationId: council }, r.lfp('antiCorruption')), 403, 'AUTH.OUT_OF_SCOPE');
    await r.expectRejected(() => contribute({ stakeholderId: idm.id }, ahc.token), 403, 'AUTH.NOT_SELF');
  });

  it('answers 409 for ids in the body that are unknown or of another cycle', async () => {
    await r.expectRejected(() => contribute({ consultationId: unknownId() }), 409, 'CONSULTATION.NOT_FOUND');
    await r.expectRejected(() => contribute({ stakeholderId: unknownId() }), 409, 'STAKEHOLDER.NOT_FOUND', 'stakeholderId');
    await r.expectRejected(() => contribute({ commitmentId: unknownId() }), 409, 'COMMITMENT.NOT_FOUND', 'commitmentId');
    await r.expectRejected(() => contribute({ commitmentId: otherCycleCommitment }), 409, 'COMMITMENT.OTHER_CYCLE', 'commitmentId');
    await r.expectRejected(() => contribute({ consultationId: otherCycleMeeting, commitmentId: assetDeclarations }), 409, 'COMMITMENT.OTHER_CYCLE');
  });

  it('after closure takes a contribution only with late: true, and marks it late', async () => {
    const closed = await r.announce(cycle, 'antiCorruption', { title: 'Anti-Corruption thematic group, 13 October 2020' });
    await r.closeConsultation(closed);
    await r.expectRejected(() => contribute({ consultationId: closed }, ahc.token), 409, 'CONSULTATION.CLOSED');

    const late = await contribute({ consultationId: closed, late: true }, ahc.token);
    expect(late.status).toBe(201);
    expect((await r.streamEvents(streams.contribution(late.body.id)))[0].data.late).toBe(true);

    const open = await contribute({ late: true }, ahc.token);
    expect((await r.streamEvents(streams.contribution(open.body.id)))[0].data.late).toBe(false);
  });

  it('answers a retry with the same Idempotency-Key and body as the first time, appending nothing', async () => {
    const send = (body: string) => contribute({ body }, ahc.token).set('Idempotency-Key', 'ahc-comment-2020-10-06');
    const first = await send(ASSETS_COMMENT);
    expect(first.status).toBe(201);
    const count = await r.eventCount();
    const again = await send(ASSETS_COMMENT);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await r.eventCount()).toBe(count);
    await r.expectRejected(() => send('Another comment altogether'), 409, 'IDEMPOTENCY.KEY_REUSED');
  });
});

describe('POST /v1/contributions/:id/responses', () => {
  it('records the reasoned response of the LFP of the area', async () => {
    const id = await r.contribution(meeting);
    const res = await respond(id, { rationale: '  Taken up in milestone 2.  ', commitmentIds: [assetDeclarations, assetDeclarations] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id, revision: 1, position: expect.any(String) });
    const [, responded] = await r.streamEvents(streams.contribution(id));
    expect(responded).toMatchObject({
      type: 'ContributionResponded',
      data: { responseNumber: 1, decision: 'partially_accepted', rationale: 'Taken up in milestone 2.', commitmentIds: [assetDeclarations] },
    });
  });

  it('keeps the earlier response when a new one replaces it, and clears the review', async () => {
    const id = await r.contribution(meeting);
    expect((await respond(id, { decision: 'noted', rationale: 'Noted for the next plan.', commitmentIds: [] })).status).toBe(200);
    expect((await review(id, 'revision_requested', 'Say why it is not taken up now.')).status).toBe(200);
    expect((await respond(id, { decision: 'accepted', rationale: 'Taken up by the whistleblower commitment.', commitmentIds: [whistleblowers] })).status).toBe(200);
    // The review was of response 1: response 2 can be reviewed afresh.
    expect((await review(id, 'endorsed')).status).toBe(200);

    const events = await r.streamEvents(streams.contribution(id));
    expect(events.map((e) => [e.type, e.data.responseNumber ?? null])).toEqual([
      ['ContributionReceived', null],
      ['ContributionResponded', 1],
      ['ResponseReviewed', 1],
      ['ContributionResponded', 2],
      ['ResponseReviewed', 2],
    ]);
    expect(events[1].data).toMatchObject({ decision: 'noted', rationale: 'Noted for the next plan.' });
    expect(events[3].data).toMatchObject({ decision: 'accepted', commitmentIds: [whistleblowers] });
  });

  it('answers 400 to an empty rationale, a bad decision and a commitment-less acceptance, appending nothing', async () => {
    const id = await r.contribution(meeting);
    await r.expectRejected(() => respond(id, { rationale: '' }), 400, 'VALIDATION.FAILED', 'rationale');
    await r.expectRejected(() => respond(id, { rationale: '   ' }), 400, 'CONTRIBUTION.RATIONALE_REQUIRED', 'rationale');
    await r.expectRejected(() => respond(id, { decision: 'maybe' }), 400, 'VALIDATION.FAILED', 'decision');
    await r.expectRejected(() => respond(id, { decision: 'accepted', commitmentIds: undefined }), 400, 'CONTRIBUTION.COMMITMENT_REQUIRED', 'commitmentIds');
    await r.expectRejected(() => respond(id, { decision: 'partially_accepted', commitmentIds: [] }), 400, 'CONTRIBUTION.COMMITMENT_REQUIRED', 'commitmentIds');
    await r.expectRejected(() => respond(id, { commitmentIds: ['asset-declarations'] }), 400, 'VALIDATION.FAILED', 'commitmentIds');
    await r.expectRejected(() => respond(id, { rationale: 'x'.repeat(20001) }), 400, 'VALIDATION.FAILED', 'rationale');
  });

  it('answers 401, 403 (stakeholder, LFP of another area) and 404 (unknown contribution)', async () => {
    const id = await r.contribution(meeting);
    await r.expectRejected(() => r.http.post(`/v1/contributions/${id}/responses`).send({ decision: 'noted', rationale: 'x' }), 401, 'AUTH.REQUIRED');
    await r.expectRejected(() => respond(id, {}, ahc.token), 403, 'AUTH.ROLE_NOT_ALLOWED');
    await r.expectRejected(() => respond(id, {}, r.lfp('digitalGovernance')), 403, 'AUTH.OUT_OF_SCOPE');
    await r.expectRejected(() => respond(unknownId()), 404, 'CONTRIBUTION.NOT_FOUND');
  });

  it('answers 409 for commitments that are unknown, of another cycle or withdrawn', async () => {
    const id = await r.contribution(meeting);
    const dropped = await r.commitment(cycle, 'antiCorruption', { title: 'Anti-corruption hotline' });
    expect((await r.http.post(`/v1/commitments/${dropped}/withdrawal`).set(bearer(r.lfp('antiCorruption'))).send({})).status).toBe(200);
    await r.expectRejected(() => respond(id, { commitmentIds: [unknownId()] }), 409, 'COMMITMENT.NOT_FOUND', 'commitmentIds');
    await r.expectRejected(() => respond(id, { commitmentIds: [otherCycleCommitment] }), 409, 'COMMITMENT.OTHER_CYCLE', 'commitmentIds');
    await r.expectRejected(() => respond(id, { commitmentIds: [dropped] }), 409, 'COMMITMENT.WITHDRAWN', 'commitmentIds');
  });

  it('answers 409 to a response to a withdrawn contribution or to a duplicate', async () => {
    const withdrawn = await r.contribution(meeting, {}, ahc.token);
    expect((await post(withdrawn, 'withdrawal', {}, ahc.token)).status).toBe(200);
    await r.expectRejected(() => respond(withdrawn), 409, 'CONTRIBUTION.WITHDRAWN');

    const canonical = await r.contribution(meeting);
    const duplicate = await r.contribution(meeting);
    expect((await post(duplicate, 'duplicate-of', { canonicalId: canonical }, r.lfp('antiCorruption'))).status).toBe(200);
    await r.expectRejected(() => respond(duplicate), 409, 'CONTRIBUTION.IS_DUPLICATE');
  });

  it('answers a retried response as the first time and records no second response, even when the stored answer was lost', async () => {
    const id = await r.contribution(meeting);
    const first = await respond(id).set('Idempotency-Key', 'moj-response-asset-register');
    expect(first.status).toBe(200);
    const count = await r.eventCount();
    const again = await respond(id).set('Idempotency-Key', 'moj-response-asset-register');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    // As if the process died after appending but before recording the answer.
    await r.db.query(`DELETE FROM idempotency_keys WHERE key = 'moj-response-asset-register'`);
    const afterCrash = await respond(id).set('Idempotency-Key', 'moj-response-asset-register');
    expect(afterCrash.status).toBe(200);
    expect(afterCrash.body).toEqual(first.body);
    expect(await r.eventCount()).toBe(count);
    expect((await r.streamEvents(streams.contribution(id))).map((e) => e.type)).toEqual(['ContributionReceived', 'ContributionResponded']);
  });

  it('answers 409 when the client insists on a revision the record has moved past', async () => {
    const id = await r.contribution(meeting);
    expect((await respond(id, { expectedRevision: 0 })).status).toBe(200);
    const stale = await r.expectRejected(() => respond(id, { expectedRevision: 0 }), 409, 'CONCURRENCY.WRONG_EXPECTED_REVISION');
    expect(stale.body).toMatchObject({ expectedRevision: 0, actualRevision: 1 });
    await r.expectRejected(() => respond(id).set('If-Match', '"0"'), 409, 'CONCURRENCY.WRONG_EXPECTED_REVISION');
    expect((await respond(id).set('If-Match', '"1"')).status).toBe(200);
  });
});

describe('POST /v1/contributions/:id/review', () => {
  it('records the POC verdict on the current response', async () => {
    const id = await r.contribution(meeting);
    await respond(id);
    const res = await review(id, 'revision_requested', '  Name the milestone that takes it up.  ');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, revision: 2 });
    const events = await r.streamEvents(streams.contribution(id));
    expect(events[2]).toMatchObject({
      type: 'ResponseReviewed',
      data: { responseNumber: 1, verdict: 'revision_requested', comment: 'Name the milestone that takes it up.' },
    });
  });

  it('answers 400, 401, 403 (LFP) and 404, appending nothing', async () => {
    const id = await r.contribution(meeting);
    await respond(id);
    await r.expectRejected(() => review(id, 'approved'), 400, 'VALIDATION.FAILED', 'verdict');
    await r.expectRejected(() => review(id, 'endorsed', 'x'.repeat(5001)), 400, 'VALIDATION.FAILED', 'comment');
    await r.expectRejected(() => r.http.post(`/v1/contributions/${id}/review`).send({ verdict: 'endorsed' }), 401, 'AUTH.REQUIRED');
    await r.expectRejected(() => post(id, 'review', { verdict: 'endorsed' }, r.lfp('antiCorruption')), 403, 'AUTH.ROLE_NOT_ALLOWED');
    await r.expectRejected(() => review(unknownId(), 'endorsed'), 404, 'CONTRIBUTION.NOT_FOUND');
  });

  it('answers 409 without a response, after a review, and on a withdrawn contribution', async () => {
    const unanswered = await r.contribution(meeting);
    await r.expectRejected(() => review(unanswered, 'endorsed'), 409, 'CONTRIBUTION.NOT_RESPONDED');
    const reviewed = await endorsed();
    await r.expectRejected(() => review(reviewed, 'revision_requested'), 409, 'CONTRIBUTION.ALREADY_REVIEWED');
    const withdrawn = await r.contribution(meeting, {}, ahc.token);
    await respond(withdrawn);
    await post(withdrawn, 'withdrawal', { reason: 'Submitted twice by mistake' }, ahc.token);
    await r.expectRejected(() => review(withdrawn, 'endorsed'), 409, 'CONTRIBUTION.WITHDRAWN');
  });
});

describe('POST /v1/contributions/:id/publication', () => {
  it('publishes an endorsed response, with or without a body', async () => {
    const id = await endorsed();
    const res = await r.http.post(`/v1/contributions/${id}/publication`).set(bearer(r.poc));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, revision: 3 });
    expect((await r.streamEvents(streams.contribution(id)))[3]).toMatchObject({ type: 'ResponsePublished', data: { responseNumber: 1 } });
    expect((await post(await endorsed(), 'publication', { occurredAt: '2020-11-02T09:00:00Z' }, r.poc)).status).toBe(200);
  });

  it('answers 400, 401, 403 (LFP) and 404, appending nothing', async () => {
    const id = await endorsed();
    await r.expectRejected(() => post(id, 'publication', { url: 'https://ogp.gov.al' }, r.poc), 400, 'VALIDATION.FAILED', 'url');
    await r.expectRejected(() => r.http.post(`/v1/contributions/${id}/publication`).send({}), 401, 'AUTH.REQUIRED');
    await r.expectRejected(() => post(id, 'publication', {}, r.lfp('antiCorruption')), 403, 'AUTH.ROLE_NOT_ALLOWED');
    await r.expectRejected(() => post(unknownId(), 'publication', {}, r.poc), 404, 'CONTRIBUTION.NOT_FOUND');
  });

  it('answers 409 unless the current response is endorsed and unpublished, and for a duplicate', async () => {
    const unanswered = await r.contribution(meeting);
    await r.expectRejected(() => post(unanswered, 'publication', {}, r.poc), 409, 'CONTRIBUTION.NOT_RESPONDED');
    const sentBack = await r.contribution(meeting);
    await respond(sentBack);
    await review(sentBack, 'revision_requested');
    await r.expectRejected(() => post(sentBack, 'publication', {}, r.poc), 409, 'CONTRIBUTION.NOT_ENDORSED');
    const published = await endorsed();
    expect((await post(published, 'publication', {}, r.poc)).status).toBe(200);
    await r.expectRejected(() => post(published, 'publication', {}, r.poc), 409, 'CONTRIBUTION.ALREADY_PUBLISHED');
    const duplicate = await r.contribution(meeting);
    await post(duplicate, 'duplicate-of', { canonicalId: published }, r.poc);
    await r.expectRejected(() => post(duplicate, 'publication', {}, r.poc), 409, 'CONTRIBUTION.IS_DUPLICATE');
  });
});

describe('POST /v1/contributions/:id/withdrawal', () => {
  it('lets the author withdraw its contribution, keeping the reason', async () => {
    const id = await r.contribution(meeting, {}, ahc.token);
    const res = await post(id, 'withdrawal', { reason: ' Covered by the joint CSO statement. ' }, ahc.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, revision: 1 });
    expect((await r.streamEvents(streams.contribution(id)))[1]).toMatchObject({
      type: 'ContributionWithdrawn',
      data: { reason: 'Covered by the joint CSO statement.' },
    });
  });

  it('answers 400, 401, 403 (POC, LFP, another stakeholder) and 404, appending nothing', async () => {
    const id = await r.contribution(meeting, {}, ahc.token);
    await r.expectRejected(() => post(id, 'withdrawal', { reason: 42 }, ahc.token), 400, 'VALIDATION.FAILED', 'reason');
    await r.expectRejected(() => r.http.post(`/v1/contributions/${id}/withdrawal`).send({}), 401, 'AUTH.REQUIRED');
    await r.expectRejected(() => post(id, 'withdrawal', {}, r.poc), 403, 'AUTH.ROLE_NOT_ALLOWED');
    await r.expectRejected(() => post(id, 'withdrawal', {}, r.lfp('antiCorruption')), 403, 'AUTH.ROLE_NOT_ALLOWED');
    await r.expectRejected(() => post(id, 'withdrawal', {}, idm.token), 403, 'CONTRIBUTION.NOT_AUTHOR');
    await r.expectRejected(() => post(unknownId(), 'withdrawal', {}, ahc.token), 404, 'CONTRIBUTION.NOT_FOUND');
  });

  it('answers 409 to a second withdrawal', async () => {
    const id = await r.contribution(meeting, {}, ahc.token);
    await post(id, 'withdrawal', {}, ahc.token);
    await r.expectRejected(() => post(id, 'withdrawal', {}, ahc.token), 409, 'CONTRIBUTION.ALREADY_WITHDRAWN');
  });
});

describe('POST /v1/contributions/:id/redaction', () => {
  it('lets the POC redact a contribution with a reason; it can still be answered', async () => {
    const id = await r.contribution(meeting, { body: 'The director of the cadastre office, Mr X, takes bribes.' }, idm.token);
    const res = await post(id, 'redaction', { reason: 'Names a private person' }, r.poc);
    expect(res.status).toBe(200);
    expect((await r.streamEvents(streams.contribution(id)))[1]).toMatchObject({
      type: 'ContributionRedacted',
      data: { reason: 'Names a private person' },
    });
    expect((await respond(id)).status).toBe(200);
  });

  it('answers 400, 401, 403 (LFP) and 404, appending nothing', async () => {
    const id = await r.contribution(meeting);
    await r.expectRejected(() => post(id, 'redaction', {}, r.poc), 400, 'VALIDATION.FAILED', 'reason');
    await r.expectRejected(() => post(id, 'redaction', { reason: '  ' }, r.poc), 400, 'CONTRIBUTION.REASON_REQUIRED', 'reason');
    await r.expectRejected(() => r.http.post(`/v1/contributions/${id}/redaction`).send({ reason: 'x' }), 401, 'AUTH.REQUIRED');
    await r.expectRejected(() => post(id, 'redaction', { reason: 'x' }, r.lfp('antiCorruption')), 403, 'AUTH.ROLE_NOT_ALLOWED');
    await r.expectRejected(() => post(unknownId(), 'redaction', { reason: 'x' }, r.poc), 404, 'CONTRIBUTION.NOT_FOUND');
  });

  it('answers 409 to a second redaction', async () => {
    const id = await r.contribution(meeting);
    await post(id, 'redaction', { reason: 'Offensive language' }, r.poc);
    await r.expectRejected(() => post(id, 'redaction', { reason: 'again' }, r.poc), 409, 'CONTRIBUTION.ALREADY_REDACTED');
  });
});

describe('POST /v1/contributions/:id/duplicate-of', () => {
  const markDuplicate = (id: string, canonicalId: string, token = r.lfp('antiCorruption')) => post(id, 'duplicate-of', { canonicalId }, token);

  it('groups a contribution with the one it repeats', async () => {
    const canonical = await r.contribution(meeting, {}, ahc.token);
    const duplicate = await r.contribution(meeting, { body: 'Asset declarations should be online and searchable.' }, idm.token);
    const res = await markDuplicate(duplicate, canonical);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: duplicate, revision: 1 });
    expect((await r.streamEvents(streams.contribution(duplicate)))[1]).toMatchObject({
      type: 'ContributionMarkedDuplicate',
      data: { canonicalId: canonical, cycleId: cycle.cycleId },
    });
  });

  it('answers 400, 401, 403 (stakeholder, LFP of another area) and 404, appending nothing', async () => {
    const canonical = await r.contribution(meeting);
    const id = await r.contribution(meeting);
    await r.expectRejected(() => markDuplicate(id, 'the-first-one'), 400, 'VALIDATION.FAILED', 'canonicalId');
    await r.expectRejected(() => r.http.post(`/v1/contributions/${id}/duplicate-of`).send({ canonicalId: canonical }), 401, 'AUTH.REQUIRED');
    await r.expectRejected(() => markDuplicate(id, canonical, ahc.token), 403, 'AUTH.ROLE_NOT_ALLOWED');
    await r.expectRejected(() => markDuplicate(id, canonical, r.lfp('accessToJustice')), 403, 'AUTH.OUT_OF_SCOPE');
    await r.expectRejected(() => markDuplicate(unknownId(), canonical), 404, 'CONTRIBUTION.NOT_FOUND');
  });

  it('answers 409 to itself, a loop, a response of its own, and canonicals that are unknown, elsewhere or withdrawn', async () => {
    const a = await r.contribution(meeting);
    const b = await r.contribution(meeting);
    const c = await r.contribution(meeting);
    await r.expectRejected(() => markDuplicate(a, a), 409, 'CONTRIBUTION.SELF_DUPLICATE');
    expect((await markDuplicate(b, a)).status).toBe(200);
    expect((await markDuplicate(c, b)).status).toBe(200);
    // c → b → a: a cannot become a duplicate of c.
    const loop = await r.expectRejected(() => markDuplicate(a, c), 409, 'CONTRIBUTION.DUPLICATE_LOOP');
    expect(loop.body.chain).toEqual([b, a]);
    await r.expectRejected(() => markDuplicate(b, c), 409, 'CONTRIBUTION.ALREADY_DUPLICATE');

    const answered = await r.contribution(meeting);
    await respond(answered);
    await r.expectRejected(() => markDuplicate(answered, a), 409, 'CONTRIBUTION.ALREADY_RESPONDED');

    const fresh = await r.contribution(meeting);
    await r.expectRejected(() => markDuplicate(fresh, unknownId()), 409, 'CONTRIBUTION.CANONICAL_NOT_FOUND');
    const elsewhere = await r.contribution(otherCycleMeeting, {}, ahc.token);
    await r.expectRejected(() => markDuplicate(fresh, elsewhere), 409, 'CONTRIBUTION.OTHER_CYCLE');
    const withdrawn = await r.contribution(meeting, {}, ahc.token);
    await post(withdrawn, 'withdrawal', {}, ahc.token);
    await r.expectRejected(() => markDuplicate(fresh, withdrawn), 409, 'CONTRIBUTION.CANONICAL_WITHDRAWN');
  });
});
