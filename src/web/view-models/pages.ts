import type { AccountabilityView } from '../../../projections/accountability/accountability.queries.js';
import { DECISIONS } from '../../contributions/domain/events.js';
import { STAGES } from '../../cycles/domain/events.js';
import type { Chart } from '../charts.js';
import type { Translator } from '../i18n.js';
import type { RecordStamp } from '../record-reader.js';
import type { CommitmentPageData } from '../queries/commitment.query.js';
import type { ContributionPageData } from '../queries/contribution.query.js';
import type { ConsultationPageData, ContributionFilter } from '../queries/consultation.query.js';
import type { CyclePageData } from '../queries/cycle.query.js';
import type { HomeData } from '../queries/home.query.js';
import type { MatrixFilter, MatrixPageData } from '../queries/reasoned-response.query.js';
import type { StakeholderPageData } from '../queries/stakeholder.query.js';
import { label, layout, Links, nextPage, shortId, type Layout } from './common.js';
import { complianceVM, type CheckVM } from './compliance.js';

export interface LinkVM {
  href: string;
  label: string;
}

export interface Fact {
  term: string;
  value: string;
  href?: string;
}

/** One contribution as a list shows it: what was said (when public) and what became of it. */
export interface ContributionItemVM {
  href: string;
  heading: string;
  meta: string;
  /** The text as entered, or why it is not shown. */
  body: string | null;
  bodyNote: string | null;
  decision: string | null;
  rationale: string | null;
  commitments: LinkVM[];
  from: LinkVM | null;
}

export interface Option {
  value: string;
  label: string;
  selected: boolean;
}

// ---- shared pieces --------------------------------------------------------------------------

function areaName(data: { cycle: { policyAreas: Array<{ id: string; name: string }> } }, id: string | null, t: Translator): string {
  if (id === null) return t.t('cycle.noPolicyArea');
  return data.cycle.policyAreas.find((a) => a.id === id)?.name ?? t.t('cycle.unknownPolicyArea');
}

/** Why the text of a public contribution is not shown, if it is not. */
function bodyNote(t: Translator, c: { body: string | null; redacted?: boolean; bodyErased?: boolean }): string | null {
  if (c.body !== null) return null;
  if (c.redacted) return t.t('contribution.bodyRedacted');
  if (c.bodyErased) return t.t('contribution.bodyErased');
  return t.t('contribution.bodyPersonal');
}

function contributionItem(t: Translator, links: Links, c: AccountabilityView, titles: Record<string, string>, organisations: Record<string, string>, consultationTitle?: string): ContributionItemVM {
  const from = c.stakeholderId && organisations[c.stakeholderId] ? { href: links.stakeholder(c.stakeholderId), label: organisations[c.stakeholderId] } : null;
  return {
    href: links.contribution(c.contributionId),
    heading: t.t('contribution.heading', { id: shortId(c.contributionId) }),
    meta: t.t('contribution.meta', { channel: label(t, 'channel', c.channel), date: t.date(c.receivedAt), status: label(t, 'status', c.status), where: consultationTitle ?? '' }),
    body: c.body,
    bodyNote: bodyNote(t, c),
    decision: c.decision ? label(t, 'decision', c.decision) : null,
    rationale: c.rationale,
    commitments: c.commitmentIds.map((id) => ({ href: links.commitment(id), label: titles[id] ?? shortId(id) })),
    from,
  };
}

const decisionOptions = (t: Translator, selected: string | undefined): Option[] => DECISIONS.map((d) => ({ value: d, label: label(t, 'decision', d), selected: d === selected }));

// ---- /  ---------------------------------------------------------------------------------------

export interface HomeVM {
  layout: Layout;
  cycles: Array<{ href: string; title: string; country: string; period: string; stage: string }>;
}

export function homeVM(t: Translator, data: HomeData, stamp: RecordStamp): HomeVM {
  const links = new Links(stamp.asOf);
  return {
    layout: layout(t, stamp, t.t('home.title'), [], '/'),
    cycles: data.cycles.map((c) => ({
      href: links.cycle(c.cycleId),
      title: c.title,
      country: c.country,
      period: t.t('cycle.period', { start: t.date(c.periodStart), end: t.date(c.periodEnd) }),
      stage: label(t, 'stage', c.stage),
    })),
  };
}

// ---- /cycles/:id ------------------------------------------------------------------------------

