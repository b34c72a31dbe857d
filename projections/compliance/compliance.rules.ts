/**
 * OGP co-creation compliance, as a pure fold over one cycle's facts (in log order) and the day it
 * is asked. Dates are world time: the dates the events carry (heldAt, announcedAt, opensAt,
 * receivedAt, approvedAt, submittedAt, closedAt) or, for publications and responses, when they
 * happened (occurredAt) — a backfilled record is judged by what happened when, not by when it
 * was typed in.
 *
 * A check is `met` only once the cycle is submitted (until then more may happen), `not_met` as
 * soon as the record shows a breach that later events cannot undo (or, after submission, any
 * breach), and `pending` otherwise. Exceptions are said at each check.
 */
import { evolveOutcome, followDuplicates, RECEIVED, type OutcomeFacts } from '../../src/contributions/domain/contribution-outcome.js';
import type { ContributionEvent } from '../../src/contributions/domain/events.js';
import type { ComplianceThresholds } from '../../src/cycles/domain/events.js';
import { DEFAULT_THRESHOLDS } from '../../src/cycles/domain/cycle.decider.js';
import { wholeDaysBetween } from '../../src/shared/time.js';
import { summarizeEvent } from '../../src/audit/events/event-summary.js';

export interface ComplianceFact {
  eventId: string;
  type: string;
  position: string;
  occurredAt: Date;
  data: Record<string, unknown>;
}

export type CheckId =
  | 'forum_meets_regularly'
  | 'timeline_published_in_advance'
  | 'consultation_notice'
  | 'repository_updated'
  | 'reasoned_response_published'
  | 'reports_published'
  | 'draft_publicly_consulted'
  | 'approval_and_submission_recorded';
export type CheckStatus = 'met' | 'not_met' | 'pending';

/** A check as the rules decide it: its evidence by event id. */
interface CheckResult {
  id: CheckId;
  title: string;
  status: CheckStatus;
  detail: string;
  /** The events the verdict rests on. */
  evidence: string[];
  /** Item by item, what falls short (or, where nothing does, what was found). */
  findings: Record<string, unknown>[];
}

/** An event the verdict rests on, as a person reads it: what, when, and where to fetch it whole. */
export interface EvidenceEvent {
  eventId: string;
  type: string;
  /** When it happened in the world. */
  occurredAt: string;
  summary: string;
  /** GET it for the whole event. */
  href: string;
}

export interface ComplianceCheck extends Omit<CheckResult, 'evidence'> {
  evidence: EvidenceEvent[];
}

export interface ComplianceView {
  cycleId: string;
  title: string;
  /** The "today" that open-ended rules were measured against. */
  evaluatedAt: string;
  approvedAt: string | null;
  submittedAt: string | null;
  checks: ComplianceCheck[];
  thresholds: ComplianceThresholds;
}

const DAY_MS = 86_400_000;

interface Dated {
  fact: ComplianceFact;
  at: Date;
}

interface Consultation {
  id: string;
  announced: ComplianceFact;
  kind: string;
  title: string;
  announcedAt: Date;
  opensAt: Date;
  closed: ComplianceFact | null;
  reports: ComplianceFact[];
}

interface Contribution {
  id: string;
  consultationId: string;
  received: ComplianceFact;
  receivedAt: Date;
  /** Its later events, in log order. */
  events: ComplianceFact[];
}

interface Cycle {
  cycleId: string;
  title: string;
  opened: Dated;
  thresholds: ComplianceThresholds;
  meetings: Dated[];
  milestones: Dated[];
  drafts: Dated[];
  approval: Dated | null;
  submission: Dated | null;
  consultations: Map<string, Consultation>;
  contributions: Map<string, Contribution>;
  /** Materials, reports and responses published: the updates of the repository. */
  publications: Dated[];
}

const dateOf = (value: unknown): Date => new Date(String(value));
const day = (d: Date) => d.toISOString().slice(0, 10);
const str = (value: unknown) => String(value);
const byAt = (a: Dated, b: Dated) => a.at.getTime() - b.at.getTime();
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The first few items of a list, then how many more. */
function some(items: string[], shown = 5): string {
  return items.length <= shown ? items.join(', ') : `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`;
}

