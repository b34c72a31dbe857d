import type { Response } from 'supertest';
import { streams } from '../../src/shared/streams.js';
import { bearer } from '../support/app.js';
import { RecordBuilder, type CycleFixture } from '../support/record-builder.js';

// Twenty officials of the Ministry of Justice answer the same CSO comment at the same moment.
const PARALLEL = 20;

let r: RecordBuilder;
let cycle: CycleFixture;
let meeting: string;
let commitment: string;

beforeAll(async () => {
  r = await RecordBuilder.start();
  cycle = await r.openCycle();
  meeting = await r.announce(cycle, 'antiCorruption');
  commitment = await r.commitment(cycle, 'antiCorruption', { title: 'Online register of asset declarations' });
});

afterAll(async () => {
  await r.close();
});

const rationale = (i: number) => `Answer ${i}: the register of asset declarations takes the comment up.`;

/** Sends PARALLEL responses to one contribution at once; `expectation(i)` adds what client i insists on. */
function respondInParallel(contributionId: string, expectation: (i: number) => { header?: string; body?: object }): Promise<Response[]> {
  return Promise.all(
    Array.from({ length: PARALLEL }, (_, i) => {
      const { header, body } = expectation(i);
      const req = r.http.post(`/v1/contributions/${contributionId}/responses`).set(bearer(r.lfp('antiCorruption')));
      if (header !== undefined) req.set('If-Match', header);
      return req.send({ decision: 'partially_accepted', rationale: rationale(i), commitmentIds: [commitment], ...body });
    }),
  );
}

/** The stream as an auditor checks it: revisions 0..n without gaps, and a hash chain that verifies. */
async function expectIntactHistory(streamId: string): Promise<void> {
  const events = await r.store.readStream(streamId);
  expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
  const verification = await r.store.verifyStream(streamId);
  expect(verification).toMatchObject({ valid: true, checkedEvents: events.length, firstMismatch: null });
}

describe('parallel responses to one contribution', () => {
  it('with the revision each client saw (If-Match or expectedRevision): exactly one wins, the others get 409', async () => {
    const id = await r.contribution(meeting);
    const seen = 0;
    const answers = await respondInParallel(id, (i) => (i % 2 === 0 ? { header: `"${seen}"` } : { body: { expectedRevision: seen } }));

    const won = answers.filter((a) => a.status === 200);
    const lost = answers.filter((a) => a.status !== 200);
    expect(won).toHaveLength(1);
    expect(won[0].body).toMatchObject({ id, revision: 1 });
    expect(lost).toHaveLength(PARALLEL - 1);
    for (const answer of lost) {
      expect(answer.status).toBe(409);
      expect(answer.body).toMatchObject({ code: 'CONCURRENCY.WRONG_EXPECTED_REVISION', expectedRevision: seen, actualRevision: 1 });
    }

    const events = await r.streamEvents(streams.contribution(id));
    expect(events.map((e) => e.type)).toEqual(['ContributionReceived', 'ContributionResponded']);
    const winner = answers.indexOf(won[0]);
    expect(events[1].data).toMatchObject({ responseNumber: 1, rationale: rationale(winner) });
    await expectIntactHistory(streams.contribution(id));
  });

  it('without expectations: the bounded retry applies them one after another, numbered 1..k without gaps or repeats', async () => {
    const id = await r.contribution(meeting);
    const answers = await respondInParallel(id, () => ({}));

    const won = answers.filter((a) => a.status === 200);
    for (const answer of answers.filter((a) => a.status !== 200)) {
      // Retries are bounded: a request that kept losing is told to send again, never silently dropped.
      expect(answer.status).toBe(409);
      expect(answer.body.code).toBe('CONCURRENCY.CONFLICT');
    }
    expect(won.length).toBeGreaterThan(0);

    const responses = (await r.streamEvents(streams.contribution(id))).filter((e) => e.type === 'ContributionResponded');
    const k = won.length;
    expect(responses.map((e) => e.data.responseNumber)).toEqual(Array.from({ length: k }, (_, i) => i + 1));
    // Each winner's answer names the revision that holds its own response, and only winners are in the stream.
    expect(won.map((a) => a.body.revision).sort((a, b) => a - b)).toEqual(Array.from({ length: k }, (_, i) => i + 1));
    for (const answer of won) {
      const own = responses.find((e) => e.data.rationale === rationale(answers.indexOf(answer)));
      expect(own).toMatchObject({ revision: answer.body.revision, data: { responseNumber: answer.body.revision } });
    }
    await expectIntactHistory(streams.contribution(id));
  });
});