export interface CycleVM {
  layout: Layout;
  facts: Fact[];
  figures: Array<{ label: string; value: string }>;
  stages: Array<{ label: string; date: string | null; current: boolean; done: boolean }>;
  milestones: Array<{ title: string; stage: string; due: string; done: string | null; state: string; evidence: string | null }>;
  forumMeetings: Array<{ date: string; attendees: string; minutes: string | null }>;
  noForumMeeting: boolean;
  consultations: Array<{ href: string; title: string; kind: string; area: string; opens: string; closes: string; report: LinkVM | null }>;
  draftPlans: Array<{ label: string; href: string; date: string }>;
  approval: string | null;
  submission: string | null;
  commitments: Array<{ href: string; title: string; area: string; status: string }>;
  checks: CheckVM[];
  charts: Chart[];
  matrix: LinkVM;
}

const DAY_BINS: Array<[number, number]> = [[0, 7], [8, 14], [15, 30], [31, 60], [61, 90], [91, Infinity]];

export function cycleVM(t: Translator, data: CyclePageData, stamp: RecordStamp): CycleVM {
  const links = new Links(stamp.asOf);
  const c = data.cycle;
  const path = `/cycles/${c.cycleId}`;
  const entered = new Map(data.stageChanges.map((s) => [s.to, s.occurredAt]));
  const currentIndex = STAGES.indexOf(c.stage as (typeof STAGES)[number]);
  const reportOf = new Map(data.reports.filter((r) => r.status === 'published').map((r) => [r.consultationId, r]));
  const today = stamp.at ? new Date(stamp.at) : new Date();
  const areas = [...c.policyAreas.map((a) => ({ id: a.id as string | null, name: a.name })), ...(data.decisionsByArea.some((d) => d.policyAreaId === null) ? [{ id: null, name: t.t('cycle.noPolicyArea') }] : [])];
  const decisionsUsed = DECISIONS.filter((d) => data.decisionsByArea.some((x) => x.decision === d));
  const count = (area: string | null, decision: string) => data.decisionsByArea.find((x) => x.policyAreaId === area && x.decision === decision)?.count ?? 0;
  const binLabel = ([lo, hi]: [number, number]) => (hi === Infinity ? t.t('chart.daysOver', { days: lo - 1 }) : t.t('chart.daysRange', { from: lo, to: hi }));
  const f = data.figures;
  return {
    layout: layout(t, stamp, c.title, [{ href: links.home(), label: t.t('home.title') }], path),
    facts: [
      { term: t.t('cycle.country'), value: c.country },
      { term: t.t('cycle.periodLabel'), value: t.t('cycle.period', { start: t.date(c.periodStart), end: t.date(c.periodEnd) }) },
      { term: t.t('cycle.poc'), value: c.pocInstitution },
      { term: t.t('cycle.stage'), value: label(t, 'stage', c.stage) },
      ...(c.methodology ? [{ term: t.t('cycle.methodology'), value: c.methodology }] : []),
      ...c.policyAreas.map((a) => ({ term: t.t('cycle.policyArea'), value: t.t('cycle.areaLed', { area: a.name, lead: a.leadInstitution }) })),
    ],
    figures: [
      { label: t.t('figure.received'), value: t.number(f.received) },
      { label: t.t('figure.addressed'), value: t.number(f.addressed) },
      { label: t.t('figure.published'), value: t.number(f.published) },
      { label: t.t('figure.medianDays'), value: f.medianDaysToResponse === null ? '—' : t.t('figure.days', { days: f.medianDaysToResponse }) },
    ],
    stages: STAGES.map((s, i) => ({ label: label(t, 'stage', s), date: entered.has(s) ? t.date(entered.get(s)!) : null, current: s === c.stage, done: i < currentIndex })),
    milestones: data.milestones.map((m) => {
      const overdue = m.completedAt === null && m.dueBy !== null && new Date(m.dueBy) < today;
      const late = m.completedAt !== null && m.dueBy !== null && m.completedAt > m.dueBy;
      return {
        title: m.title,
        stage: label(t, 'stage', m.stage),
        due: t.date(m.dueDate),
        done: m.completedAt ? t.date(m.completedAt) : null,
        state: t.t(m.completedAt ? (late ? 'milestone.doneLate' : 'milestone.done') : overdue ? 'milestone.overdue' : 'milestone.planned'),
        evidence: m.evidence,
      };
    }),
    forumMeetings: data.forumMeetings.map((m) => ({ date: t.date(m.heldAt), attendees: t.t('forum.attendees', { count: m.attendeeCount }), minutes: m.minutesUrl })),
    noForumMeeting: data.forumMeetings.length === 0,
    consultations: data.consultations.map((x) => ({
      href: links.consultation(x.consultationId),
      title: x.title,
      kind: label(t, 'consultationKind', x.kind),
      area: areaName(data, x.policyAreaId, t),
      opens: t.date(x.opensAt),
      closes: t.date(x.closedAt ?? x.closesAt),
      report: reportOf.has(x.consultationId) ? { href: `${links.consultation(x.consultationId)}#report`, label: t.t('consultation.reportPublished') } : null,
    })),
    draftPlans: data.draftPlans.map((p) => ({ label: t.t('cycle.draftPlan', { version: p.version }), href: p.url, date: t.date(p.publishedAt) })),
    approval: c.approval ? t.t('cycle.approved', { body: c.approval.body, ref: c.approval.decisionRef, date: t.date(c.approval.approvedAt) }) : null,
    submission: c.submission ? t.t('cycle.submitted', { date: t.date(c.submission.submittedAt) }) : null,
    commitments: data.commitments.map((x) => ({ href: links.commitment(x.commitmentId), title: x.title, area: areaName(data, x.policyAreaId, t), status: label(t, 'commitmentStatus', x.status) })),
    checks: complianceVM(t, data, links),
    charts: [
      {
        kind: 'bar',
        id: 'chart-decisions',
        title: t.t('chart.decisionsByArea'),
        description: t.t('chart.decisionsByAreaDesc', { count: f.published }),
        categoryLabel: t.t('cycle.policyArea'),
        stacked: true,
        categories: areas.map((a) => a.name),
        series: decisionsUsed.map((d) => ({ name: label(t, 'decision', d), values: areas.map((a) => count(a.id, d)) })),
      },
      {
        kind: 'bar',
        id: 'chart-days',
        title: t.t('chart.daysToResponse'),
        description: t.t('chart.daysToResponseDesc', { median: f.medianDaysToResponse ?? '—' }),
        categoryLabel: t.t('chart.days'),
        categories: DAY_BINS.map(binLabel),
        series: [{ name: t.t('chart.responses'), values: DAY_BINS.map(([lo, hi]) => data.daysToResponse.filter((d) => d.days >= lo && d.days <= hi).reduce((s, d) => s + d.count, 0)) }],
      },
      {
        kind: 'line',
        id: 'chart-months',
        title: t.t('chart.overTime'),
        description: t.t('chart.overTimeDesc'),
        categoryLabel: t.t('chart.month'),
        categories: data.monthly.map((m) => t.t('chart.monthLabel', { date: new Date(`${m.month}-01T00:00:00Z`) })),
        series: [
          { name: t.t('chart.contributionsReceived'), values: data.monthly.map((m) => m.received) },
          { name: t.t('chart.responsesGiven'), values: data.monthly.map((m) => m.responded) },
        ],
      },
    ],
    matrix: { href: links.matrix(c.cycleId), label: t.t('cycle.matrixLink') },
  };
}

