import { randomUUID } from 'node:crypto';
import { streams } from '../../src/shared/streams.js';
import { bearer } from '../support/app.js';
import { RecordBuilder, type CycleFixture } from '../support/record-builder.js';

// October 2020: the LFPs draft the commitments of their areas, then revise them on the CSOs' comments.
let r: RecordBuilder;
let cycle: CycleFixture;
let previous: CycleFixture;
let meeting: string;
let ahc: { id: string; token: string };

const unknownId = () => randomUUID();

const REGISTER = {
  title: 'Online register of asset declarations of senior officials',
  problem: 'Asset declarations are public only on written request, one by one, months after filing.',
  description: 'HIDAACI publishes every declaration of senior officials online, in a searchable open format.',
  ogpValues: ['transparency', 'accountability'],
  milestones: [
    { title: 'Legal basis for online publication adopted', dueDate: '2021-06-30' },
    { title: 'Online register launched', dueDate: '2022-03-31' },
  ],
  leadInstitution: 'Ministry of Justice',
};

beforeAll(async () => {
  r = await RecordBuilder.start();
  cycle = await r.openCycle();
  previous = await r.openCycle('Albania NAP 2018–2020');
  meeting = await r.announce(cycle, 'antiCorruption');
  ahc = await r.stakeholder('cso', 'Albanian Helsinki Committee');
});

afterAll(async () => {
  await r.close();
});

const draft = (over: Record<string, unknown> = {}, token = r.lfp('antiCorruption')) =>
  r.http
    .post('/v1/commitments')
    .set(bearer(token))
    .send({ cycleId: cycle.cycleId, policyAreaId: cycle.areas.antiCorruption, ...REGISTER, ...over });

const act = (commitmentId: string, action: string, body: object, token = r.lfp('antiCorruption')) =>
  r.http.post(`/v1/commitments/${commitmentId}/${action}`).set(bearer(token)).send(body);

