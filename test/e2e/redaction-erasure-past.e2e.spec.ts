import { bearer, INSTITUTIONS, startTestApp, type TestApp } from '../support/app.js';
import { tokensFor } from '../support/open-record.js';

/**
 * Redaction and erasure apply to every answer, those about the past included (issue 14): a
 * redacted remark and an erased person's words and name are searched for in every answer the
 * public and an auditor can get — live, asOf a position before the redaction and the erasure,
 * asOfOccurred, histories, exports, single events.
 */
const CANARY = {
  redacted: 'REDACTED-CANARY names a private person, Arben K., as corrupt',
  erasedText: 'ERASED-CANARY my neighbour at the registry office asked me for money',
  erasedName: 'ERASED-CANARY-NAME Drita Kelmendi',
} as const;

let t: TestApp;
let tokens: Awaited<ReturnType<typeof tokensFor>>;
let last = '';
const ids = { cycle: '', area: '', meeting: '', commitment: '', cso: '', person: '', redacted: '', personal: '', report: '' };
/** Before the redaction and the erasure were recorded. */
let before = '';

async function post(path: string, token: string, body: object): Promise<{ id: string; position: string }> {
  const res = await t.http.post(path).set(bearer(token)).send(body);
  if (res.status >= 300) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  last = res.body.position;
  return res.body;
}

beforeAll(async () => {
  t = await startTestApp();
  tokens = await tokensFor(t);
  const { poc, lfp } = tokens;
  ids.cycle = (await post('/v1/cycles', poc, { country: 'Albania', title: 'NAP', periodStart: '2020-09-01', periodEnd: '2022-08-31', pocInstitution: INSTITUTIONS.poc })).id;
  ids.area = (await post(`/v1/cycles/${ids.cycle}/policy-areas`, poc, { name: 'Anti-Corruption', leadInstitution: INSTITUTIONS.justice })).id;
  ids.cso = (await post('/v1/stakeholders', poc, { kind: 'cso', name: 'Albanian Helsinki Committee' })).id;
  ids.person = (await post('/v1/stakeholders', poc, { kind: 'individual', name: CANARY.erasedName, email: 'drita@example.al' })).id;
  const person = await t.token({ sub: ids.person, role: 'stakeholder' });
  const cso = await t.token({ sub: ids.cso, role: 'stakeholder' });
  ids.commitment = (
    await post('/v1/commitments', lfp, {
      cycleId: ids.cycle,
      policyAreaId: ids.area,
      title: 'Asset declarations online',
      problem: 'They cannot be consulted.',
      description: 'Publish them as open data.',
      ogpValues: ['transparency'],
      milestones: [{ title: 'Online', dueDate: '2021-06-30' }],
      leadInstitution: INSTITUTIONS.justice,
    })
  ).id;
  ids.meeting = (
    await post('/v1/consultations', lfp, {
      cycleId: ids.cycle,
      policyAreaId: ids.area,
      kind: 'thematic_meeting',
      title: 'Anti-Corruption meeting',
      announcedAt: '2020-09-21T09:00:00Z',
      opensAt: '2020-10-06T09:00:00Z',
      closesAt: '2020-10-06T13:00:00Z',
    })
  ).id;
  ids.redacted = (await post('/v1/contributions', cso, { consultationId: ids.meeting, channel: 'meeting', body: CANARY.redacted })).id;
  ids.personal = (await post('/v1/contributions', person, { consultationId: ids.meeting, channel: 'meeting', body: CANARY.erasedText })).id;
  for (const id of [ids.redacted, ids.personal]) {
    await post(`/v1/contributions/${id}/responses`, lfp, { decision: 'partially_accepted', rationale: 'Taken into the commitment', commitmentIds: [ids.commitment] });
    await post(`/v1/contributions/${id}/review`, poc, { verdict: 'endorsed' });
    await post(`/v1/contributions/${id}/publication`, poc, {});
  }
  ids.report = (await post('/v1/reports', lfp, { consultationId: ids.meeting, summary: 'Two remarks recorded.' })).id;
  await post(`/v1/reports/${ids.report}/submission`, lfp, {});
  await post(`/v1/reports/${ids.report}/acceptance`, poc, {});
  await post(`/v1/reports/${ids.report}/publication`, poc, {});
  before = last;
  await post(`/v1/contributions/${ids.redacted}/redaction`, poc, { reason: 'names a private person' });
  await post(`/v1/stakeholders/${ids.person}/erasure`, poc, { reason: 'the person asked for it' });
}, 120_000);