function* gather(cycleId: string, facts: readonly ComplianceFact[]): Generator<void, Cycle | null> {
  const openedFact = facts.find((f) => f.type === 'CycleOpened');
  if (!openedFact) return null;
  const cycle: Cycle = {
    cycleId,
    title: str(openedFact.data.title),
    opened: { fact: openedFact, at: openedFact.occurredAt },
    thresholds: DEFAULT_THRESHOLDS,
    meetings: [],
    milestones: [],
    drafts: [],
    approval: null,
    submission: null,
    consultations: new Map(),
    contributions: new Map(),
    publications: [],
  };
  let folded = 0;
  for (const fact of facts) {
    if (++folded % STEP === 0) yield;
    const d = fact.data;
    const now = { fact, at: fact.occurredAt };
    switch (fact.type) {
      case 'ComplianceThresholdsSet':
        cycle.thresholds = { ...DEFAULT_THRESHOLDS, ...(d.thresholds as Partial<ComplianceThresholds>) };
        break;
      case 'ForumMeetingHeld':
        cycle.meetings.push({ fact, at: dateOf(d.heldAt) });
        break;
      case 'MilestoneScheduled':
        cycle.milestones.push(now);
        break;
      case 'DraftPlanPublished':
        cycle.drafts.push(now);
        break;
      case 'PlanApproved':
        cycle.approval = { fact, at: dateOf(d.approvedAt) };
        break;
      case 'PlanSubmitted':
        cycle.submission = { fact, at: dateOf(d.submittedAt) };
        break;
      case 'ConsultationAnnounced':
        cycle.consultations.set(str(d.consultationId), {
          id: str(d.consultationId),
          announced: fact,
          kind: str(d.kind),
          title: str(d.title),
          announcedAt: dateOf(d.announcedAt),
          opensAt: dateOf(d.opensAt),
          closed: null,
          reports: [],
        });
        break;
      case 'ConsultationClosed': {
        const c = cycle.consultations.get(str(d.consultationId));
        if (c) c.closed = fact;
        break;
      }
      case 'ReportPublished':
        cycle.consultations.get(str(d.consultationId))?.reports.push(fact);
        cycle.publications.push(now);
        break;
      case 'MaterialPublished':
      case 'ResponsePublished':
        cycle.publications.push(now);
        break;
    }
    if (fact.type === 'ContributionReceived') {
      cycle.contributions.set(str(d.contributionId), {
        id: str(d.contributionId),
        consultationId: str(d.consultationId),
        received: fact,
        receivedAt: dateOf(d.receivedAt),
        events: [],
      });
    } else if (fact.type.startsWith('Contribution') || fact.type === 'ResponsePublished') {
      cycle.contributions.get(str(d.contributionId))?.events.push(fact);
    }
  }
  cycle.meetings.sort(byAt);
  cycle.milestones.sort(byAt);
  cycle.drafts.sort(byAt);
  cycle.publications.sort(byAt);
  return cycle;
}

/** The consultation that opened (or opens) first. */
function firstConsultation(cycle: Cycle): Consultation | null {
  let first: Consultation | null = null;
  for (const c of cycle.consultations.values()) if (!first || c.opensAt < first.opensAt) first = c;
  return first;
}

/** The end of the window the open-ended rules look at: the submission, or today. */
function endOf(cycle: Cycle, today: Date): { at: Date; what: string } {
  return cycle.submission ? { at: cycle.submission.at, what: 'the submission' } : { at: today, what: 'today' };
}

interface Gap {
  from: string;
  to: string;
  fromWhat: string;
  toWhat: string;
  days: number;
}

