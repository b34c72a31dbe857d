import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { NAP_APP_OPTIONS, RATIONALES, recordAlbaniaNap, TEXTS, type NapRecord } from '../support/albania-nap-record.js';
import { bearer, INSTITUTIONS, startTestApp, type TestApp } from '../support/app.js';
import { eventAppender, TEST_ACTORS } from '../support/projection-harness.js';

let t: TestApp;
let nap: NapRecord;
let last: string;
let poc: string;
let individual: string;

/** DESIGN.md's columns, in its order; issue 12's come after them. */
const COLUMNS = ['contributionId', 'consultationId', 'policyAreaId', 'channel', 'body', 'decision', 'rationale', 'commitmentIds'];
const ADDED = ['receivedAt', 'respondedAt', 'respondedByInstitution', 'publishedAt', 'consultationTitle', 'policyAreaName', 'commitmentTitles'];
const BOM = '\uFEFF';

/** The test's own RFC 4180 encoder, to check the service's CSV against its JSON. */
const field = (v: unknown): string => {
  const text = v === null || v === undefined ? '' : Array.isArray(v) ? v.join(';') : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

beforeAll(async () => {
  t = await startTestApp(NAP_APP_OPTIONS);
  nap = await recordAlbaniaNap(t);
  last = nap.last;
  poc = await t.token({ sub: 'poc-1', role: 'poc', institution: INSTITUTIONS.poc });
  individual = await t.token({ sub: nap.stakeholders.individual, role: 'stakeholder' });
});

afterAll(async () => {
  await t.close();
});

const matrix = (query: Record<string, unknown> = {}, token?: string) => {
  const req = t.http.get(`/v1/cycles/${nap.cycleId}/reasoned-response`).query({ consistentWith: last, ...query });
  return token ? req.set(bearer(token)) : req;
};

/** The matrix as the record says it should be: published, not withdrawn, in received order. */
function expectedRows() {
  const { c, consultations: k, areas, commitments } = nap;
  const wb = [commitments.whistleblowers];
  return [
    [c.c4, k.survey, areas.antiCorruption, 'survey', TEXTS.c4, 'partially_accepted', RATIONALES.c4, wb],
    // A duplicate shows its canonical's current (replaced, republished) response.
    [c.c3, k.survey, areas.antiCorruption, 'survey', TEXTS.c3, 'partially_accepted', RATIONALES.c4, wb],
    // Redacted: no body.
    [c.c9, k.survey, areas.antiCorruption, 'survey', null, 'noted', RATIONALES.c9, []],
    [c.c1, k.meeting, areas.antiCorruption, 'meeting', TEXTS.c1, 'accepted', RATIONALES.c1, [commitments.assets, commitments.whistleblowers].sort()],
    [c.c2, k.meeting, areas.antiCorruption, 'written', TEXTS.c2, 'partially_accepted', RATIONALES.c2, [commitments.assets]],
    // An individual's text is personal data: null for everyone.
    [c.c6, k.publicConsultation, null, 'online_comment', null, 'out_of_scope', RATIONALES.c6, []],
    [c.c7, k.publicConsultation, null, 'online_comment', TEXTS.c7, 'already_addressed', RATIONALES.c7, []],
  ] as const;
}

describe('reasoned-response projection (live runner, real PostgreSQL)', () => {
  it('publishes every published contribution in the contract column order, duplicates with their canonical values, without withdrawn, unpublished or personal text', async () => {
    const res = await matrix();
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    // The contract's columns first and in their order; the added ones after them.
    expect(res.body.items.map((item: object) => Object.keys(item))).toEqual(expectedRows().map(() => [...COLUMNS, ...ADDED]));
    expect(res.body.items.map((item: Record<string, unknown>) => COLUMNS.map((k) => item[k]))).toEqual(expectedRows());
    // c5 was withdrawn after publication; c8 was sent back for revision; c10 is not reviewed yet.
    const ids = res.body.items.map((i: { contributionId: string }) => i.contributionId);
    for (const hidden of [nap.c.c5, nap.c.c8, nap.c.c10]) expect(ids).not.toContain(hidden);
  });

  it('names what the ids stand for and says when and by whom each response was given and published', async () => {
    const res = await matrix();
    const row = (id: string) => res.body.items.find((i: { contributionId: string }) => i.contributionId === id);
    const c1 = row(nap.c.c1);
    expect(c1).toMatchObject({
      consultationTitle: expect.any(String),
      policyAreaName: 'Anti-Corruption',
      respondedByInstitution: INSTITUTIONS.justice,
    });
    expect(c1.commitmentTitles).toHaveLength(2);
    expect(c1.commitmentTitles.every((title: unknown) => typeof title === 'string' && title.length > 0)).toBe(true);
    for (const item of res.body.items) {
      expect(Date.parse(item.receivedAt)).toBeLessThanOrEqual(Date.parse(item.respondedAt));
      expect(Date.parse(item.respondedAt)).toBeLessThanOrEqual(Date.parse(item.publishedAt));
      expect(item.commitmentTitles).toHaveLength(item.commitmentIds.length);
    }
    // A duplicate shows when and by whom its canonical was answered.
    const canonical = row(nap.c.c4);
    expect(row(nap.c.c3)).toMatchObject({ respondedAt: canonical.respondedAt, respondedByInstitution: canonical.respondedByInstitution, publishedAt: canonical.publishedAt });
    // Outside any policy area: no area name; the POC answered.
    expect(row(nap.c.c7)).toMatchObject({ policyAreaName: null, respondedByInstitution: INSTITUTIONS.poc });
  });

  it('answers the same open data to anonymous callers, the POC and the individual who wrote the comment', async () => {
    const anonymous = await matrix();
    for (const token of [poc, individual]) {
      const res = await matrix({}, token);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(anonymous.body);
    }
    const row = anonymous.body.items.find((i: { contributionId: string }) => i.contributionId === nap.c.c6);
    expect(row.body).toBeNull();
    expect(JSON.stringify(anonymous.body)).not.toContain(TEXTS.c6);
  });

  it('exports the whole matrix as RFC 4180 CSV with Accept: text/csv, whatever the page size', async () => {
    const res = await matrix({ limit: 2 }).set('Accept', 'text/csv').buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="reasoned-response-${nap.cycleId}.csv"`);
    expect(res.headers.vary).toMatch(/Accept/);
    const { c, consultations: k, areas: a, commitments: m } = nap;
    const both = [m.assets, m.whistleblowers].sort().join(';');
    // UTF-8 with a byte-order mark, the contract's columns first, then the added ones.
    expect(res.text.startsWith(BOM)).toBe(true);
    const json = (await matrix({ limit: 500 })).body.items as Record<string, unknown>[];
    const header = [...COLUMNS, ...ADDED].join(',');
    expect(res.text).toBe(`${BOM}${header}\r\n${json.map((item) => `${[...COLUMNS, ...ADDED].map((col) => field(item[col])).join(',')}\r\n`).join('')}`);
    // Each record begins with exactly the values of the contract's columns.
    const records = res.text.slice(BOM.length + header.length + 2);
    const prefixes = [
      `${c.c4},${k.survey},${a.antiCorruption},survey,Make asset declarations searchable online,partially_accepted,Searchable register comes with the whistleblower protection portal,${m.whistleblowers}`,
      `${c.c3},${k.survey},${a.antiCorruption},survey,Asset declarations must be searchable by name and institution,partially_accepted,Searchable register comes with the whistleblower protection portal,${m.whistleblowers}`,
      `${c.c9},${k.survey},${a.antiCorruption},survey,,noted,Noted,`,
      `${c.c1},${k.meeting},${a.antiCorruption},meeting,Publish the asset declarations of high officials as machine-readable open data,accepted,Included as milestone 1: open data on the HIDAACI portal,${both}`,
      `${c.c2},${k.meeting},${a.antiCorruption},written,"Include judges and prosecutors in the asset declaration register.\nTheir family members too.",partially_accepted,"Judges and prosecutors are covered; their family members are not, under the law in force",${m.assets}`,
      `${c.c6},${k.publicConsultation},,online_comment,,out_of_scope,Customs audits are outside the Anti-Corruption area of this plan,`,
      `${c.c7},${k.publicConsultation},,online_comment,"Define ""high officials"", including deputy ministers, in the law",already_addressed,"Already defined by Law 9049/2003, article 3",`,
    ];
    let rest = records;
    for (const prefix of prefixes) {
      expect(rest.startsWith(prefix)).toBe(true);
      rest = rest.slice(rest.indexOf('\r\n', prefix.length) + 2);
    }
    expect(rest).toBe('');

    const noBom = await matrix({ bom: 'false' }).set('Accept', 'text/csv').buffer(true);
    expect(noBom.text).toBe(res.text.slice(BOM.length));
    expect((await matrix({ bom: 'maybe' }).set('Accept', 'text/csv')).status).toBe(400);
  });

  it('pages the JSON matrix with a cursor', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await matrix({ limit: 3, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.items.map((i: { contributionId: string }) => i.contributionId));
      cursor = res.body.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(expectedRows().map((r) => r[0]));
  });

  it('answers 404 problem+json for an unknown or malformed cycle (CSV too), 200 with no rows for a cycle with nothing published, 400 for bad parameters', async () => {
    for (const id of [randomUUID(), 'not-a-cycle']) {
      for (const accept of ['application/json', 'text/csv']) {
        const res = await t.http.get(`/v1/cycles/${id}/reasoned-response`).set('Accept', accept);
        expect(res.status).toBe(404);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(JSON.parse(res.text)).toMatchObject({ status: 404, code: 'CYCLE.NOT_FOUND' });
      }
    }
    const emptyCycle = randomUUID();
    const opened = await eventAppender(t.app.get<EventStore>(EVENT_STORE))(
      `cycle-${emptyCycle}`,
      'CycleOpened',
      { cycleId: emptyCycle, country: 'Albania', title: 'Albania NAP 2023–2025', periodStart: '2023-01-01', periodEnd: '2025-12-31', pocInstitution: INSTITUTIONS.poc, methodology: null, stage: 'preparation' },
      { actor: TEST_ACTORS.poc },
    );
    const empty = await t.http.get(`/v1/cycles/${emptyCycle}/reasoned-response`).query({ consistentWith: opened.position });
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ items: [], nextCursor: null });
    const emptyCsv = await t.http.get(`/v1/cycles/${emptyCycle}/reasoned-response`).set('Accept', 'text/csv').buffer(true);
    expect(emptyCsv.text).toBe(`${BOM}${[...COLUMNS, ...ADDED].join(',')}\r\n`);

    const bad = await matrix({ limit: 0, cursor: 'x', format: 'xls' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['limit', 'format']));
    expect((await matrix({ cursor: 'nonsense' })).status).toBe(400);
    expect((await matrix({ consistentWith: 'not-a-position' })).status).toBe(400);
  });

  it("takes a canonical and its duplicate out of the matrix when the canonical's response is replaced, until it is published again", async () => {
    const append = eventAppender(t.app.get<EventStore>(EVENT_STORE));
    const scope = { contributionId: nap.c.c4, cycleId: nap.cycleId, policyAreaId: nap.areas.antiCorruption };
    const step = async (type: string, data: Record<string, unknown>, actor = TEST_ACTORS.justice) => {
      last = (await append(`contribution-${nap.c.c4}`, type, { ...scope, ...data }, { actor, occurredAt: '2020-12-15T09:00:00Z' })).position;
    };
    await step('ContributionResponded', { responseNumber: 3, decision: 'accepted', rationale: 'Both commitments now cover it', commitmentIds: [nap.commitments.assets, nap.commitments.whistleblowers] });
    const ids = (await matrix()).body.items.map((i: { contributionId: string }) => i.contributionId);
    expect(ids).not.toContain(nap.c.c4);
    expect(ids).not.toContain(nap.c.c3);

    await step('ResponseReviewed', { responseNumber: 3, verdict: 'endorsed', comment: null }, TEST_ACTORS.poc);
    await step('ResponsePublished', { responseNumber: 3 }, TEST_ACTORS.poc);
    const items = (await matrix()).body.items.filter((i: { contributionId: string }) => [nap.c.c4, nap.c.c3].includes(i.contributionId));
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(item).toMatchObject({ decision: 'accepted', rationale: 'Both commitments now cover it', commitmentIds: [nap.commitments.assets, nap.commitments.whistleblowers].sort() });
    }
  });
});
