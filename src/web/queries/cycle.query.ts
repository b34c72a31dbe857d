import { presentTimeline } from '../../../projections/cycle-timeline/cycle-timeline.queries.js';
import type { CycleView } from '../../../projections/cycles/cycles.queries.js';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { accountabilityProjection } from '../../../projections/accountability/accountability.projection.js';
import { CommitmentTraceabilityRow } from '../../../projections/commitment-traceability/commitment-traceability.entity.js';
import { commitmentTraceabilityProjection } from '../../../projections/commitment-traceability/commitment-traceability.projection.js';
import { complianceProjection } from '../../../projections/compliance/compliance.projection.js';
import {
  CycleTimelineConsultationRow,
  CycleTimelineDraftPlanRow,
  CycleTimelineForumMeetingRow,
  CycleTimelineMilestoneRow,
  CycleTimelineReportRow,
  CycleTimelineStageChangeRow,
} from '../../../projections/cycle-timeline/cycle-timeline.entity.js';
import { cycleTimelineProjection } from '../../../projections/cycle-timeline/cycle-timeline.projection.js';
import { CycleRow } from '../../../projections/cycles/cycles.entity.js';
import { cyclesProjection } from '../../../projections/cycles/cycles.projection.js';
import { AsOfService } from '../../audit/as-of/as-of.service.js';
import { evaluateComplianceInSteps, type ComplianceFact, type ComplianceView, type EvidenceEvent } from '../../../projections/compliance/compliance.rules.js';
import { ComplianceFacts } from '../compliance-facts.js';
import { RecordReader, type Stamped } from '../record-reader.js';
import { notFound, requireUuid } from './common.js';

export interface CyclePageData {
  cycle: Omit<CycleView, 'thresholds' | 'revision' | 'position'>;

  milestones: Array<{ milestoneId: string; stage: string; title: string; dueDate: string; dueBy: string | null; completedAt: string | null; evidence: string | null }>;
  stageChanges: Array<{ to: string; occurredAt: string }>;
  forumMeetings: Array<{ meetingId: string; heldAt: string; minutesUrl: string | null; attendeeCount: number }>;
  draftPlans: Array<{ version: string; url: string; publishedAt: string }>;
  consultations: Array<{ consultationId: string; policyAreaId: string | null; kind: string; title: string; announcedAt: string; opensAt: string; closesAt: string; closedAt: string | null }>;
  reports: Array<{ reportId: string; consultationId: string; status: string; url: string | null }>;
  commitments: Array<{ commitmentId: string; policyAreaId: string; title: string; status: string }>;
  /** Counts hold no personal data; decisions and days count published responses only (as for anonymous API callers). */
  figures: { received: number; addressed: number; published: number; medianDaysToResponse: number | null };
  decisionsByArea: Array<{ policyAreaId: string | null; decision: string; count: number }>;
  daysToResponse: Array<{ days: number; count: number }>;
  monthly: Array<{ month: string; received: number; responded: number }>;
  compliance: ComplianceView;
  /** Each check's evidence, grouped by kind of record, so it can be said in words (never as event ids). */
  evidence: Record<string, EvidenceGroup[]>;
}

