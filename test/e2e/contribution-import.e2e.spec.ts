import { randomUUID } from 'node:crypto';
import { BulkWriters } from '../../src/projection-runner/bulk-writers.js';
import { bearer } from '../support/app.js';
import { RecordBuilder, type CycleFixture } from '../support/record-builder.js';

// An online campaign on the Anti-Corruption area's written call: many comments, some identical.
let r: RecordBuilder;
let cycle: CycleFixture;
let call: string;
let otherCall: string;
let ahc: { id: string; token: string };
/** The first import's answer: the duplicate-candidates tests work on its contributions. */
let first: { lastPosition: string; contributionIds: string[] };

const CAMPAIGN = 'Publish every procurement contract in full, with its annexes.';

beforeAll(async () => {
  r = await RecordBuilder.start({ projections: true });
  cycle = await r.openCycle();
  call = await r.announce(cycle, 'antiCorruption', { kind: 'written_call', title: 'Written call: anti-corruption commitments' });
  otherCall = await r.announce(cycle, 'fiscalTransparency', { kind: 'written_call' });
  ahc = await r.stakeholder('cso', 'Albanian Helsinki Committee');
});

afterAll(async () => {
  await r.close();
});

const importLines = (consultationId: string, text: string, token = r.lfp('antiCorruption')) =>
  r.http.post(`/v1/consultations/${consultationId}/contributions:import`).set(bearer(token)).set('Content-Type', 'application/x-ndjson').send(text);

const ndjson = (...lines: (object | string)[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';

const accountability = (id: string, position: string) =>
  r.http.get(`/v1/contributions/${id}/accountability`).set(bearer(r.poc)).query({ consistentWith: position });

describe('POST /v1/consultations/:id/contributions:import', () => {
  const ownId = randomUUID();
  const file = () =>
    ndjson(
      { channel: 'online_comment', body: CAMPAIGN },
      { channel: 'email', stakeholderId: ahc.id, body: 'Open the asset declarations register.', receivedAt: '2020-10-08T10:00:00Z' },
      { channel: 'fax', body: 'Sent by fax' },
      { channel: 'online_comment', body: CAMPAIGN },
      '',
      '{"channel": "online_comment", "body": ',
      { channel: 'online_comment', stakeholderId: randomUUID(), body: 'From nobody we know' },
      { id: ownId, channel: 'online_comment', body: CAMPAIGN },
      { channel: 'online_comment', body: 'An extra field', mood: 'angry' },
      { consultationId: otherCall, channel: 'online_comment', body: 'Meant for another consultation' },
    );

  it('appends the good lines, counts a repeated line once, and names each bad line with its field and reason', async () => {
    const before = await r.eventCount();
    const res = await importLines(call, file());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      consultationId: call,
      lines: 10,
      accepted: 3,
      rejected: 5,
      duplicatesOfEarlierLines: 1,
      alreadyRecorded: 0,
      firstPosition: expect.any(String),
      lastPosition: expect.any(String),
    });
    const rejected = res.body.rejectedLines as { line: number; field: string | null; code: string; reason: string }[];
    expect(rejected.map((x) => [x.line, x.field, x.code])).toEqual([
      [3, 'channel', 'VALIDATION.FAILED'],
      [6, null, 'IMPORT.INVALID_JSON'],
      [7, 'stakeholderId', expect.stringMatching(/^STAKEHOLDER\./)],
      [9, 'mood', 'VALIDATION.FAILED'],
      [10, 'consultationId', 'VALIDATION.FAILED'],
    ]);
    expect(rejected[0].reason).toMatch(/channel must be one of/);
    expect(await r.eventCount()).toBe(before + 3);
    expect(res.body.contributionIds).toHaveLength(3);
    expect(res.body.contributionIds[2]).toBe(ownId);
    first = res.body;

    // Each accepted line is a contribution like any other: received, in the consultation, readable.
    for (const id of first.contributionIds) {
      const view = await accountability(id, first.lastPosition);
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({ contributionId: id, consultationId: call, status: 'received' });
    }
    const fromAhc = await accountability(first.contributionIds[1], first.lastPosition);
    expect(fromAhc.body).toMatchObject({ stakeholderId: ahc.id, channel: 'email', receivedAt: '2020-10-08T10:00:00.000Z' });
  });

  it('appends nothing when the same file is sent again: every good line is already recorded', async () => {
    const before = await r.eventCount();
    const res = await importLines(call, file());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 0, alreadyRecorded: 3, rejected: 5, duplicatesOfEarlierLines: 1, firstPosition: null, lastPosition: null });
    expect(res.body.contributionIds).toEqual(first.contributionIds);
    expect(await r.eventCount()).toBe(before);
  });

  it("makes the service's views give way while it runs (they follow it in larger pages), and no longer once it has answered", async () => {
    const writers = r.t.app.get(BulkWriters);
    const lines = Array.from({ length: 3000 }, (_, i) => ({ channel: 'online_comment', body: `Comment ${i} of a campaign that takes a while to read.` }));
    let sawItRun = false;
    const answer = importLines(call, ndjson(...lines));
    const watch = (async () => {
      for (let i = 0; i < 2000 && !sawItRun; i++) {
        sawItRun = writers.active;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const res = await answer;
    await watch;
    expect(res.body).toMatchObject({ accepted: 3000 });
    expect(sawItRun).toBe(true);
    expect(writers.active).toBe(false);
    // The views catch up with it.
    expect((await accountability(res.body.contributionIds.at(-1), res.body.lastPosition)).status).toBe(200);
  });

  it('a file cut in the middle of a line: that line is refused as cut, the whole lines before it are kept', async () => {
    const before = await r.eventCount();
    const cut = ndjson({ channel: 'online_comment', body: 'A whole line before the cut' }) + '{"channel":"online_comment","body":"A line cut in the mi';
    const res = await importLines(call, cut);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ lines: 2, accepted: 1, rejected: 1 });
    expect(res.body.rejectedLines).toEqual([{ line: 2, field: null, code: 'IMPORT.INVALID_JSON', reason: expect.stringMatching(/cut/) }]);
    expect(await r.eventCount()).toBe(before + 1);
    // Sent again whole, only the line that was cut is new.
    const whole = await importLines(call, ndjson({ channel: 'online_comment', body: 'A whole line before the cut' }, { channel: 'online_comment', body: 'A line cut in the middle, now whole' }));
    expect(whole.body).toMatchObject({ accepted: 1, alreadyRecorded: 1, rejected: 0 });
  });

  it('refuses a line holding what the service cannot store (a NUL, a lone surrogate), naming the field, and keeps the others', async () => {
    const before = await r.eventCount();
    const text = ndjson(
      { channel: 'online_comment', body: 'Publish the minutes\u0000 within a week' },
      '{"channel":"online_comment","body":"A lone \\ud800 half"}',
      { channel: 'online_comment', body: `A storable line ${randomUUID()}` },
    );
    const res = await importLines(call, text);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ lines: 3, accepted: 1, rejected: 2 });
    expect(res.body.rejectedLines).toEqual([
      { line: 1, field: 'body', code: 'VALIDATION.FAILED', reason: expect.stringMatching(/NUL/) },
      { line: 2, field: 'body', code: 'VALIDATION.FAILED', reason: expect.stringMatching(/surrogate/) },
    ]);
    expect(await r.eventCount()).toBe(before + 1);
  });

  it('refuses a user out of scope, a stakeholder, an unknown consultation and another media type, appending nothing', async () => {
    const one = ndjson({ channel: 'online_comment', body: 'Out of scope' });
    await r.expectRejected(() => importLines(call, one, r.lfp('fiscalTransparency')), 403, 'AUTH.OUT_OF_SCOPE');
    const stakeholderRefused = await importLines(call, one, ahc.token);
    expect(stakeholderRefused.status).toBe(403);
    await r.expectRejected(() => importLines(randomUUID(), one), 404, 'CONSULTATION.NOT_FOUND');
    await r.expectRejected(
      () => r.http.post(`/v1/consultations/${call}/contributions:import`).set(bearer(r.poc)).send({ channel: 'online_comment', body: 'JSON, not NDJSON' }),
      415,
      'IMPORT.UNSUPPORTED_MEDIA_TYPE',
    );
    // The POC may import into any consultation.
    expect((await importLines(otherCall, one, r.poc)).body).toMatchObject({ accepted: 1 });
  });
});

