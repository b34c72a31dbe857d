import axe from 'axe-core';
import { mkdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { runDemo, type DemoResult } from '../../demo/albania-2020.js';
import { fetchClient } from '../../demo/client.js';
import { stakeholders } from '../../demo/data.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { signToken } from '../../src/security/tokens.js';
import { bearer, startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/app.js';
import { REASONED_RESPONSE_COLUMNS } from '../../projections/reasoned-response/reasoned-response.queries.js';
import { launchChromium } from './chromium.js';

/** The two tests that visit every page (twice over for axe): time enough on a shared, loaded machine. */
const PAGE_SWEEP_TIMEOUT_MS = 300_000;

/**
 * The public website in a real browser (Debian's Chromium through playwright-core), after the
 * Albania 2020–2022 demo has been recorded through the API: one demo load for the whole file.
 */
let t: TestApp;
let base: string;
let demo: DemoResult;
let context: BrowserContext;
let profile: string;
let page: Page;
/** Every individual's name, email and (not also said by an organisation) contribution text. */
let personal: string[];

export const SCREENSHOTS = path.resolve('test-results', 'web-screenshots');

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

beforeAll(async () => {
  ({ context, profile } = await launchChromium());
  page = await context.newPage();
  t = await startTestApp({ overrides: { CONSISTENCY_TIMEOUT_MS: 60_000 } });
  await t.app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  demo = await runDemo(fetchClient(base), { jwtSecret: TEST_JWT_SECRET });
  // Wait until every read model has seen the last command.
  await t.http.get(`/v1/cycles/${demo.cycleId}/reasoned-response`).query({ consistentWith: demo.position }).expect(200);
  for (const p of ['/v1/cycles/' + demo.cycleId, `/v1/cycles/${demo.cycleId}/timeline`]) await t.http.get(p).query({ consistentWith: demo.position }).expect(200);

  const poc = await signToken(TEST_JWT_SECRET, demo.actors.poc);
  const individuals = stakeholders().filter((s) => s.kind === 'individual');
  const individualIds = new Set(individuals.map((s) => demo.stakeholders[s.key]));
  const bodies: Array<{ stakeholderId: string | null; body: string | null }> = [];
  for (let cursor: string | null = null; ; ) {
    const res: { body: { items: Array<{ stakeholderId: string | null; body: string | null }>; nextCursor: string | null } } = await t.http
      .get('/v1/contributions')
      .query({ cycleId: demo.cycleId, limit: 500, consistentWith: demo.position, ...(cursor ? { cursor } : {}) })
      .set(bearer(poc))
      .expect(200);
    bodies.push(...res.body.items);
    cursor = res.body.nextCursor;
    if (!cursor) break;
  }
  const byOrganisations = new Set(bodies.filter((b) => !individualIds.has(b.stakeholderId ?? '')).map((b) => b.body));
  // A survey proposal an individual gave word for word, as an organisation did too, is public through the organisation.
  const texts = bodies.filter((b) => individualIds.has(b.stakeholderId ?? '') && b.body && !byOrganisations.has(b.body)).map((b) => b.body!);
  personal = [...individuals.flatMap((s) => [s.name, s.email!]), ...texts];
  expect(texts.length).toBeGreaterThan(0);
  await rm(SCREENSHOTS, { recursive: true, force: true });
  await mkdir(SCREENSHOTS, { recursive: true });
}, 600_000);

afterAll(async () => {
  await context?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
  await t?.close();
  if (SCREENSHOTS) console.log(`web: screenshots of every page type (desktop and 375 px phone) are in ${SCREENSHOTS}`);
});

const url = (p: string) => `${base}${p}`;

async function open(p: string, language = 'en'): Promise<{ status: number; text: string }> {
  await page.setExtraHTTPHeaders({ 'Accept-Language': language });
  const res = await page.goto(url(p));
  return { status: res!.status(), text: await page.innerText('main') };
}

function pageTypes(): Record<string, string> {
  const consultation = demo.consultations.m1;
  return {
    home: '/',
    cycle: `/cycles/${demo.cycleId}`,
    consultation: `/consultations/${consultation}`,
    contribution: `/contributions/${demo.named.revisionRequested}`,
    commitment: `/commitments/${demo.commitments.ac1 ?? Object.values(demo.commitments)[0]}`,
    matrix: `/cycles/${demo.cycleId}/reasoned-response`,
    stakeholder: '', // filled from a contribution page below
  };
}

async function anOrganisation(): Promise<string> {
  await open(`/contributions/${demo.named.accepted}`);
  const href = await page.getAttribute('a[href^="/stakeholders/"]', 'href');
  expect(href).toMatch(/^\/stakeholders\//);
  return href!;
}

describe('the public website in Chromium', () => {
  it('lists the cycles and shows the cycle: timeline, figures, charts, and the OGP checks with evidence in words', async () => {
    let r = await open('/');
    expect(r.status).toBe(200);
    expect(r.text).toContain('Albania');
    expect(r.text).toMatch(/The record as of .+, position \d+/);

    r = await open(`/cycles/${demo.cycleId}`);
    expect(r.status).toBe(200);
    expect(r.text).toContain('Integrated Policy Management Group');
    expect(r.text).toMatch(/contributions received/);
    expect(r.text).toMatch(/median time to a response/);
    // Three charts, each an SVG image with a name, and a table of its figures.
    expect(await page.locator('figure.chart svg[role="img"]').count()).toBe(3);
    expect(await page.locator('figure.chart table').count()).toBe(3);
    const forum = page.locator('li.check', { hasText: 'The multi-stakeholder forum meets regularly' });
    expect(await forum.locator('.status').innerText()).toBe('Not met');
    await forum.locator('summary').click();
    const evidence = await forum.locator('details').innerText();
    expect(evidence).toMatch(/The cycle opened on July \d+, 2020/);
    // Evidence is said in words: never an event id.
    const checks = await page.locator('#compliance').innerText();
    expect(checks).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(await page.locator('#compliance a[href^="/consultations/"]').count()).toBeGreaterThan(0);
  });

  it('shows a consultation with its materials, report and contributions, filtered and paged', async () => {
    const p = `/consultations/${demo.consultations.m1}`;
    let r = await open(p);
    expect(r.status).toBe(200);
    expect(r.text).toContain('Materials');
    expect(await page.locator('#materials li').count()).toBeGreaterThan(0);
    expect(await page.locator('#report a').count()).toBeGreaterThan(0);
    expect(await page.locator('#contributions li.contribution').count()).toBeGreaterThan(0);

    r = await open(`${p}?decision=accepted`);
    expect(r.status).toBe(200);
    const badges = await page.locator('#contributions li.contribution .badge').allInnerTexts();
    expect(badges.length).toBeGreaterThan(0);
    expect(new Set(badges)).toEqual(new Set(['Accepted']));

    // Paged: five to a page here, so the survey's contributions run over several pages.
    await open(`/consultations/${demo.consultations['survey-ac']}?limit=5`);
    expect(await page.locator('#contributions li.contribution').count()).toBe(5);
    const next = await page.getAttribute('a[rel="next"]', 'href');
    expect(next).toContain('cursor=');
    const first = await page.locator('#contributions li.contribution h3 a').first().innerText();
    await open(next!);
    expect(await page.locator('#contributions li.contribution h3 a').first().innerText()).not.toBe(first);
  });

  it('answers "you said, we did" for a contribution, with its public history', async () => {
    const r = await open(`/contributions/${demo.named.revisionRequested}`);
    expect(r.status).toBe(200);
    expect(r.text).toContain('You said');
    expect(r.text).toContain('We did');
    expect(r.text).toContain('asked for the response to be revised');
    expect(r.text).toContain('The response was published');
    // An unpublished contribution has no page; the duplicate shows its canonical.
    expect((await open(`/contributions/${demo.named.unpublished}`)).status).toBe(404);
    const dup = await open(`/contributions/${demo.named.duplicate}`);
    expect(dup.status).toBe(200);
    expect(dup.text).toContain('Grouped as a duplicate of contribution');
  });

  it('shows a commitment with its revisions and the contributions that shaped it, and the matrix with search and CSV', async () => {
    let r = await open(pageTypes().commitment);
    expect(r.status).toBe(200);
    expect(r.text).toContain('The contributions that shaped it');
    expect(r.text).toContain('Revision 1');

    r = await open(`/cycles/${demo.cycleId}/reasoned-response`);
    expect(r.status).toBe(200);
    expect(await page.locator('.matrix tbody tr').count()).toBeGreaterThan(10);
    await page.fill('#f-q', 'procurement');
    await page.click('form.filters button');
    const rows = await page.locator('.matrix tbody tr').allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.toLowerCase()).toContain('procurement');
    const csv = await context.request.get(url(`/cycles/${demo.cycleId}/reasoned-response.csv`));
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    // The API's open-data CSV: a byte-order mark (so Excel reads the Albanian right), then its columns.
    expect((await csv.text()).split('\r\n')[0]).toBe(`\uFEFF${REASONED_RESPONSE_COLUMNS.join(',')}`);
    // The print style leaves the matrix alone on the page.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.site').isVisible()).toBe(false);
    expect(await page.locator('form.filters').isVisible()).toBe(false);
    expect(await page.locator('.matrix table').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('has a page for an organisation, and none for an individual', async () => {
    const org = await anOrganisation();
    const r = await open(org);
    expect(r.status).toBe(200);
    expect(r.text).toContain('What it said, and what became of it');
    const individual = demo.stakeholders['ind-03'];
    expect((await open(`/stakeholders/${individual}`)).status).toBe(404);
  });

  it('shows the record as it stood at a past date', async () => {
    // The position at which the cycle entered the pre-consultation (asOf by time means "as recorded by then").
    const events = await t.app.get<EventStore>(EVENT_STORE).readStream(`cycle-${demo.cycleId}`);
    const entered = events.find((e) => e.type === 'CycleStageAdvanced' && e.data.to === 'pre_consultation')!;
    const r = await open(`/cycles/${demo.cycleId}?asOf=${encodeURIComponent(entered.position)}`);
    expect(r.status).toBe(200);
    expect(r.text).toContain(`The record as it stood on`);
    expect(r.text).toContain(`position ${entered.position}`);
    expect(await page.locator('.stages li.current').innerText()).toContain('Pre-consultation');
    expect(r.text).toContain('Not submitted yet.');
    expect((await open(`/cycles/${demo.cycleId}?asOf=tomorrow`)).status).toBe(400);
    expect(await page.innerText('main')).toContain('asOf');
  });

  it('switches language by Accept-Language and by the visible switch, with lang attributes', async () => {
    let r = await open('/', 'sq');
    expect(await page.getAttribute('html', 'lang')).toBe('sq');
    expect(r.text).toContain('Ciklet e planit të veprimit');
    await page.click('nav.languages a[lang="en"]');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.innerText('h1')).toBe('Action plan cycles');
    // The choice is remembered: the next page, still asked for in Albanian, stays English.
    r = await open(`/cycles/${demo.cycleId}`, 'sq');
    expect(r.status).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.click('nav.languages a[lang="sq"]');
    expect(await page.getAttribute('html', 'lang')).toBe('sq');
    expect(await page.innerText('main')).toContain('Standardet e bashkëkrijimit të OGP');
    expect(await page.innerText('main')).toContain('I papërmbushur');
    await page.click('nav.languages a[lang="en"]');
  });

  it('passes axe-core (WCAG 2.1 A and AA) on every page type, at desktop and phone width, and writes screenshots', async () => {
    const types = { ...pageTypes(), stakeholder: await anOrganisation(), notFound: '/contributions/00000000-0000-4000-8000-000000000000' };
    const failures: string[] = [];
    for (const [name, p] of Object.entries(types)) {
      for (const [device, viewport] of [
        ['desktop', { width: 1280, height: 900 }],
        ['phone', { width: 375, height: 812 }],
      ] as const) {
        await page.setViewportSize(viewport);
        await open(p);
        await page.addScriptTag({ content: axe.source });
        // Strings, not functions: the test is compiled without the DOM's types.
        const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} } })`)) as axe.AxeResults;
        for (const v of result.violations) failures.push(`${name} (${device}): ${v.id} — ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(' ')})`);
        // Readable on a 375-px phone: nothing wider than the screen.
        const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
        if (width > viewport.width) failures.push(`${name} (${device}): the page is ${width}px wide`);
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${device}.png`), fullPage: true });
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(failures).toEqual([]);
  }, PAGE_SWEEP_TIMEOUT_MS);

  it('crawls every internal link from / with no broken link, no 5xx, and no individual’s name, email or text', async () => {
    const seen = new Set<string>(['/']);
    const queue = ['/'];
    const broken: string[] = [];
    const leaks: string[] = [];
    let pages = 0;
    while (queue.length > 0 && pages < 5000) {
      const p = queue.shift()!;
      const res = await context.request.get(url(p), { headers: { 'Accept-Language': 'en' }, maxRedirects: 0 });
      pages++;
      if (res.status() >= 400) {
        broken.push(`${p} → ${res.status()}`);
        continue;
      }
      if (!(res.headers()['content-type'] ?? '').startsWith('text/html')) continue;
      const body = decode(await res.text());
      for (const text of personal) if (body.includes(text)) leaks.push(`${p} holds "${text.slice(0, 60)}"`);
      for (const [, raw] of body.matchAll(/href="([^"]+)"/g)) {
        const target = new URL(raw, url(p));
        if (target.origin !== base) continue;
        const key = `${target.pathname}${target.search}`;
        if (!seen.has(key)) {
          seen.add(key);
          queue.push(key);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(leaks).toEqual([]);
    // Every page type was reached by following links.
    for (const prefix of ['/cycles/', '/consultations/', '/contributions/', '/commitments/', '/stakeholders/']) expect([...seen].some((s) => s.startsWith(prefix))).toBe(true);
    expect([...seen].some((s) => s.endsWith('/reasoned-response'))).toBe(true);
    expect(pages).toBeGreaterThan(200);
  }, PAGE_SWEEP_TIMEOUT_MS);
});