// ---- /consultations/:id -----------------------------------------------------------------------

export interface ConsultationVM {
  layout: Layout;
  facts: Fact[];
  description: string | null;
  counts: Array<{ label: string; value: string }>;
  materials: Array<{ href: string; title: string; kind: string; date: string }>;
  report: { summary: string; href: string | null; date: string } | null;
  chart: Chart | null;
  filter: { action: string; decisions: Option[]; statuses: Option[]; asOf: string | null };
  contributions: ContributionItemVM[];
  empty: boolean;
  next: string | null;
  first: string | null;
}

export const PUBLIC_STATUSES = ['published', 'duplicate'] as const;

export function consultationVM(t: Translator, data: ConsultationPageData, stamp: RecordStamp, filter: ContributionFilter, paged: boolean): ConsultationVM {
  const links = new Links(stamp.asOf);
  const c = data.consultation;
  const path = `/consultations/${c.consultationId}`;
  const params = { decision: filter.decision, status: filter.status, limit: filter.limit };
  const decided = DECISIONS.filter((d) => data.counts.byDecision[d] > 0);
  const area = c.policyAreaId ? data.cycle.policyAreas.find((a) => a.id === c.policyAreaId) : undefined;
  return {
    layout: layout(t, stamp, c.title, [{ href: links.home(), label: t.t('home.title') }, { href: links.cycle(data.cycle.cycleId), label: data.cycle.title }], path),
    facts: [
      { term: t.t('consultation.kind'), value: label(t, 'consultationKind', c.kind) },
      { term: t.t('cycle.policyArea'), value: area ? area.name : t.t('cycle.noPolicyArea') },
      { term: t.t('consultation.institution'), value: c.leadInstitution ?? area?.leadInstitution ?? '—' },
      { term: t.t('consultation.announced'), value: t.date(c.announcedAt) },
      { term: t.t('consultation.open'), value: t.t('cycle.period', { start: t.date(c.opensAt), end: t.date(c.closesAt) }) },
      { term: t.t('consultation.closed'), value: c.closedAt ? t.date(c.closedAt) : t.t('consultation.stillOpen') },
    ],
    description: c.description,
    counts: [
      { label: t.t('figure.received'), value: t.number(data.counts.received) },
      { label: t.t('figure.addressed'), value: t.number(data.counts.addressed) },
      { label: t.t('figure.unaddressed'), value: t.number(data.counts.unaddressed) },
      { label: t.t('figure.withdrawn'), value: t.number(data.counts.withdrawn) },
      { label: t.t('figure.late'), value: t.number(data.counts.late) },
    ],
    materials: data.materials.map((m) => ({ href: m.url, title: m.title, kind: label(t, 'materialKind', m.kind), date: t.date(m.publishedAt) })),
    report: data.report && { summary: data.report.summary, href: data.report.url, date: t.date(data.report.publishedAt) },
    chart: decided.length
      ? {
          kind: 'bar',
          id: 'chart-consultation-decisions',
          title: t.t('chart.decisions'),
          description: t.t('chart.decisionsDesc', { count: decided.reduce((s, d) => s + data.counts.byDecision[d], 0) }),
          categoryLabel: t.t('contribution.decision'),
          categories: decided.map((d) => label(t, 'decision', d)),
          series: [{ name: t.t('chart.contributions'), values: decided.map((d) => data.counts.byDecision[d]) }],
        }
      : null,
    filter: {
      action: path,
      decisions: decisionOptions(t, filter.decision),
      statuses: PUBLIC_STATUSES.map((s) => ({ value: s, label: label(t, 'status', s), selected: s === filter.status })),
      asOf: stamp.asOf,
    },
    contributions: data.contributions.items.map((x) => contributionItem(t, links, x, data.commitmentTitles, data.organisations)),
    empty: data.contributions.items.length === 0,
    next: nextPage(links, path, params, data.contributions.nextCursor),
    first: paged ? links.to(path, params) : null,
  };
}