/** The intervals between consecutive points (sorted), in days. */
function intervals(points: Array<{ at: Date; what: string }>): Gap[] {
  const gaps: Gap[] = [];
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1], points[i]];
    gaps.push({ from: a.at.toISOString(), to: b.at.toISOString(), fromWhat: a.what, toWhat: b.what, days: (b.at.getTime() - a.at.getTime()) / DAY_MS });
  }
  return gaps;
}

const longest = (gaps: Gap[]) => gaps.reduce<Gap | null>((l, g) => (!l || g.days > l.days ? g : l), null);
const untilSubmission = (cycle: Cycle) => (cycle.submission ? '' : '; decided at submission');
const verdict = (breached: boolean, cycle: Cycle): CheckStatus => (breached ? 'not_met' : cycle.submission ? 'met' : 'pending');

/**
 * A forum meeting before the first consultation opens, and no interval of more than
 * forumMaxGapDays whole days between the cycle's opening, its meetings and the submission (or today).
 */
function forumMeetsRegularly(cycle: Cycle, today: Date): CheckResult {
  const max = cycle.thresholds.forumMaxGapDays;
  const end = endOf(cycle, today);
  const findings: Record<string, unknown>[] = [];
  const evidence = [cycle.opened.fact.eventId, ...cycle.meetings.map((m) => m.fact.eventId)];
  const parts = [`${plural(cycle.meetings.length, 'forum meeting')} recorded`];

  const first = firstConsultation(cycle);
  if (first && first.opensAt <= today && !cycle.meetings.some((m) => m.at < first.opensAt)) {
    findings.push({ kind: 'no_meeting_before_first_consultation', consultationId: first.id, title: first.title, opensAt: first.opensAt.toISOString() });
    evidence.push(first.announced.eventId);
    parts.push(`none before the first consultation ("${first.title}") opened on ${day(first.opensAt)}`);
  }

  const points = [
    { at: cycle.opened.at, what: 'the opening of the cycle' },
    ...cycle.meetings.filter((m) => m.at > cycle.opened.at && m.at < end.at).map((m) => ({ at: m.at, what: `the forum meeting of ${day(m.at)}` })),
    end,
  ];
  const all = intervals(points).map((g) => ({ ...g, days: Math.floor(g.days) }));
  const gaps = all.filter((g) => g.days > max);
  for (const g of gaps) findings.push({ kind: 'gap', ...g });
  const top = longest(all);
  if (gaps.length) parts.push(`${plural(gaps.length, 'interval')} of more than ${max} days without a meeting (longest ${top!.days} days, from ${top!.fromWhat} to ${top!.toWhat})`);
  else if (top) parts.push(`longest interval ${top.days} days (at most ${max})`);
  if (cycle.submission) evidence.push(cycle.submission.fact.eventId);
  return {
    id: 'forum_meets_regularly',
    title: 'The multi-stakeholder forum meets regularly',
    status: verdict(findings.length > 0, cycle),
    detail: parts.join('; ') + (findings.length ? '' : untilSubmission(cycle)),
    evidence,
    findings,
  };
}

/**
 * Milestones published at least timelineNoticeDays whole days before the first consultation
 * opened. Decided when that consultation is announced: met when a milestone was published in
 * time, pending while there is still time to publish one.
 */
