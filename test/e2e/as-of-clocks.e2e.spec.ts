import { AuditRecord } from '../support/audit-record.js';
import { bearer } from '../support/app.js';
import { settled } from '../support/open-record.js';

/**
 * The past by both clocks, on a backfilled record: everything below happened in 2020–21 (its
 * occurredAt) but was typed in today (its recordedAt). asOf asks what the record held at a moment
 * of recording; asOfOccurred what had happened in the world by a date, as the record tells it now;
 * both together, what the record said then about the world at that date.
 */
let r: AuditRecord;
let cycleId: string;
let meetingId: string;
const ids = { first: '', late: '', duplicate: '', canonical: '' };
/** The position right after the first contribution was recorded (before its response was). */
let afterFirst: string;

beforeAll(async () => {
  r = await AuditRecord.start();
  ({ cycleId } = await r.cycle('2020-07-01T09:00:00Z'));
  meetingId = (
    await r.post('/v1/consultations', r.poc, {
      cycleId,
      kind: 'thematic_meeting',
      title: 'Open contracting thematic meeting',
      announcedAt: '2020-09-21T09:00:00Z',
      opensAt: '2020-10-06T09:00:00Z',
      closesAt: '2020-10-30T17:00:00Z',
      occurredAt: '2020-09-21T09:00:00Z',
    })
  ).id;
  const contribute = async (body: string, at: string) =>
    (await r.post('/v1/contributions', r.poc, { consultationId: meetingId, channel: 'meeting', body, receivedAt: at, occurredAt: at })).id;
  ids.first = await contribute('Publish every contract above 10,000 EUR.', '2020-10-06T10:00:00Z');
  afterFirst = r.last;
  await r.post(`/v1/contributions/${ids.first}/responses`, r.poc, { decision: 'not_accepted', rationale: 'Thresholds are set by law.', occurredAt: '2021-01-15T09:00:00Z' });
  // Typed in after the response, though it happened in October 2020.
  ids.late = await contribute('Name the beneficial owners of contractors.', '2020-10-07T11:00:00Z');
  await r.post(`/v1/contributions/${ids.first}/review`, r.poc, { verdict: 'endorsed', occurredAt: '2021-01-20T09:00:00Z' });
  await r.post(`/v1/contributions/${ids.first}/publication`, r.poc, { occurredAt: '2021-02-01T09:00:00Z' });
  // A duplicate mark dated before its canonical was received (a careless backfill): the clocks disagree.
  ids.canonical = await contribute('Open data on procurement.', '2020-11-01T09:00:00Z');
  ids.duplicate = await contribute('Procurement as open data.', '2020-10-08T09:00:00Z');
  await r.post(`/v1/contributions/${ids.duplicate}/duplicate-of`, r.poc, { canonicalId: ids.canonical, occurredAt: '2020-10-10T09:00:00Z' });
  // The past is read from the log: wait until another test file's open transaction no longer hides its end.
  await settled(r.t);
}, 120_000);

afterAll(async () => {
  await r.close();
});

const get = (path: string, query: Record<string, string>, token = r.poc) => r.http.get(path).query(query).set(bearer(token));
const accountability = (id: string, query: Record<string, string>) => get(`/v1/contributions/${id}/accountability`, query);

describe('asOf (the recording clock)', () => {
  it('finds nothing on a date the record describes but had not recorded yet, and says when the record starts', async () => {
    const res = await accountability(ids.first, { asOf: '2020-12-01' });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'CONTRIBUTION.NOT_FOUND', asOf: '2020-12-01', recordStartsAt: expect.stringMatching(/^20\d\d-/) });
    expect(Date.parse(res.body.recordStartsAt)).toBeGreaterThan(Date.parse('2025-01-01'));
    expect(res.body.detail).toMatch(/before the record starts .*asOfOccurred=2020-12-01/);
  });
});

