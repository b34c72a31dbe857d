import { DataSource } from 'typeorm';
import { ALL_PROJECTIONS } from '../../projections/index.js';
import { webPagesProjection } from '../../projections/web-pages/web-pages.projection.js';
import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { ConsistencyService } from '../../src/projection-runner/consistency.service.js';
import { readModelProgress } from '../../src/projection-runner/progress.js';
import { ComplianceFacts } from '../../src/web/compliance-facts.js';
import { publicSteps, type ContributionStep } from '../../src/web/queries/contribution-steps.js';
import { streams } from '../../src/shared/streams.js';
import { NAP_APP_OPTIONS, RATIONALES, recordAlbaniaNap, TEXTS, type NapRecord } from '../support/albania-nap-record.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { eventAppender, projectInBatches, TEST_ACTORS } from '../support/projection-harness.js';

/** The website's pages over real HTTP and PostgreSQL, on a record whose every case is known. */
let t: TestApp;
let nap: NapRecord;
let store: EventStore;

beforeAll(async () => {
  // No page cache: each reading below must show the record as it is.
  t = await startTestApp({ overrides: { ...NAP_APP_OPTIONS.overrides, WEB_PAGE_CACHE_MS: 0 } });
  nap = await recordAlbaniaNap(t);
  store = t.app.get<EventStore>(EVENT_STORE);
  await t.app.get(ConsistencyService).waitFor(ALL_PROJECTIONS.map((p) => p.name), nap.last);
});

afterAll(async () => {
  await t.close();
});

