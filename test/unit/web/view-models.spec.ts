import type { AccountabilityView } from '../../../projections/accountability/accountability.queries.js';
import { evaluateCompliance, type ComplianceFact } from '../../../projections/compliance/compliance.rules.js';
import { chartFigure, chartSvg } from '../../../src/web/charts.js';
import { html } from '../../../src/web/html.js';
import { loadMessages, Translations } from '../../../src/web/i18n.js';
import type { RecordStamp } from '../../../src/web/record-reader.js';
import type { ConsultationPageData } from '../../../src/web/queries/consultation.query.js';
import type { ContributionPageData } from '../../../src/web/queries/contribution.query.js';
import { groupEvidence, type CyclePageData } from '../../../src/web/queries/cycle.query.js';
import type { StakeholderPageData } from '../../../src/web/queries/stakeholder.query.js';
import { consultationVM, contributionVM, cycleVM, homeVM, stakeholderVM } from '../../../src/web/view-models/pages.js';

/** What each page shows, from its data, without a database or a browser. */
const translations = new Translations();
const en = translations.for('en');
const sq = translations.for('sq');
const live: RecordStamp = { position: '1234:5678', at: '2020-12-31T12:00:00.000Z', asOf: null };
const past: RecordStamp = { position: '900:10', at: '2020-09-01T00:00:00.000Z', asOf: '900:10' };

const CYCLE = '11111111-1111-4111-8111-111111111111';
const AREA = '22222222-2222-4222-8222-222222222222';
const CONSULTATION = '33333333-3333-4333-8333-333333333333';
const ORG = '44444444-4444-4444-8444-444444444444';
const COMMITMENT = '55555555-5555-4555-8555-555555555555';
const cycleRef = { cycleId: CYCLE, title: 'Albania NAP 2020–2022', policyAreas: [{ id: AREA, name: 'Anti-Corruption', leadInstitution: 'Ministry of Justice' }] };

function contribution(id: string, over: Partial<AccountabilityView> = {}): AccountabilityView {
  return {
    contributionId: id,
    cycleId: CYCLE,
    consultationId: CONSULTATION,
    consultationTitle: 'Thematic meeting on anti-corruption',
    policyAreaId: AREA,
    policyAreaName: 'Anti-Corruption',
    leadInstitution: 'Ministry of Justice',
    stakeholderId: ORG,
    stakeholderName: 'IDM',
    channel: 'meeting',
    body: 'Publish all procurement contracts as open data.',
    bodyErased: false,
    commitmentId: null,
    commitmentTitle: null,
    receivedAt: '2020-09-20T10:00:00.000Z',
    late: false,
    source: null,
    status: 'published',
    addressed: true,
    decision: 'accepted',
    rationale: 'Agreed: commitment ac1 publishes them.',
    commitmentIds: [COMMITMENT],
    commitmentTitles: ['Asset declarations online'],
    responseNumber: 1,
    respondedAt: '2020-10-05T10:00:00.000Z',
    respondedBy: { id: null, institution: 'Ministry of Justice' },
    reviewVerdict: 'endorsed',
    reviewComment: null,
    publishedAt: '2020-10-10T10:00:00.000Z',
    duplicateOf: null,
    daysToResponse: 15,
    withdrawn: false,
    withdrawnAt: null,
    redacted: false,
    redactionReason: null,
    revision: 1,
    position: '1:1',
    ...over,
  };
}