function timelinePublishedInAdvance(cycle: Cycle, today: Date): CheckResult {
  const n = cycle.thresholds.timelineNoticeDays;
  const base = { id: 'timeline_published_in_advance', title: 'The co-creation timeline was published in advance' } as const;
  const milestones = cycle.milestones;
  const first = firstConsultation(cycle);
  if (!first) {
    return {
      ...base,
      status: 'pending',
      detail: `${plural(milestones.length, 'milestone')} published; no consultation announced yet`,
      evidence: milestones.map((m) => m.fact.eventId),
      findings: [],
    };
  }
  const inTime = milestones.filter((m) => wholeDaysBetween(m.at, first.opensAt) >= n);
  const finding = {
    consultationId: first.id,
    title: first.title,
    opensAt: first.opensAt.toISOString(),
    firstMilestonePublishedAt: milestones[0]?.at.toISOString() ?? null,
    noticeDays: milestones[0] ? wholeDaysBetween(milestones[0].at, first.opensAt) : null,
  };
  if (inTime.length) {
    return {
      ...base,
      status: 'met',
      detail: `${inTime.length} of ${plural(milestones.length, 'milestone')} were published at least ${n} days before the first consultation ("${first.title}") opened on ${day(first.opensAt)}; the first on ${day(inTime[0].at)}, ${finding.noticeDays} days before`,
      evidence: [...inTime.map((m) => m.fact.eventId), first.announced.eventId],
      findings: [finding],
    };
  }
  const deadline = new Date(first.opensAt.getTime() - n * DAY_MS);
  if (today <= deadline) {
    return {
      ...base,
      status: 'pending',
      detail: `no milestone published yet: publish the timeline by ${day(deadline)}, ${n} days before the first consultation opens on ${day(first.opensAt)}`,
      evidence: [first.announced.eventId],
      findings: [finding],
    };
  }
  return {
    ...base,
    status: 'not_met',
    detail: milestones.length
      ? `the first milestone was published on ${day(milestones[0].at)}, ${finding.noticeDays} days before the first consultation ("${first.title}") opened on ${day(first.opensAt)}; at least ${n} required`
      : `no milestone was published before the first consultation ("${first.title}") opened on ${day(first.opensAt)}`,
    evidence: [...milestones.map((m) => m.fact.eventId), first.announced.eventId],
    findings: [finding],
  };
}

/** Each consultation announced at least consultationNoticeDays whole days before it opened. */
function consultationNotice(cycle: Cycle): CheckResult {
  const n = cycle.thresholds.consultationNoticeDays;
  const all = [...cycle.consultations.values()].sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime());
  const notice = (c: Consultation) => wholeDaysBetween(c.announcedAt, c.opensAt);
  const late = all.filter((c) => notice(c) < n);
  return {
    id: 'consultation_notice',
    title: 'Each consultation was announced in advance',
    status: verdict(late.length > 0, cycle),
    detail: late.length
      ? `${late.length} of ${plural(all.length, 'consultation')} announced less than ${n} days before opening: ${some(late.map((c) => `"${c.title}" (${notice(c)} days)`))}`
      : `${all.length ? `all ${plural(all.length, 'consultation')}` : 'no consultation'} announced at least ${n} days before opening${untilSubmission(cycle)}`,
    evidence: (late.length ? late : all).map((c) => c.announced.eventId),
    findings: late.map((c) => ({
      consultationId: c.id,
      title: c.title,
      kind: c.kind,
      announcedAt: c.announcedAt.toISOString(),
      opensAt: c.opensAt.toISOString(),
      noticeDays: notice(c),
    })),
  };
}

/**
 * Materials, reports or responses published at least repositoryUpdatesPerYear times a year: no
 * interval longer than 365 / repositoryUpdatesPerYear days without a publication between the
 * cycle's opening and the submission (or today).
 */
function repositoryUpdated(cycle: Cycle, today: Date): CheckResult {
  const perYear = cycle.thresholds.repositoryUpdatesPerYear;
  const maxDays = 365 / perYear;
  const end = endOf(cycle, today);
  const updates = cycle.publications.filter((p) => p.at >= cycle.opened.at && p.at <= end.at);
  // One update per day: a day's publications are one visit to the repository.
  const byDay = new Map<string, Dated>();
  for (const u of updates) if (!byDay.has(day(u.at))) byDay.set(day(u.at), u);
  const points = [
    { at: cycle.opened.at, what: 'the opening of the cycle' },
    ...[...byDay.values()].map((u) => ({ at: u.at, what: `the update of ${day(u.at)}` })),
    end,
  ];
  const all = intervals(points);
  const gaps = all.filter((g) => g.days > maxDays);
  const top = longest(all);
  const round = (days: number) => Math.round(days * 10) / 10;
  const head = `${plural(updates.length, 'publication')} (materials, reports, responses) on ${plural(byDay.size, 'day')} between the opening on ${day(cycle.opened.at)} and ${end.what}`;
  return {
    id: 'repository_updated',
    title: `The repository is updated at least ${perYear} times a year`,
    status: verdict(gaps.length > 0, cycle),
    detail: gaps.length
      ? `${head}; ${plural(gaps.length, 'interval')} longer than ${round(maxDays)} days without an update (longest ${round(top!.days)} days, from ${top!.fromWhat} to ${top!.toWhat})`
      : `${head}; longest interval without an update ${round(top?.days ?? 0)} days (at most ${round(maxDays)})${untilSubmission(cycle)}`,
    evidence: [...byDay.values()].map((u) => u.fact.eventId),
    findings: gaps.map((g) => ({ kind: 'gap', ...g, days: round(g.days) })),
  };
}

