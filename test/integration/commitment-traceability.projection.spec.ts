import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { commitmentTraceabilityProjection } from '../../projections/commitment-traceability/commitment-traceability.projection.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { NAP_APP_OPTIONS, recordAlbaniaNap, type NapRecord } from '../support/albania-nap-record.js';
import { bearer, INSTITUTIONS, startTestApp, type TestApp } from '../support/app.js';
import { eventAppender, projectInBatches, TEST_ACTORS } from '../support/projection-harness.js';

let t: TestApp;
let nap: NapRecord;
let last: string;
let poc: string;
let idm: string;
let citizensChannel: string;

beforeAll(async () => {
  t = await startTestApp(NAP_APP_OPTIONS);
  nap = await recordAlbaniaNap(t);
  last = nap.last;
  poc = await t.token({ sub: 'poc-1', role: 'poc', institution: INSTITUTIONS.poc });
  idm = await t.token({ sub: nap.stakeholders.idm, role: 'stakeholder' });
  citizensChannel = await t.token({ sub: nap.stakeholders.citizensChannel, role: 'stakeholder' });
});

afterAll(async () => {
  await t.close();
});

const trace = (commitmentId: string, token?: string) => {
  const req = t.http.get(`/v1/commitments/${commitmentId}/traceability`).query({ consistentWith: last });
  return token ? req.set(bearer(token)) : req;
};