describe('messages', () => {
  it('every language file has every English message, and each one formats', () => {
    const files = loadMessages();
    const english = Object.keys(files.get('en')!);
    for (const [code, messages] of files) {
      expect({ code, missing: english.filter((k) => !(k in messages)) }).toEqual({ code, missing: [] });
      const t = translations.for(code);
      for (const key of english) {
        // Every variable the message names gets a value (a number serves as text, count and date alike).
        const names = [...(messages[key] ?? files.get('en')![key]).matchAll(/\{\s*([A-Za-z_]\w*)/g)].map((m) => m[1]);
        expect(() => t.t(key, Object.fromEntries(names.map((n) => [n, 2])))).not.toThrow();
      }
    }
  });

  it('a message id no file has fails loudly instead of showing the id', () => {
    expect(() => en.t('no.such.message')).toThrow();
  });
});

describe('html', () => {
  it('escapes every value it is given, so a record text cannot inject markup', () => {
    const title = '<script>alert("x")</script> & co';
    expect(html`<h1>${title}</h1>`.value).toBe('<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</h1>');
  });
});

describe('charts', () => {
  const chart = { kind: 'bar' as const, id: 'c1', title: 'Decisions <by> area', description: 'How many of each', categoryLabel: 'Area', categories: ['A&B', 'C'], series: [{ name: 'Accepted', values: [3, 1] }] };

  it('are SVG drawn by ECharts, labelled as an image with a title and a description, with the figures as a table', () => {
    const svg = chartSvg(chart);
    expect(svg).toMatch(/^<svg class="chart-svg" role="img" aria-labelledby="c1-title c1-desc"/);
    expect(svg).toContain('<title id="c1-title">Decisions &lt;by&gt; area</title>');
    expect(svg).toContain('A&amp;B');
    const figure = chartFigure(chart, 'The figures').value;
    expect(figure).toContain('<th scope="row">A&amp;B</th><td>3</td>');
  });

  it('are drawn once for the same data (the second is the cached SVG)', () => {
    expect(chartSvg(chart)).toBe(chartSvg({ ...chart }));
  });
});

describe('home page', () => {
  it('lists the cycles with their period and stage, in the reader’s language', () => {
    const data = { cycles: [{ cycleId: CYCLE, country: 'Albania', title: 'Albania NAP 2020–2022', periodStart: '2020-07-01', periodEnd: '2022-06-30', stage: 'submitted' }] };
    const vm = homeVM(en, data, live);
    expect(vm.cycles[0]).toEqual({ href: `/cycles/${CYCLE}`, title: 'Albania NAP 2020–2022', country: 'Albania', period: 'July 1, 2020 – June 30, 2022', stage: 'Submitted' });
    expect(vm.layout.stamp).toBe('The record as of December 31, 2020 at 12:00 PM UTC, position 1234:5678.');
    expect(homeVM(sq, data, live).cycles[0].stage).toBe('Dorëzuar');
  });

  it('as of a past point, says so, keeps the point in every link, and offers the record as it stands', () => {
    const vm = homeVM(en, { cycles: [{ cycleId: CYCLE, country: 'Albania', title: 'T', periodStart: '2020-07-01', periodEnd: '2022-06-30', stage: 'drafting' }] }, past);
    expect(vm.layout.stamp).toMatch(/^The record as it stood on September 1, 2020/);
    expect(vm.cycles[0].href).toBe(`/cycles/${CYCLE}?asOf=900%3A10`);
    expect(vm.layout.now).toEqual({ href: '/', label: 'See the record as it stands now.' });
  });
});

describe('cycle page', () => {
  const at = (d: string) => new Date(`${d}T10:00:00Z`);
  const facts: ComplianceFact[] = [
    { eventId: 'e1', type: 'CycleOpened', position: '1', occurredAt: at('2020-07-01'), data: { title: 'Albania NAP 2020–2022' } },
    { eventId: 'e2', type: 'ConsultationAnnounced', position: '2', occurredAt: at('2020-07-21'), data: { consultationId: CONSULTATION, kind: 'survey', title: 'Pre-consultation survey', announcedAt: '2020-07-21T10:00:00Z', opensAt: '2020-08-05T10:00:00Z' } },
  ];
  const compliance = evaluateCompliance(CYCLE, facts, at('2020-09-01'))!;
  const data: CyclePageData = {
    cycle: { ...cycleRef, country: 'Albania', periodStart: '2020-07-01', periodEnd: '2022-06-30', pocInstitution: 'Office of the Prime Minister', methodology: null, stage: 'pre_consultation', approval: null, submission: null, openedAt: '2020-07-01T10:00:00Z' },
    milestones: [{ milestoneId: 'm', stage: 'preparation', title: 'Methodology', dueDate: '2020-07-10', dueBy: '2020-07-10T23:59:59Z', completedAt: '2020-07-12T10:00:00Z', evidence: null }],
    stageChanges: [{ to: 'preparation', occurredAt: '2020-07-01T10:00:00Z' }, { to: 'pre_consultation', occurredAt: '2020-07-20T10:00:00Z' }],
    forumMeetings: [],
    draftPlans: [],
    consultations: [{ consultationId: CONSULTATION, policyAreaId: AREA, kind: 'survey', title: 'Pre-consultation survey', announcedAt: '2020-07-21T10:00:00Z', opensAt: '2020-08-05T10:00:00Z', closesAt: '2020-08-31T10:00:00Z', closedAt: null }],
    reports: [],
    commitments: [],
    figures: { received: 10, addressed: 4, published: 5, medianDaysToResponse: 12.5 },
    decisionsByArea: [{ policyAreaId: AREA, decision: 'accepted', count: 3 }, { policyAreaId: null, decision: 'noted', count: 2 }],
    daysToResponse: [{ days: 3, count: 1 }, { days: 20, count: 4 }],
    monthly: [{ month: '2020-09', received: 5, responded: 0 }, { month: '2020-10', received: 0, responded: 5 }],
    compliance,
    evidence: Object.fromEntries(compliance.checks.map((c) => [c.id, groupEvidence(c.evidence, new Map(facts.map((f) => [f.eventId, f])))])),
  };

  it('shows the key figures, the stages entered, and a late milestone as done late', () => {
    const vm = cycleVM(en, data, live);
    expect(vm.figures.map((f) => f.value)).toEqual(['10', '4', '5', '12.5 days']);
    expect(vm.stages.filter((s) => s.date !== null).map((s) => s.label)).toEqual(['Preparation', 'Pre-consultation']);
    expect(vm.stages.find((s) => s.current)!.label).toBe('Pre-consultation');
    expect(vm.milestones[0].state).toBe('done late');
    expect(vm.noForumMeeting).toBe(true);
  });

  it('draws decisions by policy area (a whole-plan column for those without one), days to a response and months', () => {
    const [decisions, days, months] = cycleVM(en, data, live).charts;
    expect(decisions.categories).toEqual(['Anti-Corruption', 'Whole plan (no policy area)']);
    expect(decisions.series).toEqual([{ name: 'Accepted', values: [3, 0] }, { name: 'Noted', values: [0, 2] }]);
    expect(days.series[0].values).toEqual([1, 0, 4, 0, 0, 0]);
    expect(months.series.map((s) => s.values)).toEqual([[5, 0], [0, 5]]);
  });

  it('says each OGP check and its evidence in words: dates and titles, no event ids, with links', () => {
    const checks = cycleVM(en, data, live).checks;
    const forum = checks.find((c) => c.id === 'forum_meets_regularly')!;
    expect(forum.statusLabel).toBe('Not met');
    expect(forum.findings).toContain('No forum meeting before the first consultation, “Pre-consultation survey”, opened on August 5, 2020.');
    expect(forum.evidence).toContainEqual({ text: 'The cycle opened on July 1, 2020', href: `/cycles/${CYCLE}#timeline` });
    expect(forum.evidence).toContainEqual({ text: '“Pre-consultation survey” announced on July 21, 2020, opening on August 5, 2020', href: `/consultations/${CONSULTATION}` });
    expect(JSON.stringify(checks)).not.toMatch(/"e[12]"/);
    expect(cycleVM(sq, data, live).checks.find((c) => c.id === 'forum_meets_regularly')!.statusLabel).toBe('I papërmbushur');
  });
});

describe('compliance evidence', () => {
  it('lists a few records one by one, and counts many (and every contribution or response) with their first and last dates', () => {
    const fact = (i: number, type: string): ComplianceFact => ({ eventId: `f${i}`, type, position: String(i), occurredAt: new Date(Date.UTC(2020, 8, 1 + i)), data: { title: `M${i}` } });
    const all = [...Array.from({ length: 7 }, (_, i) => fact(i, 'MilestoneScheduled')), fact(10, 'PlanSubmitted'), fact(11, 'ResponsePublished')];
    const groups = groupEvidence(all.map((f) => ({ eventId: f.eventId })), new Map(all.map((f) => [f.eventId, f])));
    expect(groups.map((g) => [g.type, g.count, g.listed.length])).toEqual([['MilestoneScheduled', 7, 0], ['PlanSubmitted', 1, 1], ['ResponsePublished', 1, 0]]);
    expect(groups[0]).toEqual(expect.objectContaining({ from: '2020-09-01T00:00:00.000Z', to: '2020-09-07T00:00:00.000Z' }));
  });
});

describe('consultation page', () => {
  const data: ConsultationPageData = {
    consultation: { consultationId: CONSULTATION, kind: 'thematic_meeting', title: 'Thematic meeting: open contracting', description: 'Meeting with CSOs', leadInstitution: 'Ministry of Justice', policyAreaId: AREA, announcedAt: '2020-09-01T10:00:00Z', opensAt: '2020-09-20T10:00:00Z', closesAt: '2020-09-20T12:00:00Z', closedAt: null },
    cycle: cycleRef,
    counts: { received: 3, withdrawn: 1, addressed: 1, unaddressed: 1, late: 0, byDecision: { accepted: 1, partially_accepted: 0, not_accepted: 0, out_of_scope: 0, already_addressed: 0, noted: 0 } },
    materials: [{ kind: 'minutes', title: 'Minutes', url: 'https://example.org/minutes.pdf', publishedAt: '2020-09-21T10:00:00Z' }],
    report: null,
    contributions: {
      items: [contribution('aaaaaaaa-0000-4000-8000-000000000001'), contribution('aaaaaaaa-0000-4000-8000-000000000002', { stakeholderId: null, body: null, decision: 'noted', commitmentIds: [] })],
      nextCursor: 'abc',
    },
    commitmentTitles: { [COMMITMENT]: 'Open data on public procurement' },
    organisations: { [ORG]: 'Centre for Integrity – Tirana' },
  };

  it('shows what was said and what became of it; an individual’s text and name are not there, and why', () => {
    const vm = consultationVM(en, data, live, { decision: 'accepted' }, false);
    const [org, individual] = vm.contributions;
    expect(org.body).toBe('Publish all procurement contracts as open data.');
    expect(org.from).toEqual({ href: `/stakeholders/${ORG}`, label: 'Centre for Integrity – Tirana' });
    expect(org.commitments).toEqual([{ href: `/commitments/${COMMITMENT}`, label: 'Open data on public procurement' }]);
    expect(individual.body).toBeNull();
    expect(individual.from).toBeNull();
    expect(individual.bodyNote).toBe('The text is not shown: it was written by an individual, and is personal data.');
  });

  it('keeps the filter in the next page’s link, and offers its choices with the chosen one selected', () => {
    const vm = consultationVM(en, data, live, { decision: 'accepted', limit: 5 }, true);
    expect(vm.next).toBe(`/consultations/${CONSULTATION}?decision=accepted&limit=5&cursor=abc`);
    expect(vm.first).toBe(`/consultations/${CONSULTATION}?decision=accepted&limit=5`);
    expect(vm.filter.decisions.find((o) => o.selected)!.value).toBe('accepted');
    expect(vm.filter.statuses.map((s) => s.value)).toEqual(['published', 'duplicate']);
    expect(vm.chart!.series[0].values).toEqual([1]);
    expect(vm.counts.map((c) => c.value)).toEqual(['3', '1', '1', '1', '0']);
  });
});

describe('contribution page', () => {
  const id = 'bbbbbbbb-0000-4000-8000-000000000001';
  const data: ContributionPageData = {
    contribution: contribution(id, { responseNumber: 2 }),
    cycle: cycleRef,
    consultationTitle: 'Thematic meeting',
    organisation: { id: ORG, name: 'Centre for Integrity – Tirana' },
    canonical: null,
    duplicates: [],
    commitmentTitles: { [COMMITMENT]: 'Open data on public procurement' },
    revisions: [{ commitmentId: COMMITMENT, revisionNumber: 1, occurredAt: '2020-10-20T10:00:00Z' }],
    reports: [],
    consultationTitles: {},
    steps: [
      { type: 'ContributionReceived', occurredAt: '2020-09-20T10:00:00Z', institution: 'Ministry of Justice', data: { channel: 'meeting', receivedAt: '2020-09-20T10:00:00Z', late: false } },
      { type: 'ContributionResponded', occurredAt: '2020-10-01T10:00:00Z', institution: 'Ministry of Justice', data: { responseNumber: 1, decision: 'not_accepted', rationale: 'First draft rationale', commitmentIds: [] } },
      { type: 'ResponseReviewed', occurredAt: '2020-10-02T10:00:00Z', institution: 'Office of the Prime Minister', data: { responseNumber: 1, verdict: 'revision_requested' } },
      { type: 'ContributionResponded', occurredAt: '2020-10-05T10:00:00Z', institution: 'Ministry of Justice', data: { responseNumber: 2, decision: 'accepted', rationale: 'Agreed', commitmentIds: [COMMITMENT] } },
      { type: 'ResponsePublished', occurredAt: '2020-10-10T10:00:00Z', institution: 'Office of the Prime Minister', data: { responseNumber: 2 } },
    ],
  };

  it('tells the public history in order, showing only the published response’s content', () => {
    const vm = contributionVM(en, data, live);
    expect(vm.timeline.map((e) => e.text)).toEqual([
      'Received (meeting)',
      'A response was drafted by Ministry of Justice (not published)',
      'Office of the Prime Minister asked for the response to be revised',
      'Answered by Ministry of Justice: Accepted',
      'The response was published',
      'The commitment “Open data on public procurement” was revised in response',
    ]);
    expect(JSON.stringify(vm)).not.toContain('First draft rationale');
    expect(vm.fed).toEqual([{ href: `/commitments/${COMMITMENT}`, label: 'Open data on public procurement' }]);
    expect(vm.said.facts[0]).toEqual({ term: 'From', value: 'Centre for Integrity – Tirana', href: `/stakeholders/${ORG}` });
  });

  it('names no contributor when it is an individual or anonymous', () => {
    const vm = contributionVM(en, { ...data, organisation: null, contribution: contribution(id, { stakeholderId: null, body: null }) }, live);
    expect(vm.said.facts[0]).toEqual({ term: 'From', value: 'An individual or anonymous contributor (not shown)' });
    expect(vm.said.body).toBeNull();
  });
});

describe('organisation page', () => {
  it('lists what it said with its consultation and answer, paged', () => {
    const data: StakeholderPageData = {
      stakeholder: { stakeholderId: ORG, kind: 'cso', name: 'Centre for Integrity – Tirana' },
      contributions: { items: [{ contributionId: 'cccccccc-0000-4000-8000-000000000001', consultationId: CONSULTATION, channel: 'survey', receivedAt: '2020-08-10T10:00:00Z', body: 'Text', status: 'published', decision: 'noted', rationale: 'Noted.', commitmentIds: [] }], nextCursor: null },
      consultationTitles: { [CONSULTATION]: 'Pre-consultation survey' },
      commitmentTitles: {},
    };
    const vm = stakeholderVM(en, data, live, false);
    expect(vm.layout.title).toBe('Centre for Integrity – Tirana');
    expect(vm.kind).toBe('Civil society organisation');
    expect(vm.contributions[0].consultation).toEqual({ href: `/consultations/${CONSULTATION}`, label: 'Pre-consultation survey' });
    expect(vm.next).toBeNull();
  });
});