interface ContributionState {
  responded: boolean;
  published: ComplianceFact | null;
  withdrawn: boolean;
  duplicateOf: string | null;
}

/**
 * A fact as the domain's contribution event, for evolveOutcome. The facts keep no response text
 * (decision, rationale, commitments: the rules never read them), so those come empty.
 */
const asContributionEvent = (e: ComplianceFact) =>
  ({ type: e.type, data: { decision: '', rationale: null, commitmentIds: [], ...e.data } }) as unknown as ContributionEvent;

/**
 * A contribution as it stood at `at` (its events that happened by then, in log order), folded by
 * the domain's evolveOutcome; `published` is the publication of its current response, the evidence.
 */
function stateAt(c: Contribution, at: Date): ContributionState {
  let facts: OutcomeFacts = RECEIVED;
  let publication: ComplianceFact | null = null;
  for (const e of c.events) {
    if (e.occurredAt > at) continue;
    facts = evolveOutcome(facts, asContributionEvent(e), e.occurredAt);
    if (e.type === 'ResponsePublished') publication = e;
  }
  return {
    responded: facts.response !== null,
    published: facts.response?.publishedAt ? publication : null,
    withdrawn: facts.withdrawn,
    duplicateOf: facts.duplicateOf,
  };
}

/**
 * Every contribution received by the submission has, by then, a published reasoned response (its
 * current response published); a duplicate is covered by its canonical's; withdrawn ones (by then)
 * are left out. Before submission: pending, listing what is not covered yet.
 */
function* reasonedResponsePublished(cycle: Cycle, today: Date): Generator<void, CheckResult> {
  const at = cycle.submission?.at ?? today;
  const states = new Map<string, ContributionState>();
  let seen = 0;
  for (const c of cycle.contributions.values()) {
    if (++seen % STEP === 0) yield;
    if (c.receivedAt <= at) states.set(c.id, stateAt(c, at));
  }
  // A duplicate is covered by its canonical root's publication (none when the chain is broken).
  const coveredBy = (id: string, s: ContributionState): ComplianceFact | null => {
    const chain = followDuplicates(id, s.duplicateOf, (c) => states.get(c)?.duplicateOf ?? null);
    const root = states.get(chain.at(-1) ?? id);
    return root && root.duplicateOf === null ? root.published : null;
  };
  const counted = [...states].filter(([, s]) => !s.withdrawn);
  const covering: ComplianceFact[] = [];
  const missing: Record<string, unknown>[] = [];
  for (const [index, [id, s]] of counted.entries()) {
    if (index % STEP === STEP - 1) yield;
    const cover = coveredBy(id, s);
    if (cover) covering.push(cover);
    else {
      const reason = s.duplicateOf ? 'canonical_without_published_response' : s.responded ? 'response_not_published' : 'no_response';
      missing.push({ contributionId: id, consultationId: cycle.contributions.get(id)!.consultationId, reason, ...(s.duplicateOf ? { canonicalId: s.duplicateOf } : {}) });
    }
  }
  const when = cycle.submission ? `by the submission on ${day(at)}` : 'so far';
  const reasons = (r: string) => missing.filter((m) => m.reason === r).length;
  const later = [...cycle.contributions.values()].filter((c) => c.receivedAt > at).length;
  return {
    id: 'reasoned_response_published',
    title: 'Every contribution has a published reasoned response',
    status: cycle.submission ? (missing.length ? 'not_met' : 'met') : 'pending',
    detail:
      `${counted.length - missing.length} of ${plural(counted.length, 'contribution')} (withdrawn ones left out) had a published reasoned response ${when}` +
      (missing.length
        ? `; without one: ${reasons('no_response')} not answered, ${reasons('response_not_published')} answered but not published, ${reasons('canonical_without_published_response')} duplicates of such`
        : '') +
      (later ? `; ${plural(later, 'contribution')} received after ${cycle.submission ? 'the submission' : 'today'} not counted` : '') +
      untilSubmission(cycle),
    evidence: [
      ...(cycle.submission ? [cycle.submission.fact.eventId] : []),
      ...(missing.length ? missing.map((m) => cycle.contributions.get(str(m.contributionId))!.received.eventId) : [...new Set(covering.map((f) => f.eventId))]),
    ],
    findings: missing,
  };
}