describe('asOfOccurred (the world\'s clock)', () => {
  it('answers what had happened by a date: received in October, answered in January, published in February', async () => {
    expect((await accountability(ids.first, { asOfOccurred: '2020-12-01' })).body).toMatchObject({ status: 'received', addressed: false, decision: null, respondedAt: null });
    expect((await accountability(ids.first, { asOfOccurred: '2021-01-16' })).body).toMatchObject({ status: 'responded', addressed: true, decision: 'not_accepted' });
    expect((await accountability(ids.first, { asOfOccurred: '2021-03-01' })).body).toMatchObject({ status: 'published', publishedAt: '2021-02-01T09:00:00.000Z' });
    expect((await accountability(ids.first, { asOfOccurred: '2020-10-01' })).status).toBe(404);
  });

  it('shows what was typed in late at the date it happened', async () => {
    expect((await accountability(ids.late, { asOfOccurred: '2020-12-01' })).body).toMatchObject({ status: 'received', receivedAt: '2020-10-07T11:00:00.000Z' });
  });

  it('answers the consultation summary, the history, the reasoned response and compliance at that date', async () => {
    const summary = await get(`/v1/consultations/${meetingId}/summary`, { asOfOccurred: '2020-12-01' });
    // first, late, canonical and the duplicate had been received; none answered yet.
    expect(summary.body).toMatchObject({ received: 4, addressed: 0, unaddressed: 4 });
    const history = await get(`/v1/contributions/${ids.first}/history`, { asOfOccurred: '2020-12-01' }, r.auditor);
    expect(history.body).toMatchObject({ asOfOccurred: '2020-12-01', asOf: null });
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['ContributionReceived']);
    expect((await get(`/v1/cycles/${cycleId}/reasoned-response`, { asOfOccurred: '2020-12-01' })).body.items).toEqual([]);
    expect((await get(`/v1/cycles/${cycleId}/reasoned-response`, { asOfOccurred: '2021-03-01' })).body.items.map((i: { contributionId: string }) => i.contributionId)).toEqual([ids.first]);
    const compliance = await get(`/v1/cycles/${cycleId}/compliance`, { asOfOccurred: '2020-12-01' });
    expect(compliance.status).toBe(200);
    // "Today" is the date asked about: a contribution answered later is still open then.
    expect(compliance.body.evaluatedAt).toBe('2020-12-01T00:00:00.000Z');
    const reasoned = compliance.body.checks.find((c: { id: string }) => c.id === 'reasoned_response_published');
    expect(reasoned.detail).toMatch(/^0 of 4 contributions/);
  });

  it('keeps an event out when what it needs had not happened yet (a duplicate marked before its canonical was received)', async () => {
    const before = await accountability(ids.duplicate, { asOfOccurred: '2020-10-20' });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ status: 'received', duplicateOf: null });
    expect((await accountability(ids.duplicate, { asOfOccurred: '2020-11-02' })).body).toMatchObject({ status: 'duplicate', duplicateOf: ids.canonical });
    expect((await get(`/v1/consultations/${meetingId}/summary`, { asOfOccurred: '2020-10-20' })).status).toBe(200);
  });

  it('refuses what is not a time, naming the parameter', async () => {
    const res = await accountability(ids.first, { asOfOccurred: r.last });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'asOfOccurred', reason: expect.stringMatching(/ISO 8601/) }]);
    expect((await accountability(ids.first, { asOfOccurred: '2999-01-01' })).body.errors).toEqual([{ field: 'asOfOccurred', reason: 'must not be in the future' }]);
  });
});

describe('both clocks together', () => {
  it('answers what the record said at one moment about the world at another', async () => {
    // Recorded by then: the first contribution only, not yet its response — whatever the world's date.
    expect((await accountability(ids.first, { asOf: afterFirst, asOfOccurred: '2021-03-01' })).body).toMatchObject({ status: 'received', decision: null });
    // The late one had happened by December 2020, but the record did not hold it yet.
    expect((await accountability(ids.late, { asOf: afterFirst, asOfOccurred: '2020-12-01' })).status).toBe(404);
    expect((await accountability(ids.late, { asOf: r.last, asOfOccurred: '2020-12-01' })).status).toBe(200);
    const summary = await get(`/v1/consultations/${meetingId}/summary`, { asOf: afterFirst, asOfOccurred: '2020-12-01' });
    expect(summary.body).toMatchObject({ received: 1, addressed: 0 });
  });
});