// ---- /contributions/:id -----------------------------------------------------------------------

export interface ContributionVM {
  layout: Layout;
  said: { body: string | null; note: string | null; facts: Fact[] };
  did: { decision: string | null; rationale: string | null; addressed: string; facts: Fact[]; commitments: LinkVM[] } ;
  canonical: { text: string; href: string | null } | null;
  duplicates: LinkVM[];
  fed: LinkVM[];
  timeline: Array<{ date: string; text: string; detail: string | null; href: string | null }>;
}

export function contributionVM(t: Translator, data: ContributionPageData, stamp: RecordStamp): ContributionVM {
  const links = new Links(stamp.asOf);
  const c = data.contribution;
  const path = `/contributions/${c.contributionId}`;
  const titleOf = (id: string) => data.commitmentTitles[id] ?? shortId(id);
  const published = new Set(data.steps.filter((s) => s.type === 'ResponsePublished').map((s) => Number(s.data.responseNumber)));
  const timeline: ContributionVM['timeline'] = [];
  for (const s of data.steps) {
    const d = s.data;
    const date = t.date(s.occurredAt);
    const by = s.institution ?? t.t('timeline.someone');
    switch (s.type) {
      case 'ContributionReceived':
        timeline.push({ date: t.date(String(d.receivedAt)), text: t.t(d.late ? 'timeline.receivedLate' : 'timeline.received', { channel: label(t, 'channel', String(d.channel)) }), detail: null, href: null });
        break;
      case 'ContributionResponded': {
        const shown = published.has(Number(d.responseNumber));
        timeline.push({
          date,
          text: shown ? t.t('timeline.responded', { decision: label(t, 'decision', String(d.decision)), by }) : t.t('timeline.respondedUnpublished', { by }),
          detail: shown ? String(d.rationale) : null,
          href: null,
        });
        break;
      }
      case 'ResponseReviewed':
        timeline.push({ date, text: t.t(d.verdict === 'endorsed' ? 'timeline.endorsed' : 'timeline.revisionRequested', { by }), detail: null, href: null });
        break;
      case 'ResponsePublished':
        timeline.push({ date, text: t.t('timeline.published'), detail: null, href: null });
        break;
      case 'ContributionRedacted':
        timeline.push({ date, text: t.t('timeline.redacted'), detail: String(d.reason), href: null });
        break;
      case 'ContributionMarkedDuplicate':
        timeline.push({ date, text: t.t('timeline.duplicate', { id: shortId(String(d.canonicalId)) }), detail: null, href: data.canonical?.visible ? links.contribution(String(d.canonicalId)) : null });
        break;
      case 'ContributionWithdrawn':
        timeline.push({ date, text: t.t('timeline.withdrawn'), detail: null, href: null });
        break;
    }
  }
  const dated = (iso: string | null, item: ContributionVM['timeline'][number]) => ({ ...item, sort: iso ?? '' });
  const others = [
    ...data.revisions.map((r) => dated(r.occurredAt, { date: t.date(r.occurredAt), text: t.t('timeline.commitmentRevised', { title: titleOf(r.commitmentId) }), detail: null, href: links.commitment(r.commitmentId) })),
    ...data.reports.map((r) =>
      dated(r.publishedAt, { date: t.date(r.publishedAt), text: t.t('timeline.report', { title: data.consultationTitles[r.consultationId] ?? '' }), detail: null, href: `${links.consultation(r.consultationId)}#report` }),
    ),
  ];
  const ownDates = data.steps.map((s) => (s.type === 'ContributionReceived' ? String(s.data.receivedAt) : s.occurredAt));
  const merged = [...timeline.map((item, i) => ({ ...item, sort: ownDates[i] ?? '' })), ...others].sort((a, b) => a.sort.localeCompare(b.sort)).map(({ sort: _, ...item }) => item);
  const fed = [...new Set([...c.commitmentIds, ...data.revisions.map((r) => r.commitmentId)])].map((id) => ({ href: links.commitment(id), label: titleOf(id) }));
  return {
    layout: layout(
      t,
      stamp,
      t.t('contribution.title', { id: shortId(c.contributionId) }),
      [
        { href: links.home(), label: t.t('home.title') },
        { href: links.cycle(data.cycle.cycleId), label: data.cycle.title },
        { href: links.consultation(c.consultationId), label: data.consultationTitle ?? shortId(c.consultationId) },
      ],
      path,
    ),
    said: {
      body: c.body,
      note: bodyNote(t, c),
      facts: [
        { term: t.t('contribution.from'), value: data.organisation ? data.organisation.name : t.t('contribution.fromWithheld'), ...(data.organisation ? { href: links.stakeholder(data.organisation.id) } : {}) },
        { term: t.t('contribution.channel'), value: label(t, 'channel', c.channel) },
        { term: t.t('contribution.received'), value: t.date(c.receivedAt) + (c.late ? ` (${t.t('contribution.late')})` : '') },
        { term: t.t('contribution.consultation'), value: data.consultationTitle ?? shortId(c.consultationId), href: links.consultation(c.consultationId) },
        { term: t.t('cycle.policyArea'), value: areaName(data, c.policyAreaId, t) },
        ...(c.commitmentId ? [{ term: t.t('contribution.on'), value: titleOf(c.commitmentId), href: links.commitment(c.commitmentId) }] : []),
      ],
    },
    did: {
      decision: c.decision ? label(t, 'decision', c.decision) : null,
      rationale: c.rationale,
      addressed: t.t(c.addressed ? 'contribution.addressed' : 'contribution.notAddressed'),
      facts: [
        { term: t.t('contribution.status'), value: label(t, 'status', c.status) },
        ...(c.respondedAt ? [{ term: t.t('contribution.respondedAt'), value: t.date(c.respondedAt) }] : []),
        ...(c.respondedBy?.institution ? [{ term: t.t('contribution.respondedBy'), value: c.respondedBy.institution }] : []),
        ...(c.daysToResponse !== null ? [{ term: t.t('contribution.daysToResponse'), value: t.t('figure.days', { days: c.daysToResponse }) }] : []),
        ...(c.publishedAt ? [{ term: t.t('contribution.publishedAt'), value: t.date(c.publishedAt) }] : []),
      ],
      commitments: c.commitmentIds.map((id) => ({ href: links.commitment(id), label: titleOf(id) })),
    },
    canonical: data.canonical
      ? { text: t.t('contribution.duplicateOf', { id: shortId(data.canonical.contributionId) }), href: data.canonical.visible ? links.contribution(data.canonical.contributionId) : null }
      : null,
    duplicates: data.duplicates.map((id) => ({ href: links.contribution(id), label: t.t('contribution.heading', { id: shortId(id) }) })),
    fed,
    timeline: merged,
  };
}