/** Every closed consultation has a published report (not_met only after submission: a report may still come). */
function reportsPublished(cycle: Cycle): CheckResult {
  const closed = [...cycle.consultations.values()].filter((c) => c.closed);
  const missing = closed.filter((c) => c.reports.length === 0);
  return {
    id: 'reports_published',
    title: 'Every closed consultation has a published report',
    status: cycle.submission ? (missing.length ? 'not_met' : 'met') : 'pending',
    detail:
      `${closed.length - missing.length} of ${plural(closed.length, 'closed consultation')} have a published report` +
      (missing.length ? `; without: ${some(missing.map((c) => `"${c.title}"`))}` : '') +
      untilSubmission(cycle),
    evidence: [...closed.flatMap((c) => c.reports.map((r) => r.eventId)), ...missing.map((c) => c.closed!.eventId)],
    findings: missing.map((c) => ({ consultationId: c.id, title: c.title, kind: c.kind, closedAt: str(c.closed!.data.closedAt) })),
  };
}

/**
 * A public_consultation that opened after a draft plan was published and before the approval.
 * Decided at approval.
 */
function draftPubliclyConsulted(cycle: Cycle): CheckResult {
  const approvedAt = cycle.approval?.at ?? null;
  const publics = [...cycle.consultations.values()].filter((c) => c.kind === 'public_consultation').sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime());
  let match: { consultation: Consultation; draft: Dated } | null = null;
  for (const p of publics) {
    const draft = cycle.drafts.find((d) => d.at <= p.opensAt);
    if (draft && (!approvedAt || p.opensAt < approvedAt)) {
      match = { consultation: p, draft };
      break;
    }
  }
  const found = match
    ? `draft v${str(match.draft.fact.data.version)} (published ${day(match.draft.at)}) was put to the public consultation "${match.consultation.title}" opening on ${day(match.consultation.opensAt)}`
    : `no public consultation opened after a draft plan was published${approvedAt ? ' and before the approval' : ''} (${plural(cycle.drafts.length, 'draft')}, ${plural(publics.length, 'public consultation')})`;
  return {
    id: 'draft_publicly_consulted',
    title: 'The draft plan was put to public consultation before approval',
    status: approvedAt ? (match ? 'met' : 'not_met') : 'pending',
    detail: approvedAt ? `${found}; approved on ${day(approvedAt)}` : `${found}; decided at approval`,
    evidence: [
      ...(match ? [match.draft.fact.eventId, match.consultation.announced.eventId] : [...cycle.drafts.map((d) => d.fact.eventId), ...publics.map((p) => p.announced.eventId)]),
      ...(cycle.approval ? [cycle.approval.fact.eventId] : []),
    ],
    findings: match
      ? [{ version: match.draft.fact.data.version, publishedAt: match.draft.at.toISOString(), consultationId: match.consultation.id, opensAt: match.consultation.opensAt.toISOString() }]
      : [],
  };
}