const get = (path: string, language = 'en') => t.http.get(path).set('Accept-Language', language);
/** The page's text, entities decoded, tags dropped. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('web-pages projection', () => {
  it('gives the same tables in batches of 1, 7 and 500, equal to the live ones', async () => {
    const dataSource = t.app.get(DataSource);
    const one = await projectInBatches(dataSource, store, webPagesProjection, 1);
    expect(await projectInBatches(dataSource, store, webPagesProjection, 7)).toEqual(one);
    expect(await projectInBatches(dataSource, store, webPagesProjection, 500)).toEqual(one);
    for (const table of webPagesProjection.tables) {
      expect(await dataSource.query(`SELECT * FROM public.${table} t ORDER BY to_jsonb(t)::text`)).toEqual(one[table]);
    }
    expect(one.web_commitment).toHaveLength(2);
    expect(one.web_report).toEqual([expect.objectContaining({ summary: 'Every remark answered', status: 'published', url: 'https://ogp.gov.al/reports/asset-declarations' })]);
  });
});

describe('a contribution page’s steps, read from its stream', () => {
  it('keep no contribution text, no stakeholder, no withdrawal reason and no review comment', async () => {
    const all: ContributionStep[] = [];
    for (const id of Object.values(nap.c)) all.push(...publicSteps(await store.readStream(streams.contribution(id))));
    expect(all.filter((s) => s.type === 'ContributionReceived')).toHaveLength(Object.keys(nap.c).length);
    const steps = JSON.stringify(all);
    for (const body of Object.values(TEXTS)) expect(steps).not.toContain(body);
    for (const id of Object.values(nap.stakeholders)) expect(steps).not.toContain(id);
    expect(steps).not.toContain('Merged into our joint submission');
    expect(steps).not.toContain('Say which ministry it went to');
    expect(steps).toContain('Names a private person'); // a moderator's reason is public
    expect(steps).toContain(RATIONALES.c1);
  });
});

describe('the pages, as anyone sees them', () => {
  it('show an organisation’s contribution and what became of it, with its public history', async () => {
    const res = await get(`/contributions/${nap.c.c1}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const page = text(res.text);
    expect(page).toContain(TEXTS.c1);
    expect(page).toContain(RATIONALES.c1);
    expect(page).toContain('Institute for Democracy and Mediation');
    expect(page).toContain('Asset declarations of high officials');
    expect(page).toContain('Cited in the published report of “Thematic meeting: asset declarations”');
    expect(page).toMatch(/The record as of .+, position \S+\./);
  });

  it('never show an individual’s name or text, nor a redacted text, and say why', async () => {
    const individual = text((await get(`/contributions/${nap.c.c6}`).expect(200)).text);
    expect(individual).not.toContain(TEXTS.c6);
    expect(individual).not.toContain('Arta Hoxha');
    expect(individual).toContain('it was written by an individual, and is personal data');
    expect(individual).toContain(RATIONALES.c6);
    const redacted = text((await get(`/contributions/${nap.c.c9}`).expect(200)).text);
    expect(redacted).not.toContain(TEXTS.c9);
    expect(redacted).toContain('The text was withheld by a moderator');
    await get(`/stakeholders/${nap.stakeholders.individual}`).expect(404);
    const consultation = text((await get(`/consultations/${nap.consultations.publicConsultation}`).expect(200)).text);
    expect(consultation).not.toContain(TEXTS.c6);
    expect(consultation).toContain(TEXTS.c7);
  });

  it('have no page for a withdrawn, an unreviewed or a sent-back contribution', async () => {
    for (const id of [nap.c.c5, nap.c.c10, nap.c.c8]) {
      const res = await get(`/contributions/${id}`).expect(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(text(res.text)).toContain('Page not found');
    }
  });

  it('show a duplicate with its canonical, and a commitment with the published contributions that shaped it', async () => {
    const dup = await get(`/contributions/${nap.c.c3}`).expect(200);
    expect(dup.text).toContain(`href="/contributions/${nap.c.c4}"`);
    const commitment = text((await get(`/commitments/${nap.commitments.assets}`).expect(200)).text);
    expect(commitment).toContain('Asset declarations of high officials, judges and prosecutors published as open data');
    expect(commitment).toContain('Asset declarations are filed on paper and cannot be checked by the public');
    expect(commitment).toContain('Revision 1');
    expect(commitment).toContain('and 1 contribution not published yet'); // c10: answered, not reviewed
  });

  it('filter a consultation’s contributions and the matrix, and refuse a bad filter with a 400 page naming it', async () => {
    const accepted = (await get(`/consultations/${nap.consultations.meeting}?decision=accepted`).expect(200)).text;
    expect(accepted).toContain(`/contributions/${nap.c.c1}`);
    expect(accepted).not.toContain(`/contributions/${nap.c.c2}`);
    expect(text(accepted)).toContain('Every remark answered');
    const found = (await get(`/cycles/${nap.cycleId}/reasoned-response?q=${encodeURIComponent('high officials')}`).expect(200)).text;
    expect(found).toContain(`/contributions/${nap.c.c1}`);
    expect(found).not.toContain(`/contributions/${nap.c.c2}"`);
    // A redacted text is not searched, though its row is in the matrix.
    expect((await get(`/cycles/${nap.cycleId}/reasoned-response`).expect(200)).text).toContain(`/contributions/${nap.c.c9}`);
    expect((await get(`/cycles/${nap.cycleId}/reasoned-response?q=${encodeURIComponent('naming a private person')}`).expect(200)).text).not.toContain(`/contributions/${nap.c.c9}`);
    const bad = await get(`/consultations/${nap.consultations.meeting}?decision=maybe`).expect(400);
    expect(text(bad.text)).toContain('decision');
    await get('/consultations/not-an-id').expect(404);
  });

  it('show a contribution as it stood at a past position', async () => {
    const events = await store.readStream(`contribution-${nap.c.c4}`);
    const firstPublished = events.find((e) => e.type === 'ResponsePublished' && e.data.responseNumber === 1)!;
    const then = text((await get(`/contributions/${nap.c.c4}?asOf=${encodeURIComponent(firstPublished.position)}`).expect(200)).text);
    expect(then).toContain(RATIONALES.c4first);
    expect(then).not.toContain(RATIONALES.c4); // the second response came later
    expect(then).toContain(`The record as it stood on`);
    expect(then).toContain(`position ${firstPublished.position}`);
    const now = text((await get(`/contributions/${nap.c.c4}`).expect(200)).text);
    expect(now).toContain(RATIONALES.c4);
    // Today the history shows both published responses, the first as it was published.
    const history = now.slice(now.indexOf('Its public history'));
    expect(history.indexOf(RATIONALES.c4first)).toBeGreaterThan(0);
    expect(history.indexOf(RATIONALES.c4first)).toBeLessThan(history.indexOf(RATIONALES.c4));
  });

  it('speak Albanian when asked, with the lang attribute, and the CSV is the open-data matrix', async () => {
    const res = await get(`/cycles/${nap.cycleId}`, 'sq-AL,sq;q=0.9').expect(200);
    expect(res.text).toContain('<html lang="sq">');
    expect(res.headers['content-language']).toBe('sq');
    expect(text(res.text)).toContain('Standardet e bashkëkrijimit të OGP');
    const csv = await t.http.get(`/cycles/${nap.cycleId}/reasoned-response.csv`).buffer(true).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text).toContain(TEXTS.c1);
    expect(csv.text).not.toContain(TEXTS.c6);
  });
});

describe('the cycle page’s compliance facts', () => {
  // Last: it appends to the record.
  it('brought forward from the last reading are those the read model holds, and the page shows what was added', async () => {
    const dataSource = t.app.get(DataSource);
    const before = text((await get(`/cycles/${nap.cycleId}`).expect(200)).text);
    expect(before).toContain('No forum meeting recorded.');

    const meetingId = randomUUID();
    const { position } = await eventAppender(store)(`cycle-${nap.cycleId}`, 'ForumMeetingHeld', { cycleId: nap.cycleId, meetingId, heldAt: '2020-10-01', minutesUrl: null, attendeeIds: [] }, { actor: TEST_ACTORS.poc, occurredAt: '2020-10-01T09:00:00Z' });
    await t.app.get(ConsistencyService).waitFor(ALL_PROJECTIONS.map((p) => p.name), position);

    const after = text((await get(`/cycles/${nap.cycleId}`).expect(200)).text);
    expect(after).toContain('1 forum meeting recorded.');
    // The facts the page used (kept, then brought forward through the port) equal a fresh reading of the read model.
    await dataSource.transaction('REPEATABLE READ', async (m) => {
      const seen = (await readModelProgress(m, ['compliance'])).get('compliance')!.seen!;
      const kept = await t.app.get(ComplianceFacts).read(m, nap.cycleId, seen);
      const fresh = await new ComplianceFacts(store).read(m, nap.cycleId, seen);
      expect(kept.map((f) => f.eventId)).toEqual(fresh.map((f) => f.eventId));
      expect(JSON.parse(JSON.stringify(kept))).toEqual(JSON.parse(JSON.stringify(fresh)));
      expect(kept.some((f) => f.type === 'ForumMeetingHeld' && f.data.meetingId === meetingId)).toBe(true);
    });
  });
});