describe('POST /v1/commitments', () => {
  it("drafts a commitment in OGP's template, as the LFP of the area", async () => {
    const res = await draft({ supportingInstitutions: ['High Inspectorate of Declaration and Audit of Assets'] });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), revision: 0, position: expect.any(String) });
    const [drafted] = await r.streamEvents(streams.commitment(res.body.id));
    expect(drafted).toMatchObject({
      type: 'CommitmentDrafted',
      data: {
        commitmentId: res.body.id,
        cycleId: cycle.cycleId,
        policyAreaId: cycle.areas.antiCorruption,
        ...REGISTER,
        supportingInstitutions: ['High Inspectorate of Declaration and Audit of Assets'],
        areaLeadInstitution: 'Ministry of Justice',
      },
    });
  });

  it('lets the POC draft in any area; the implementing institution may differ from the area lead', async () => {
    const res = await draft({ policyAreaId: cycle.areas.fiscalTransparency, leadInstitution: 'General Directorate of Taxation' }, r.poc);
    expect(res.status).toBe(201);
    const [drafted] = await r.streamEvents(streams.commitment(res.body.id));
    expect(drafted.data).toMatchObject({ leadInstitution: 'General Directorate of Taxation', areaLeadInstitution: 'Ministry of Finance', supportingInstitutions: [] });
  });

  it('answers 400 naming each bad field, and appends nothing', async () => {
    const res = await r.expectRejected(
      () =>
        draft({
          cycleId: 'nap-2020',
          policyAreaId: 42,
          title: '',
          problem: 'x'.repeat(20001),
          ogpValues: ['transparency', 'efficiency'],
          milestones: [{ title: 'Launch', dueDate: 'end of June' }],
          leadInstitution: undefined,
          budget: 100000,
        }),
      400,
      'VALIDATION.FAILED',
    );
    expect((res.body.errors as { field: string }[]).map((e) => e.field)).toEqual(
      expect.arrayContaining(['cycleId', 'policyAreaId', 'title', 'problem', 'ogpValues', 'milestones.0.dueDate', 'leadInstitution', 'budget']),
    );
    await r.expectRejected(() => draft({ title: 'x'.repeat(301) }), 400, 'VALIDATION.FAILED', 'title');
    await r.expectRejected(() => draft({ ogpValues: [] }), 400, 'VALIDATION.FAILED', 'ogpValues');
    await r.expectRejected(() => draft({ ogpValues: ['transparency', 'transparency'] }), 400, 'VALIDATION.FAILED', 'ogpValues');
    await r.expectRejected(() => draft({ milestones: [] }), 400, 'VALIDATION.FAILED', 'milestones');
    await r.expectRejected(() => draft({ milestones: [{ dueDate: '2021-06-30' }] }), 400, 'VALIDATION.FAILED', 'milestones.0.title');
    await r.expectRejected(() => draft({ supportingInstitutions: Array(21).fill('Ministry') }), 400, 'VALIDATION.FAILED', 'supportingInstitutions');
  });

  it('answers 401, and 403 to stakeholders, auditors and LFPs of other areas', async () => {
    await r.expectRejected(() => r.http.post('/v1/commitments').send(REGISTER), 401, 'AUTH.REQUIRED');
    await r.expectRejected(() => draft({}, ahc.token), 403, 'AUTH.ROLE_NOT_ALLOWED');
    await r.expectRejected(() => draft({}, r.auditor), 403, 'AUTH.ROLE_NOT_ALLOWED');
    await r.expectRejected(() => draft({}, r.lfp('digitalGovernance')), 403, 'AUTH.OUT_OF_SCOPE');
  });

  it('answers 409 for an unknown cycle, a policy area of another cycle, and a submitted plan', async () => {
    await r.expectRejected(() => draft({ cycleId: unknownId() }), 409, 'CYCLE.NOT_FOUND');
    await r.expectRejected(() => draft({ policyAreaId: previous.areas.antiCorruption }), 409, 'CYCLE.POLICY_AREA_NOT_FOUND');
    const submitted = await r.openCycle('Albania NAP 2016–2018');
    await r.submitPlan(submitted);
    await r.expectRejected(
      () => draft({ cycleId: submitted.cycleId, policyAreaId: submitted.areas.antiCorruption }),
      409,
      'CYCLE.ALREADY_SUBMITTED',
    );
  });

  it('answers an idempotent retry as the first time, appending nothing', async () => {
    const first = await draft().set('Idempotency-Key', 'moj-commitment-register');
    const count = await r.eventCount();
    const again = await draft().set('Idempotency-Key', 'moj-commitment-register');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await r.eventCount()).toBe(count);
    await r.expectRejected(() => draft({ title: 'Another' }).set('Idempotency-Key', 'moj-commitment-register'), 409, 'IDEMPOTENCY.KEY_REUSED');
  });
});