// ---- /commitments/:id -------------------------------------------------------------------------

export interface CommitmentVM {
  layout: Layout;
  facts: Fact[];
  problem: string | null;
  description: string | null;
  milestones: Array<{ title: string; due: string }>;
  revisions: Array<{ heading: string; changed: string; fields: Array<{ term: string; value: string }>; because: LinkVM[]; unpublished: string | null }>;
  contributions: Array<{ href: string; label: string; decision: string; via: string }>;
}

const CHANGE_FIELDS = ['title', 'problem', 'description', 'ogpValues', 'milestones'] as const;

export function commitmentVM(t: Translator, data: CommitmentPageData, stamp: RecordStamp): CommitmentVM {
  const links = new Links(stamp.asOf);
  const c = data.commitment;
  const value = (field: (typeof CHANGE_FIELDS)[number], v: unknown): string => {
    if (field === 'ogpValues') return (v as string[]).map((x) => label(t, 'ogpValue', x)).join(', ');
    if (field === 'milestones') return (v as Array<{ title: string; dueDate: string }>).map((m) => `${m.title} (${t.date(m.dueDate)})`).join('; ');
    return String(v);
  };
  return {
    layout: layout(t, stamp, c.title, [{ href: links.home(), label: t.t('home.title') }, { href: links.cycle(data.cycle.cycleId), label: data.cycle.title }], `/commitments/${c.commitmentId}`),
    facts: [
      { term: t.t('cycle.policyArea'), value: areaName(data, c.policyAreaId, t) },
      { term: t.t('commitment.lead'), value: c.leadInstitution },
      ...(c.supportingInstitutions.length ? [{ term: t.t('commitment.supporting'), value: c.supportingInstitutions.join(', ') }] : []),
      { term: t.t('commitment.values'), value: c.ogpValues.map((v) => label(t, 'ogpValue', v)).join(', ') || '—' },
      { term: t.t('commitment.status'), value: label(t, 'commitmentStatus', c.status) + (c.withdrawnAt ? ` (${t.date(c.withdrawnAt)})` : '') },
      { term: t.t('commitment.drafted'), value: t.date(c.draftedAt) },
    ],
    problem: c.problem,
    description: c.description,
    milestones: c.milestones.map((m) => ({ title: m.title, due: t.date(m.dueDate) })),
    revisions: data.revisions.map((r) => ({
      heading: t.t('commitment.revision', { number: r.revisionNumber, date: t.date(r.occurredAt) }),
      changed: r.actorInstitution ? t.t('commitment.revisedBy', { institution: r.actorInstitution }) : '',
      fields: CHANGE_FIELDS.filter((f) => r.changes[f] !== undefined).map((f) => ({ term: t.t(`commitment.field.${f}`), value: value(f, r.changes[f]) })),
      because: r.published.map((id) => ({ href: links.contribution(id), label: t.t('contribution.heading', { id: shortId(id) }) })),
      unpublished: r.unpublished ? t.t('commitment.unpublishedContributions', { count: r.unpublished }) : null,
    })),
    contributions: data.contributions.map((x) => ({
      href: links.contribution(x.contributionId),
      label: t.t('contribution.heading', { id: shortId(x.contributionId) }),
      decision: label(t, 'decision', x.decision),
      via: t.t(`commitment.via.${x.via}`),
    })),
  };
}