export interface EvidenceFact {
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

/** Records of one kind a check rests on: listed one by one when few, else counted with their first and last dates. */
export interface EvidenceGroup {
  type: string;
  count: number;
  from: string;
  to: string;
  /** Empty when counted. */
  listed: EvidenceFact[];
}

/** Evidence of one kind listed one by one up to this many; more are counted. */
const LISTED = 5;
/** Kinds always counted: one contribution or response says nothing on its own. */
const COUNTED = new Set(['ContributionReceived', 'ResponsePublished']);

/** The evidence the compliance rules name (their own summaries are English: the site words it in its language from the facts). */
export function groupEvidence(evidence: readonly Pick<EvidenceEvent, 'eventId'>[], facts: ReadonlyMap<string, ComplianceFact>): EvidenceGroup[] {
  const byType = new Map<string, ComplianceFact[]>();
  for (const { eventId } of evidence) {
    const f = facts.get(eventId);
    if (!f) continue;
    const group = byType.get(f.type);
    if (group) group.push(f);
    else byType.set(f.type, [f]);
  }
  return [...byType].map(([type, group]) => {
    let from = group[0].occurredAt;
    let to = from;
    for (const f of group) {
      if (f.occurredAt < from) from = f.occurredAt;
      if (f.occurredAt > to) to = f.occurredAt;
    }
    const listed = group.length <= LISTED && !COUNTED.has(type) ? group.map((f) => ({ type, occurredAt: f.occurredAt.toISOString(), data: f.data })) : [];
    return { type, count: group.length, from: from.toISOString(), to: to.toISOString(), listed };
  });
}

export const CYCLE_PAGE_PROJECTIONS = [cyclesProjection, cycleTimelineProjection, complianceProjection, accountabilityProjection, commitmentTraceabilityProjection];

export class CyclePageQuery extends Query<Stamped<CyclePageData>> {
  constructor(
    readonly cycleId: string,
    readonly asOf?: string,
  ) {
    super();
  }
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

@QueryHandler(CyclePageQuery)
export class CyclePageHandler implements IQueryHandler<CyclePageQuery, Stamped<CyclePageData>> {
  constructor(
    private readonly reader: RecordReader,
    private readonly asOfService: AsOfService,
    private readonly facts: ComplianceFacts,
  ) {}

  async execute({ cycleId, asOf }: CyclePageQuery): Promise<Stamped<CyclePageData>> {
    requireUuid('cycle', cycleId);
    // A large cycle's page folds tens of thousands of facts: it is kept a moment (WEB_PAGE_CACHE_MS).
    return this.reader.read({ projections: CYCLE_PAGE_PROJECTIONS, asOf, scope: this.asOfService.cycle(cycleId), cacheKey: `cycle:${cycleId}` }, (m, today, seen) => this.load(m, cycleId, today, seen), () =>
      notFound('cycle', cycleId),
    );
  }