describe('POST /v1/commitments/:id/revisions', () => {
  it('records only what changed, and the contributions that caused it', async () => {
    const id = await r.commitment(cycle, 'antiCorruption', REGISTER);
    const comment = await r.contribution(meeting, { channel: 'online_comment', commitmentId: id, body: 'Make it searchable by name.' }, ahc.token);
    const milestones = [...REGISTER.milestones, { title: 'Search by official name and institution', dueDate: '2022-06-30' }];
    const res = await act(id, 'revisions', {
      title: REGISTER.title,
      description: `${REGISTER.description} Searchable by name and institution.`,
      ogpValues: ['accountability', 'transparency'],
      milestones,
      inResponseTo: [comment],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id, revision: 1, position: expect.any(String) });
    const [, revised] = await r.streamEvents(streams.commitment(id));
    expect(revised).toMatchObject({ type: 'CommitmentRevised', data: { revisionNumber: 1, inResponseTo: [comment] } });
    expect(revised.data.changes).toEqual({ description: `${REGISTER.description} Searchable by name and institution.`, milestones });
  });

  it('answers 400 to a revision that changes nothing or carries bad fields, appending nothing', async () => {
    const id = await r.commitment(cycle, 'antiCorruption', REGISTER);
    await r.expectRejected(() => act(id, 'revisions', {}), 400, 'COMMITMENT.NO_CHANGE', 'changes');
    await r.expectRejected(() => act(id, 'revisions', { ogpValues: ['accountability', 'transparency'] }), 400, 'COMMITMENT.NO_CHANGE');
    await r.expectRejected(() => act(id, 'revisions', { title: '' }), 400, 'VALIDATION.FAILED', 'title');
    await r.expectRejected(() => act(id, 'revisions', { ogpValues: ['openness'] }), 400, 'VALIDATION.FAILED', 'ogpValues');
    await r.expectRejected(() => act(id, 'revisions', { milestones: [] }), 400, 'VALIDATION.FAILED', 'milestones');
    await r.expectRejected(() => act(id, 'revisions', { title: 'New', inResponseTo: ['comment-1'] }), 400, 'VALIDATION.FAILED', 'inResponseTo');
  });

  it('answers 401, 403 (stakeholder, LFP of another area) and 404', async () => {
    const id = await r.commitment(cycle, 'antiCorruption', REGISTER);
    await r.expectRejected(() => r.http.post(`/v1/commitments/${id}/revisions`).send({ title: 'New' }), 401, 'AUTH.REQUIRED');
    await r.expectRejected(() => act(id, 'revisions', { title: 'New' }, ahc.token), 403, 'AUTH.ROLE_NOT_ALLOWED');
    await r.expectRejected(() => act(id, 'revisions', { title: 'New' }, r.lfp('fiscalTransparency')), 403, 'AUTH.OUT_OF_SCOPE');
    await r.expectRejected(() => act(unknownId(), 'revisions', { title: 'New' }), 404, 'COMMITMENT.NOT_FOUND');
  });

  it('answers 409 for contributions unknown or of another cycle, a withdrawn commitment, and a stale revision', async () => {
    const id = await r.commitment(cycle, 'antiCorruption', REGISTER);
    const elsewhere = await r.contribution(await r.announce(previous, 'antiCorruption'), {}, ahc.token);
    await r.expectRejected(() => act(id, 'revisions', { title: 'New', inResponseTo: [unknownId()] }), 409, 'CONTRIBUTION.NOT_FOUND', 'inResponseTo');
    await r.expectRejected(() => act(id, 'revisions', { title: 'New', inResponseTo: [elsewhere] }), 409, 'CONTRIBUTION.OTHER_CYCLE', 'inResponseTo');
    expect((await act(id, 'revisions', { title: 'Searchable register of asset declarations' }).set('If-Match', '0')).status).toBe(200);
    await r.expectRejected(() => act(id, 'revisions', { title: 'Again' }).set('If-Match', '0'), 409, 'CONCURRENCY.WRONG_EXPECTED_REVISION');
    await act(id, 'withdrawal', {});
    await r.expectRejected(() => act(id, 'revisions', { title: 'New' }), 409, 'COMMITMENT.WITHDRAWN');
  });
});

describe('POST /v1/commitments/:id/withdrawal', () => {
  it('withdraws the commitment, keeping the reason', async () => {
    const id = await r.commitment(cycle, 'antiCorruption', REGISTER);
    const res = await act(id, 'withdrawal', { reason: 'Merged into the integrity commitment after the NCCS meeting' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, revision: 1 });
    expect((await r.streamEvents(streams.commitment(id)))[1]).toMatchObject({
      type: 'CommitmentWithdrawn',
      data: { reason: 'Merged into the integrity commitment after the NCCS meeting' },
    });
  });

  it('answers 400, 401, 403 (stakeholder, LFP of another area), 404 and 409 (already withdrawn)', async () => {
    const id = await r.commitment(cycle, 'antiCorruption', REGISTER);
    await r.expectRejected(() => act(id, 'withdrawal', { reason: 'x'.repeat(2001) }), 400, 'VALIDATION.FAILED', 'reason');
    await r.expectRejected(() => r.http.post(`/v1/commitments/${id}/withdrawal`).send({}), 401, 'AUTH.REQUIRED');
    await r.expectRejected(() => act(id, 'withdrawal', {}, ahc.token), 403, 'AUTH.ROLE_NOT_ALLOWED');
    await r.expectRejected(() => act(id, 'withdrawal', {}, r.lfp('accessToJustice')), 403, 'AUTH.OUT_OF_SCOPE');
    await r.expectRejected(() => act(unknownId(), 'withdrawal', {}), 404, 'COMMITMENT.NOT_FOUND');
    expect((await act(id, 'withdrawal', {}, r.poc)).status).toBe(200);
    await r.expectRejected(() => act(id, 'withdrawal', {}), 409, 'COMMITMENT.ALREADY_WITHDRAWN');
  });
});