// ---- /cycles/:id/reasoned-response ------------------------------------------------------------

export interface MatrixVM {
  layout: Layout;
  filter: { action: string; decisions: Option[]; areas: Option[]; consultations: Option[]; q: string; asOf: string | null };
  csv: string;
  rows: Array<{ href: string; id: string; consultation: LinkVM; area: string; channel: string; body: string | null; bodyNote: string | null; decision: string; rationale: string; commitments: LinkVM[] }>;
  empty: boolean;
  next: string | null;
  first: string | null;
}

export function matrixVM(t: Translator, data: MatrixPageData, stamp: RecordStamp, filter: MatrixFilter, paged: boolean): MatrixVM {
  const links = new Links(stamp.asOf);
  const cycleId = data.cycle.cycleId;
  const path = `/cycles/${cycleId}/reasoned-response`;
  const params = { decision: filter.decision, policyAreaId: filter.policyAreaId, consultationId: filter.consultationId, q: filter.q, limit: filter.limit };
  const titles = new Map(data.consultations.map((c) => [c.consultationId, c.title]));
  return {
    layout: layout(t, stamp, t.t('matrix.title', { cycle: data.cycle.title }), [{ href: links.home(), label: t.t('home.title') }, { href: links.cycle(cycleId), label: data.cycle.title }], path),
    filter: {
      action: path,
      decisions: decisionOptions(t, filter.decision),
      areas: data.cycle.policyAreas.map((a) => ({ value: a.id, label: a.name, selected: a.id === filter.policyAreaId })),
      consultations: data.consultations.map((c) => ({ value: c.consultationId, label: c.title, selected: c.consultationId === filter.consultationId })),
      q: filter.q ?? '',
      asOf: stamp.asOf,
    },
    csv: links.matrixCsv(cycleId),
    rows: data.rows.items.map((r) => ({
      href: links.contribution(r.contributionId),
      id: shortId(r.contributionId),
      consultation: { href: links.consultation(r.consultationId), label: titles.get(r.consultationId) ?? shortId(r.consultationId) },
      area: areaName(data, r.policyAreaId, t),
      channel: label(t, 'channel', r.channel),
      body: r.body,
      bodyNote: r.body === null ? t.t('matrix.bodyNotShown') : null,
      decision: label(t, 'decision', r.decision),
      rationale: r.rationale ?? '—',
      commitments: r.commitmentIds.map((id) => ({ href: links.commitment(id), label: data.commitmentTitles[id] ?? shortId(id) })),
    })),
    empty: data.rows.items.length === 0,
    next: nextPage(links, path, params, data.rows.nextCursor),
    first: paged ? links.to(path, params) : null,
  };
}

