import { bearer, INSTITUTIONS } from '../support/app.js';
import { AuditRecord } from '../support/audit-record.js';

/**
 * GET /v1/contributions/:id/history: an auditor replays everything that concerns one contribution
 * — its own stream and every event of another stream that names it — and checks it against the
 * log itself (read here straight from the events table).
 */
let r: AuditRecord;
let citizen: { id: string; token: string };
let cso: { id: string; token: string };
let outsider: { id: string; token: string };
const ids = {} as Record<'consultation' | 'commitment' | 'x' | 'y' | 'z' | 'report', string>;
const TEXT = 'Publish the asset declarations of every municipal councillor, not only of ministers.';
let firstResponsePosition = '';

const history = (id: string, token?: string, query: Record<string, string> = {}) => {
  const req = r.get(`/v1/contributions/${id}/history`).query(query).timeout(10_000);
  return token ? req.set(bearer(token)) : req;
};

/** The oracle: every event of the contribution's stream and every event that names it, in log order. */
async function concerning(contributionId: string): Promise<Array<{ id: string; type: string }>> {
  const { rows } = await r.db.query<{ id: string; type: string }>(
    `SELECT event_id::text AS id, type FROM events
      WHERE stream_id = 'contribution-' || $1
         OR (type = 'ContributionMarkedDuplicate' AND data::jsonb->>'canonicalId' = $1)
         OR (type = 'CommitmentRevised' AND data::jsonb->'inResponseTo' ? $1)
         OR (type IN ('ReportDrafted', 'ReportRevised') AND data::jsonb->'contributionIds' ? $1)
      ORDER BY transaction_id, global_position`,
    [contributionId],
  );
  return rows;
}

beforeAll(async () => {
  r = await AuditRecord.start();
  const { cycleId, areaId } = await r.cycle('2021-01-04T09:00:00Z');
  citizen = await r.stakeholder('individual', 'Elira Hoxha');
  cso = await r.stakeholder('cso', 'Centre for Civic Oversight');
  outsider = await r.stakeholder('cso', 'Another Watchdog');
  ids.consultation = (
    await r.post('/v1/consultations', r.lfp, {
      cycleId,
      policyAreaId: areaId,
      kind: 'thematic_meeting',
      title: 'Anti-Corruption thematic group',
      announcedAt: '2021-01-20T09:00:00Z',
      opensAt: '2021-02-10T09:00:00Z',
      closesAt: '2021-02-20T17:00:00Z',
      occurredAt: '2021-01-20T09:00:00Z',
    })
  ).id;
  ids.commitment = (
    await r.post('/v1/commitments', r.lfp, {
      cycleId,
      policyAreaId: areaId,
      title: 'Asset declarations online',
      problem: 'Citizens cannot see what officials own.',
      description: 'Publish the declarations of senior officials in a searchable register.',
      ogpValues: ['transparency', 'accountability'],
      milestones: [{ title: 'Register online', dueDate: '2021-12-31' }],
      leadInstitution: INSTITUTIONS.justice,
      occurredAt: '2021-02-01T09:00:00Z',
    })
  ).id;
  const contribute = async (token: string, body: string, at: string) =>
    (await r.post('/v1/contributions', token, { consultationId: ids.consultation, channel: 'online_comment', body, occurredAt: at })).id;
  ids.x = await contribute(citizen.token, TEXT, '2021-02-11T10:00:00Z');
  ids.y = await contribute(cso.token, 'Councillors should publish their assets too.', '2021-02-12T10:00:00Z');
  ids.z = await contribute(cso.token, 'Unrelated: publish the procurement plans.', '2021-02-12T11:00:00Z');

  const x = `/v1/contributions/${ids.x}`;
  firstResponsePosition = (await r.post(`${x}/responses`, r.lfp, { decision: 'not_accepted', rationale: 'Out of the budget for 2021.', occurredAt: '2021-02-22T09:00:00Z' })).position;
  await r.post(`${x}/review`, r.poc, { verdict: 'revision_requested', comment: 'Explain why the register cannot cover councillors.', occurredAt: '2021-02-23T09:00:00Z' });
  await r.post(`${x}/responses`, r.lfp, {
    decision: 'accepted',
    rationale: 'The register will cover municipal councillors from 2022.',
    commitmentIds: [ids.commitment],
    occurredAt: '2021-02-25T09:00:00Z',
  });
  await r.post(`${x}/review`, r.poc, { verdict: 'endorsed', occurredAt: '2021-02-26T09:00:00Z' });
  await r.post(`${x}/publication`, r.poc, { occurredAt: '2021-02-27T09:00:00Z' });
  await r.post(`/v1/contributions/${ids.y}/duplicate-of`, r.lfp, { canonicalId: ids.x, occurredAt: '2021-02-24T09:00:00Z' });
  await r.post(`/v1/commitments/${ids.commitment}/revisions`, r.lfp, {
    description: 'Publish the declarations of senior officials and municipal councillors.',
    inResponseTo: [ids.x],
    occurredAt: '2021-03-01T09:00:00Z',
  });
  ids.report = (await r.post('/v1/reports', r.lfp, { consultationId: ids.consultation, summary: 'Two remarks on asset declarations.', contributionIds: [ids.x, ids.y], occurredAt: '2021-03-02T09:00:00Z' })).id;
  await r.post(`/v1/reports/${ids.report}/submission`, r.lfp, { occurredAt: '2021-03-03T09:00:00Z' });
  await r.post(`/v1/reports/${ids.report}/feedback`, r.poc, { items: [{ section: 'contributions', comment: 'Group the duplicate.' }], occurredAt: '2021-03-04T09:00:00Z' });
  await r.post(`/v1/reports/${ids.report}/revisions`, r.lfp, { summary: 'One remark on asset declarations (and its duplicate).', contributionIds: [ids.x], occurredAt: '2021-03-05T09:00:00Z' });
}, 120_000);