afterAll(async () => {
  await t.close();
});

describe('a redacted and an erased text', () => {
  it('are in no answer the public or an auditor can get, about now or about the past', async () => {
    const eventIds = (await t.http.get('/v1/audit/events').set(bearer(tokens.auditor))).text
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { eventId: string }).eventId);
    const now = new Date().toISOString();
    const past: Record<string, string>[] = [{}, { asOf: before }, { asOfOccurred: now }, { asOf: before, asOfOccurred: now }];
    const reads: Array<[string, Record<string, string>]> = [
      ...[ids.redacted, ids.personal].flatMap((id) =>
        past.flatMap((q): Array<[string, Record<string, string>]> => [
          [`/v1/contributions/${id}/accountability`, q],
          [`/v1/contributions/${id}/history`, q],
        ]),
      ),
      ...past.flatMap((q): Array<[string, Record<string, string>]> => [
        [`/v1/cycles/${ids.cycle}/reasoned-response`, q],
        [`/v1/consultations/${ids.meeting}/summary`, q],
        [`/v1/cycles/${ids.cycle}/compliance`, q],
      ]),
      ['/v1/contributions', { cycleId: ids.cycle }],
      [`/v1/cycles/${ids.cycle}/timeline`, {}],
      [`/v1/commitments/${ids.commitment}/traceability`, {}],
      [`/v1/reports/${ids.report}`, {}],
      ['/v1/reports', {}],
      ['/v1/stakeholders', {}],
      ['/v1/stakeholders', { q: 'drita' }],
      [`/v1/stakeholders/${ids.person}/contributions`, {}],
      [`/v1/stakeholders/${ids.cso}/contributions`, {}],
      ['/v1/exports/reasoned-response.csv', {}],
      ['/v1/exports/contributions.ndjson', {}],
      ['/v1/exports/events.ndjson', {}],
      ...eventIds.map((id): [string, Record<string, string>] => [`/v1/events/${id}`, {}]),
    ];
    const leaks: string[] = [];
    let answered = 0;
    for (const [path, query] of reads) {
      for (const [who, token] of [['public', undefined], ['auditor', tokens.auditor]] as const) {
        const req = t.http.get(path).query(path.startsWith('/v1/exports') || path.startsWith('/v1/events') ? query : { ...query, consistentWith: last }).buffer(true);
        const res = await (token ? req.set(bearer(token)) : req);
        if (res.status < 300) answered++;
        for (const canary of Object.values(CANARY)) if (res.text.includes(canary)) leaks.push(`${who} ${path}?${new URLSearchParams(query)}: ${canary}`);
      }
    }
    expect(leaks).toEqual([]);
    // The searches found answers to search (not just 401s and 404s).
    expect(answered).toBeGreaterThan(reads.length);
    // The CSV the issue named: anonymous, as of a position before the redaction.
    const matrix = await t.http.get(`/v1/cycles/${ids.cycle}/reasoned-response`).query({ asOf: before });
    expect(matrix.body.items.find((i: { contributionId: string }) => i.contributionId === ids.redacted)).toMatchObject({ body: null, decision: 'partially_accepted' });
  }, 180_000);

  it('stay readable to the POC where the record keeps them (redaction), and to no one after erasure', async () => {
    const redacted = await t.http.get(`/v1/contributions/${ids.redacted}/accountability`).set(bearer(tokens.poc)).query({ asOf: before });
    expect(redacted.body).toMatchObject({ body: CANARY.redacted, redacted: true });
    const erased = await t.http.get(`/v1/contributions/${ids.personal}/accountability`).set(bearer(tokens.poc)).query({ asOf: before });
    expect(erased.body).toMatchObject({ body: null, bodyErased: true, stakeholderName: null, decision: 'partially_accepted' });
    // The raw log keeps the stored bytes (digests are computed over them): an erased person's words are ciphertext there.
    expect((await t.http.get('/v1/audit/events').set(bearer(tokens.auditor))).text).not.toContain(CANARY.erasedText);
  });
});