describe('commitment-traceability projection (live runner, real PostgreSQL)', () => {
  it("traces a commitment to the contributions whose current response links it and to those its revision answers, once per way, with each one's current decision", async () => {
    const res = await trace(nap.commitments.assets, poc);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).slice(0, 4)).toEqual(['commitmentId', 'title', 'contributions', 'revisions']);
    const { c } = nap;
    expect(res.body).toMatchObject({
      commitmentId: nap.commitments.assets,
      // The revision changed the title.
      title: 'Asset declarations of high officials, judges and prosecutors published as open data',
      cycleId: nap.cycleId,
      policyAreaId: nap.areas.antiCorruption,
      status: 'draft',
      withdrawnAt: null,
    });
    expect(res.body.contributions).toEqual([
      { contributionId: c.c1, decision: 'accepted', via: 'response', status: 'published' },
      { contributionId: c.c2, decision: 'partially_accepted', via: 'response', status: 'published' },
      { contributionId: c.c10, decision: 'accepted', via: 'response', status: 'responded' },
      { contributionId: c.c2, decision: 'partially_accepted', via: 'revision', status: 'published' },
      { contributionId: c.c10, decision: 'accepted', via: 'revision', status: 'responded' },
      { contributionId: c.c7, decision: 'already_addressed', via: 'revision', status: 'published' },
    ]);
    expect(res.body.revisions).toEqual([
      {
        revisionNumber: 1,
        changes: { title: 'Asset declarations of high officials, judges and prosecutors published as open data' },
        inResponseTo: [c.c2, c.c7, c.c10],
        occurredAt: '2020-11-20T09:00:00.000Z',
        actorInstitution: INSTITUTIONS.justice,
      },
    ]);
  });

  it("follows a canonical's replaced response: the old links go, its duplicate moves with it to the new commitment", async () => {
    const assets = (await trace(nap.commitments.assets, poc)).body.contributions.map((x: { contributionId: string }) => x.contributionId);
    expect(assets).not.toContain(nap.c.c4);
    expect(assets).not.toContain(nap.c.c3);
    const res = await trace(nap.commitments.whistleblowers, poc);
    expect(res.body).toMatchObject({ title: 'Whistleblower protection portal', revisions: [] });
    expect(res.body.contributions).toEqual([
      { contributionId: nap.c.c4, decision: 'partially_accepted', via: 'response', status: 'published' },
      { contributionId: nap.c.c3, decision: 'partially_accepted', via: 'response', status: 'duplicate' },
      { contributionId: nap.c.c1, decision: 'accepted', via: 'response', status: 'published' },
    ]);
  });

  it('shows anonymous callers and other stakeholders a decision only once published (a revision still names its link); its author sees its own at once', async () => {
    const { c } = nap;
    const publicView = [
      { contributionId: c.c1, decision: 'accepted', via: 'response', status: 'published' },
      { contributionId: c.c2, decision: 'partially_accepted', via: 'response', status: 'published' },
      { contributionId: c.c2, decision: 'partially_accepted', via: 'revision', status: 'published' },
      { contributionId: c.c10, decision: null, via: 'revision', status: null },
      { contributionId: c.c7, decision: 'already_addressed', via: 'revision', status: 'published' },
    ];
    const anonymous = await trace(nap.commitments.assets);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.contributions).toEqual(publicView);
    expect((await trace(nap.commitments.assets, citizensChannel)).body.contributions).toEqual(publicView);
    const author = (await trace(nap.commitments.assets, idm)).body.contributions;
    expect(author).toContainEqual({ contributionId: c.c10, decision: 'accepted', via: 'response', status: 'responded' });
    expect(author).toContainEqual({ contributionId: c.c10, decision: 'accepted', via: 'revision', status: 'responded' });
  });

  it("drops a link when the contribution's new response no longer names the commitment, and shows a withdrawn commitment as withdrawn", async () => {
    const append = eventAppender(t.app.get<EventStore>(EVENT_STORE));
    const scope = { cycleId: nap.cycleId, policyAreaId: nap.areas.antiCorruption };
    last = (
      await append(
        `contribution-${nap.c.c1}`,
        'ContributionResponded',
        { contributionId: nap.c.c1, ...scope, responseNumber: 2, decision: 'already_addressed', rationale: 'Covered by the HIDAACI reform already under way', commitmentIds: [] },
        { actor: TEST_ACTORS.justice, occurredAt: '2020-11-25T09:00:00Z' },
      )
    ).position;
    last = (
      await append(`commitment-${nap.commitments.whistleblowers}`, 'CommitmentWithdrawn', { commitmentId: nap.commitments.whistleblowers, ...scope, reason: 'Merged into the asset declarations commitment' }, { actor: TEST_ACTORS.justice, occurredAt: '2020-11-26T09:00:00Z' })
    ).position;

    const assets = (await trace(nap.commitments.assets, poc)).body.contributions;
    expect(assets.filter((x: { via: string }) => x.via === 'response').map((x: { contributionId: string }) => x.contributionId)).toEqual([nap.c.c2, nap.c.c10]);
    const whistleblowers = (await trace(nap.commitments.whistleblowers, poc)).body;
    expect(whistleblowers).toMatchObject({ status: 'withdrawn', withdrawnAt: '2020-11-26T09:00:00.000Z', withdrawalReason: 'Merged into the asset declarations commitment' });
    expect(whistleblowers.contributions.map((x: { contributionId: string }) => x.contributionId)).toEqual([nap.c.c4, nap.c.c3]);
  });

  it('answers 404 problem+json for unknown or malformed commitments and 400 for bad parameters', async () => {
    for (const id of [randomUUID(), 'asset-declarations']) {
      const res = await trace(id);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('COMMITMENT.NOT_FOUND');
    }
    const bad = await t.http.get(`/v1/commitments/${nap.commitments.assets}/traceability`).query({ consistentWith: 'latest', via: 'response' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('via');
    expect((await t.http.get(`/v1/commitments/${nap.commitments.assets}/traceability`).query({ consistentWith: 'latest' })).status).toBe(400);
  });

  it('gives identical tables in batches of 1, 7 and 500, equal to what the live runner built', async () => {
    const dataSource = t.app.get(DataSource);
    const store = t.app.get<EventStore>(EVENT_STORE);
    const one = await projectInBatches(dataSource, store, commitmentTraceabilityProjection, 1);
    const seven = await projectInBatches(dataSource, store, commitmentTraceabilityProjection, 7);
    const many = await projectInBatches(dataSource, store, commitmentTraceabilityProjection, 500);
    expect(one.commitment_traceability).toHaveLength(2);
    expect(one.commitment_traceability_revision).toHaveLength(1);
    expect(seven).toEqual(one);
    expect(many).toEqual(one);
    for (const table of commitmentTraceabilityProjection.tables) {
      expect(await dataSource.query(`SELECT * FROM public.${table} t ORDER BY to_jsonb(t)::text`)).toEqual(one[table]);
    }
  });
});