// ---- /stakeholders/:id ------------------------------------------------------------------------

export interface StakeholderVM {
  layout: Layout;
  kind: string;
  contributions: Array<{ href: string; heading: string; meta: string; consultation: LinkVM; body: string | null; bodyNote: string | null; decision: string | null; rationale: string | null; commitments: LinkVM[] }>;
  empty: boolean;
  next: string | null;
  first: string | null;
}

export function stakeholderVM(t: Translator, data: StakeholderPageData, stamp: RecordStamp, paged: boolean): StakeholderVM {
  const links = new Links(stamp.asOf);
  const s = data.stakeholder;
  const path = `/stakeholders/${s.stakeholderId}`;
  return {
    layout: layout(t, stamp, s.name, [{ href: links.home(), label: t.t('home.title') }], path),
    kind: label(t, 'stakeholderKind', s.kind),
    contributions: data.contributions.items.map((c) => ({
      href: links.contribution(c.contributionId),
      heading: t.t('contribution.heading', { id: shortId(c.contributionId) }),
      meta: t.t('contribution.meta', { channel: label(t, 'channel', c.channel), date: t.date(c.receivedAt), status: label(t, 'status', c.status), where: '' }),
      consultation: { href: links.consultation(c.consultationId), label: data.consultationTitles[c.consultationId] ?? shortId(c.consultationId) },
      body: c.body,
      bodyNote: c.body === null ? t.t('contribution.bodyRedacted') : null,
      decision: c.decision ? label(t, 'decision', c.decision) : null,
      rationale: c.rationale,
      commitments: c.commitmentIds.map((id) => ({ href: links.commitment(id), label: data.commitmentTitles[id] ?? shortId(id) })),
    })),
    empty: data.contributions.items.length === 0,
    next: nextPage(links, path, {}, data.contributions.nextCursor),
    first: paged ? links.to(path) : null,
  };
}