  private async load(m: EntityManager, cycleId: string, today: Date, seen: ReadonlyMap<string, string | null> | null): Promise<CyclePageData | null> {
    const cycle = await m.findOneBy(CycleRow, { cycleId });
    if (!cycle) return null;
    const where = { cycleId };
    // One query after another: they share the snapshot's one connection.
    const milestones = await m.find(CycleTimelineMilestoneRow, { where, order: { dueBy: 'ASC', milestoneId: 'ASC' } });
    const stages = await m.find(CycleTimelineStageChangeRow, { where, order: { occurredAt: 'ASC' } });
    const meetings = await m.find(CycleTimelineForumMeetingRow, { where, order: { heldAt: 'ASC', meetingId: 'ASC' } });
    const drafts = await m.find(CycleTimelineDraftPlanRow, { where, order: { publishedAt: 'ASC', version: 'ASC' } });
    const consultations = await m.find(CycleTimelineConsultationRow, { where, order: { opensAt: 'ASC', consultationId: 'ASC' } });
    const reports = await m.find(CycleTimelineReportRow, { where, order: { draftedAt: 'ASC', reportId: 'ASC' } });
    const commitments = await m.find(CommitmentTraceabilityRow, { where, order: { draftedAt: 'ASC', commitmentId: 'ASC' } });
    // Tens of thousands for a large cycle: live, brought forward from the last reading; in the past, the replay's.
    const factRows = await this.facts.read(m, cycleId, seen?.get(complianceProjection.name) ?? null);
    // The figures and the charts' data in one pass over the cycle's contributions.
    const published = 'published_at IS NOT NULL AND NOT withdrawn';
    const [a] = (await m.query(
      `WITH c AS (SELECT policy_area_id, decision, addressed, days_to_response, received_at, responded_at, (${published}) AS shown FROM accountability WHERE cycle_id = $1)
       SELECT (SELECT count(*)::int FROM c) AS received,
              (SELECT count(*)::int FROM c WHERE shown AND addressed) AS addressed,
              (SELECT count(*)::int FROM c WHERE shown) AS published,
              (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days_to_response) FROM c WHERE shown AND days_to_response IS NOT NULL) AS median,
              (SELECT coalesce(jsonb_agg(x), '[]') FROM (SELECT policy_area_id AS "policyAreaId", decision, count(*)::int AS count FROM c
                 WHERE shown AND decision IS NOT NULL GROUP BY 1, 2) x) AS "decisionsByArea",
              (SELECT coalesce(jsonb_agg(x ORDER BY x.days), '[]') FROM (SELECT days_to_response AS days, count(*)::int AS count FROM c
                 WHERE shown AND days_to_response IS NOT NULL GROUP BY 1) x) AS "daysToResponse",
              (SELECT coalesce(jsonb_agg(x ORDER BY x.month), '[]') FROM (SELECT month, sum(received)::int AS received, sum(responded)::int AS responded FROM (
                 SELECT to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, 1 AS received, 0 AS responded FROM c WHERE shown
                 UNION ALL
                 SELECT to_char(responded_at AT TIME ZONE 'UTC', 'YYYY-MM'), 0, 1 FROM c WHERE shown AND responded_at IS NOT NULL) y GROUP BY month) x) AS monthly`,
      [cycleId],
    )) as Array<{ received: number; addressed: number; published: number; median: number | null } & Pick<CyclePageData, 'decisionsByArea' | 'daysToResponse' | 'monthly'>>;
    const figures = a;
    const { decisionsByArea, daysToResponse, monthly } = a;

    // Tens of thousands of facts fold for a few hundred milliseconds: in steps, so other pages are served meanwhile.
    const compliance = await evaluateComplianceInSteps(cycleId, factRows, today, { summaries: false }, () => new Promise<void>((resolve) => setImmediate(resolve)));
    if (!compliance) return null;
    const byId = new Map(factRows.map((f) => [f.eventId, f]));
    return {
      cycle: {
        cycleId,
        country: cycle.country,
        title: cycle.title,
        periodStart: cycle.periodStart,
        periodEnd: cycle.periodEnd,
        pocInstitution: cycle.pocInstitution,
        methodology: cycle.methodology,
        stage: cycle.stage,
        policyAreas: cycle.policyAreas,
        approval: cycle.approval,
        submission: cycle.submission,
        openedAt: cycle.openedAt.toISOString(),
      },
      milestones: milestones.map((r) => ({ milestoneId: r.milestoneId, stage: r.stage, title: r.title, dueDate: r.dueDate, dueBy: iso(r.dueBy), completedAt: iso(r.completedAt), evidence: r.evidence })),
      stageChanges: stages.map((s) => ({ to: s.toStage, occurredAt: s.occurredAt.toISOString() })).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt)),
      forumMeetings: meetings.map(presentTimeline.forumMeeting),
      draftPlans: drafts.map(presentTimeline.draftPlan),
      consultations: consultations.map(presentTimeline.consultation),
      reports: reports.map((r) => ({ reportId: r.reportId, consultationId: r.consultationId, status: r.status, url: r.status === 'published' ? r.url : null })),
      commitments: commitments.map((c) => ({ commitmentId: c.commitmentId, policyAreaId: c.policyAreaId, title: c.title, status: c.status })),
      figures: { received: figures.received, addressed: figures.addressed, published: figures.published, medianDaysToResponse: figures.median === null ? null : Number(figures.median) },
      decisionsByArea,
      daysToResponse,
      monthly,
      compliance,
      evidence: Object.fromEntries(compliance.checks.map((c) => [c.id, groupEvidence(c.evidence, byId)])),
    };
  }
}