describe('GET /v1/consultations/:id/duplicate-candidates', () => {
  it('offers identical texts as a group; the LFP confirms one with duplicate-of, and it is no longer offered', async () => {
    const [campaign, , own] = first.contributionIds;
    const position = first.lastPosition;
    const list = await r.http.get(`/v1/consultations/${call}/duplicate-candidates`).set(bearer(r.lfp('antiCorruption'))).query({ consistentWith: position });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [{ text: CAMPAIGN, canonicalId: campaign, candidateIds: [own], confirmedIds: [] }], nextCursor: null });
    // Offered only: nothing was marked.
    expect((await accountability(own, position)).body).toMatchObject({ status: 'received', duplicateOf: null });

    const marked = await r.http.post(`/v1/contributions/${own}/duplicate-of`).set(bearer(r.lfp('antiCorruption'))).send({ canonicalId: campaign });
    expect(marked.status).toBe(200);
    expect((await accountability(own, marked.body.position)).body).toMatchObject({ status: 'duplicate', duplicateOf: campaign });
    const after = await r.http.get(`/v1/consultations/${call}/duplicate-candidates`).set(bearer(r.poc)).query({ consistentWith: marked.body.position });
    expect(after.body).toEqual({ items: [], nextCursor: null });
  });

  it('is for officials: a stakeholder is refused, an unknown consultation is 404', async () => {
    expect((await r.http.get(`/v1/consultations/${call}/duplicate-candidates`).set(bearer(ahc.token))).status).toBe(403);
    expect((await r.http.get(`/v1/consultations/${randomUUID()}/duplicate-candidates`).set(bearer(r.poc))).status).toBe(404);
  });
});


describe('OpenAPI', () => {
  it('documents the import (NDJSON in, the summary out) and the duplicate candidates', async () => {
    const doc = (await r.http.get('/v1/openapi.json')).body as { paths: Record<string, Record<string, { requestBody?: { content: object }; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>> };
    const importOp = doc.paths['/v1/consultations/{id}/contributions:import']?.post;
    expect(Object.keys(importOp?.requestBody?.content ?? {})).toContain('application/x-ndjson');
    expect(importOp?.responses['200'].content?.['application/json'].schema).toEqual({ $ref: '#/components/schemas/ImportSummary' });
    expect(doc.paths['/v1/consultations/{id}/duplicate-candidates']?.get.responses['200']).toBeDefined();
  });
});
