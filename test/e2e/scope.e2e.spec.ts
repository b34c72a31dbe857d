import { bearer } from '../support/app.js';
import { RecordBuilder, type CycleFixture } from '../support/record-builder.js';

/**
 * An LFP acts on the policy areas its institution leads, and on nothing else through the back
 * door: the ids a body names (commitments, a canonical contribution, the contributions behind a
 * revision) are held to the same scope as the aggregate in the path.
 */
let r: RecordBuilder;
let cycle: CycleFixture;
let justiceContribution: string;
let financeContribution: string;
let justiceCommitment: string;
let financeCommitment: string;
let publicComment: string;

beforeAll(async () => {
  r = await RecordBuilder.start();
  cycle = await r.openCycle();
  const justiceMeeting = await r.announce(cycle, 'antiCorruption');
  const financeMeeting = await r.announce(cycle, 'fiscalTransparency');
  const publicConsultation = await r.announce(cycle, null, { kind: 'public_consultation', title: 'Public consultation of the draft plan' });
  justiceContribution = await r.contribution(justiceMeeting, { body: 'Publish asset declarations of senior officials online.' }, r.lfp('antiCorruption'));
  financeContribution = await r.contribution(financeMeeting, { body: 'Publish the budget in open data, monthly.' }, r.lfp('fiscalTransparency'));
  publicComment = await r.contribution(publicConsultation, { channel: 'online_comment', body: 'Add a deadline to the asset register milestone.' });
  justiceCommitment = await r.commitment(cycle, 'antiCorruption');
  financeCommitment = await r.commitment(cycle, 'fiscalTransparency');
}, 60_000);

afterAll(async () => {
  await r.close();
});

const post = (path: string, token: string, body: object) => r.http.post(path).set(bearer(token)).send(body);

test("an LFP cannot answer its own area's contribution with another area's commitment", async () => {
  const res = await r.expectRejected(
    () =>
      post(`/v1/contributions/${justiceContribution}/responses`, r.lfp('antiCorruption'), {
        decision: 'accepted',
        rationale: 'Taken up by the open budget commitment.',
        commitmentIds: [financeCommitment],
      }),
    403,
    'AUTH.OUT_OF_SCOPE',
    'commitmentIds',
  );
  expect(res.body.ids).toEqual([financeCommitment]);
  // Its own area's commitment is fine, and so is the POC naming any.
  const own = await post(`/v1/contributions/${justiceContribution}/responses`, r.lfp('antiCorruption'), {
    decision: 'accepted',
    rationale: 'Milestone 2 of the asset declarations commitment.',
    commitmentIds: [justiceCommitment],
  });
  expect(own.status).toBe(200);
  const byPoc = await post(`/v1/contributions/${justiceContribution}/responses`, r.poc, {
    decision: 'partially_accepted',
    rationale: 'Both commitments take part of it up.',
    commitmentIds: [justiceCommitment, financeCommitment],
  });
  expect(byPoc.status).toBe(200);
});

test("an LFP cannot mark its own area's contribution a duplicate of another area's", async () => {
  const meeting = await r.announce(cycle, 'antiCorruption', { title: 'Anti-Corruption: second meeting' });
  const repeat = await r.contribution(meeting, { body: 'Publish the budget in open data.' }, r.lfp('antiCorruption'));
  await r.expectRejected(
    () => post(`/v1/contributions/${repeat}/duplicate-of`, r.lfp('antiCorruption'), { canonicalId: financeContribution }),
    403,
    'AUTH.OUT_OF_SCOPE',
    'canonicalId',
  );
  // The POC, who may answer both, may group them.
  expect((await post(`/v1/contributions/${repeat}/duplicate-of`, r.poc, { canonicalId: financeContribution })).status).toBe(200);
});

test("an LFP cannot revise its own area's commitment in response to another area's contribution", async () => {
  await r.expectRejected(
    () => post(`/v1/commitments/${justiceCommitment}/revisions`, r.lfp('antiCorruption'), { title: 'Asset declarations online, searchable', inResponseTo: [financeContribution] }),
    403,
    'AUTH.OUT_OF_SCOPE',
    'inResponseTo',
  );
  // A comment from the public consultation of the whole draft concerns every commitment.
  const fromPublic = await post(`/v1/commitments/${justiceCommitment}/revisions`, r.lfp('antiCorruption'), {
    title: 'Asset declarations online, with a deadline',
    inResponseTo: [publicComment, justiceContribution],
  });
  expect(fromPublic.status).toBe(200);
});