afterAll(async () => {
  await r?.close();
});

describe('GET /v1/contributions/:id/history', () => {
  it('lists every event that concerns the contribution once, in log order: own stream, duplicate, commitment revision, report', async () => {
    const res = await history(ids.x, r.auditor);
    expect(res.status).toBe(200);
    const oracle = await concerning(ids.x);
    expect(res.body.events.map((e: { eventId: string }) => e.eventId)).toEqual(oracle.map((e) => e.id));
    expect(res.body.events.map((e: { type: string; link: string | null }) => [e.type, e.link])).toEqual([
      ['ContributionReceived', null],
      ['ContributionResponded', null],
      ['ResponseReviewed', null],
      ['ContributionResponded', null],
      ['ResponseReviewed', null],
      ['ResponsePublished', null],
      ['ContributionMarkedDuplicate', 'duplicate'],
      ['CommitmentRevised', 'commitment_revision'],
      ['ReportDrafted', 'report'],
      ['ReportRevised', 'report'],
    ]);
    // The report's submission and feedback do not name the contribution: not its history.
    expect(res.body.events.map((e: { type: string }) => e.type)).not.toContain('ReportSubmitted');
    expect(res.body).toEqual(expect.objectContaining({ contributionId: ids.x, asOf: null }));
  });

  it('says who acted, for which institution, when it happened and when it was recorded, and where in the log', async () => {
    const res = await history(ids.x, r.poc);
    const [received, firstResponse, sentBack] = res.body.events;
    expect(received).toEqual(
      expect.objectContaining({
        streamId: `contribution-${ids.x}`,
        revision: 0,
        actor: { id: citizen.id, role: 'stakeholder' },
        institution: null,
        occurredAt: '2021-02-11T10:00:00.000Z',
        recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      }),
    );
    expect(firstResponse).toEqual(
      expect.objectContaining({
        actor: { id: 'lfp-moj', role: 'lfp' },
        institution: INSTITUTIONS.justice,
        occurredAt: '2021-02-22T09:00:00.000Z',
        position: firstResponsePosition,
        data: expect.objectContaining({ decision: 'not_accepted', rationale: 'Out of the budget for 2021.' }),
      }),
    );
    expect(sentBack.data).toEqual(expect.objectContaining({ verdict: 'revision_requested', comment: 'Explain why the register cannot cover councillors.' }));
    const duplicate = res.body.events.find((e: { link: string }) => e.link === 'duplicate');
    expect(duplicate).toEqual(expect.objectContaining({ streamId: `contribution-${ids.y}`, data: expect.objectContaining({ canonicalId: ids.x }) }));
    const revision = res.body.events.find((e: { link: string }) => e.link === 'commitment_revision');
    expect(revision).toEqual(expect.objectContaining({ streamId: `commitment-${ids.commitment}`, data: expect.objectContaining({ inResponseTo: [ids.x] }) }));
    const recorded = res.body.events.map((e: { recordedAt: string }) => Date.parse(e.recordedAt));
    expect([...recorded].sort((a, b) => a - b)).toEqual(recorded);
  });

  it('decrypts the personal text for officials and for its author', async () => {
    for (const token of [r.poc, r.lfp, r.auditor, citizen.token]) {
      const res = await history(ids.x, token);
      expect(res.status).toBe(200);
      expect(res.body.events[0].data.body).toBe(TEXT);
      expect(res.body.events[0].erased).toEqual([]);
    }
  });

  it('shows a stakeholder only the histories of its own contributions; anonymous callers need a token', async () => {
    for (const token of [outsider.token, cso.token]) {
      const res = await history(ids.x, token);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('asset declarations of every municipal councillor');
    }
    expect((await history(ids.x)).status).toBe(401);

    // The CSO's own duplicate: its stream, and the report that listed it before the revision dropped it.
    const own = await history(ids.y, cso.token);
    expect(own.status).toBe(200);
    expect(own.body.events.map((e: { type: string }) => e.type)).toEqual(['ContributionReceived', 'ContributionMarkedDuplicate', 'ReportDrafted']);
    expect(own.body.events[0].data.body).toBe('Councillors should publish their assets too.');
    expect(own.body.events.map((e: { eventId: string }) => e.eventId)).toEqual((await concerning(ids.y)).map((e) => e.id));

    const unrelated = await history(ids.z, r.auditor);
    expect(unrelated.body.events.map((e: { type: string }) => e.type)).toEqual(['ContributionReceived']);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    expect((await history('8a0c8a52-1b8e-4c43-9a55-0b8c8b0f7d11', r.auditor)).status).toBe(404);
    expect((await history('not-an-id', r.auditor)).status).toBe(404);
  });

  it('as of the first response: the events up to and including that position only', async () => {
    const res = await history(ids.x, r.auditor, { asOf: firstResponsePosition });
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe(firstResponsePosition);
    expect(res.body.events.map((e: { type: string }) => e.type)).toEqual(['ContributionReceived', 'ContributionResponded']);
    expect(res.body.events[1].position).toBe(firstResponsePosition);
  });

  it('refuses an asOf that is not a position or a time, or lies in the future (400 naming asOf)', async () => {
    for (const asOf of ['yesterday', '2021-02-30T10:00:00Z', new Date(Date.now() + 3_600_000).toISOString(), '999999999:1']) {
      const res = await history(ids.x, r.auditor, { asOf });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['asOf']);
    }
  });

  it('after the person is erased: the text is marked erased for everyone, the decisions and links stay', async () => {
    await r.post(`/v1/stakeholders/${citizen.id}/erasure`, r.poc, { reason: 'Request under the personal data law, ref. 2021/77' });
    const res = await history(ids.x, r.auditor);
    expect(res.status).toBe(200);
    const [received, ...rest] = res.body.events;
    expect(received.data.body).toBeNull();
    expect(received.erased).toEqual(['body']);
    expect(rest).toHaveLength(9);
    expect(rest.every((e: { erased: string[] }) => e.erased.length === 0)).toBe(true);
    expect(rest[2].data.rationale).toBe('The register will cover municipal councillors from 2022.');
    // The author itself can no longer read it either.
    expect((await history(ids.x, citizen.token)).body.events[0]).toEqual(expect.objectContaining({ erased: ['body'], data: expect.objectContaining({ body: null }) }));
  });
});