/** The approval and the submission are both recorded, the submission not dated before the approval. */
function approvalAndSubmissionRecorded(cycle: Cycle): CheckResult {
  const { approval, submission } = cycle;
  const evidence = [approval, submission].filter((x): x is Dated => x !== null).map((x) => x.fact.eventId);
  const base = { id: 'approval_and_submission_recorded', title: 'The approval and the submission of the plan are recorded', evidence } as const;
  if (!approval || !submission) {
    return {
      ...base,
      status: 'pending',
      detail: approval ? `approved on ${day(approval.at)} by ${str(approval.fact.data.body)}; not submitted yet` : 'not approved yet',
      findings: [],
    };
  }
  const inOrder = submission.at >= approval.at;
  return {
    ...base,
    status: inOrder ? 'met' : 'not_met',
    detail: `approved on ${day(approval.at)} by ${str(approval.fact.data.body)} (${str(approval.fact.data.decisionRef)}); submitted on ${day(submission.at)}${inOrder ? '' : ', before the approval date'}`,
    findings: [{ approvedAt: approval.at.toISOString(), submittedAt: submission.at.toISOString() }],
  };
}

/** The compliance of a cycle at `today`, or null when its facts hold no CycleOpened. */
export interface EvaluateOptions {
  /** Each evidence event's one-line summary (the API shows them; the website words evidence itself). Default true. */
  summaries?: boolean;
}

/** Facts or contributions folded between two pauses of a stepped evaluation. */
const STEP = 2000;

/**
 * The evaluation as steps: it yields every STEP facts or contributions and between checks, so that
 * a caller with a large cycle can let other work run in between (evaluateComplianceInSteps).
 */
function* complianceSteps(cycleId: string, facts: readonly ComplianceFact[], today: Date, options: EvaluateOptions): Generator<void, ComplianceView | null> {
  const cycle = yield* gather(cycleId, facts);
  if (!cycle) return null;
  const byId = new Map(facts.map((f) => [f.eventId, f]));
  const summaries = options.summaries ?? true;
  const described = (check: CheckResult): ComplianceCheck => ({
    ...check,
    evidence: [...new Set(check.evidence)].flatMap((id) => {
      const fact = byId.get(id);
      return fact
        ? [{ eventId: id, type: fact.type, occurredAt: fact.occurredAt.toISOString(), summary: summaries ? summarizeEvent(fact.type, fact.data) : '', href: `/v1/events/${id}` }]
        : [];
    }),
  });
  const results: CheckResult[] = [forumMeetsRegularly(cycle, today), timelinePublishedInAdvance(cycle, today), consultationNotice(cycle), repositoryUpdated(cycle, today)];
  yield;
  results.push(yield* reasonedResponsePublished(cycle, today));
  yield;
  results.push(reportsPublished(cycle), draftPubliclyConsulted(cycle), approvalAndSubmissionRecorded(cycle));
  const checks: ComplianceCheck[] = [];
  for (const result of results) {
    checks.push(described(result));
    yield;
  }
  return {
    cycleId,
    title: cycle.title,
    evaluatedAt: today.toISOString(),
    approvedAt: cycle.approval?.at.toISOString() ?? null,
    submittedAt: cycle.submission?.at.toISOString() ?? null,
    checks,
    thresholds: cycle.thresholds,
  };
}

export function evaluateCompliance(cycleId: string, facts: readonly ComplianceFact[], today: Date, options: EvaluateOptions = {}): ComplianceView | null {
  const steps = complianceSteps(cycleId, facts, today, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same evaluation, calling `pause()` (one turn of the event loop, say) every few thousand facts
 * and between checks: a cycle of tens of thousands of contributions then never holds a web
 * process's event loop for long, though it costs the same CPU.
 */
export async function evaluateComplianceInSteps(
  cycleId: string,
  facts: readonly ComplianceFact[],
  today: Date,
  options: EvaluateOptions,
  pause: () => Promise<void>,
): Promise<ComplianceView | null> {
  const steps = complianceSteps(cycleId, facts, today, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}
