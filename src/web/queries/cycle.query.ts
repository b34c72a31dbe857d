import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { accountabilityProjection } from '../../../projections/accountability/accountability.projection.js';
import { CommitmentTraceabilityRow } from '../../../projections/commitment-traceability/commitment-traceability.entity.js';
import { commitmentTraceabilityProjection } from '../../../projections/commitment-traceability/commitment-traceability.projection.js';
import { ComplianceFactRow } from '../../../projections/compliance/compliance-fact.entity.js';
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
import { CycleRow, type CycleApproval, type CyclePolicyArea } from '../../../projections/cycles/cycles.entity.js';
import { cyclesProjection } from '../../../projections/cycles/cycles.projection.js';
import { AsOfService } from '../../audit/as-of/as-of.service.js';
import { evaluateCompliance, type ComplianceFact, type ComplianceView } from '../../audit/compliance/compliance.rules.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { RecordReader, type Stamped } from '../record-reader.js';
import { notFound, requireUuid } from './common.js';

export interface CyclePageData {
  cycle: {
    cycleId: string;
    country: string;
    title: string;
    periodStart: string;
    periodEnd: string;
    pocInstitution: string;
    methodology: string | null;
    stage: string;
    policyAreas: CyclePolicyArea[];
    approval: CycleApproval | null;
    submission: { submittedAt: string } | null;
    openedAt: string;
  };
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
  /** The facts the compliance evidence names, by event id (so evidence can be said in words). */
  facts: Record<string, { type: string; occurredAt: string; data: Record<string, unknown> }>;
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
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ cycleId, asOf }: CyclePageQuery): Promise<Stamped<CyclePageData>> {
    requireUuid('cycle', cycleId);
    const found = await this.reader.read({ projections: CYCLE_PAGE_PROJECTIONS, asOf, scope: this.asOfService.cycle(cycleId) }, (m, today) => this.load(m, cycleId, today));
    if (!found.data) throw notFound('cycle', cycleId);
    return found as Stamped<CyclePageData>;
  }

  private async load(m: EntityManager, cycleId: string, today: Date): Promise<CyclePageData | null> {
    const cycle = await m.findOneBy(CycleRow, { cycleId });
    if (!cycle) return null;
    const where = { cycleId };
    const [milestones, stages, meetings, drafts, consultations, reports, commitments, factRows] = await Promise.all([
      m.find(CycleTimelineMilestoneRow, { where, order: { dueBy: 'ASC', milestoneId: 'ASC' } }),
      m.find(CycleTimelineStageChangeRow, { where, order: { occurredAt: 'ASC' } }),
      m.find(CycleTimelineForumMeetingRow, { where, order: { heldAt: 'ASC', meetingId: 'ASC' } }),
      m.find(CycleTimelineDraftPlanRow, { where, order: { publishedAt: 'ASC', version: 'ASC' } }),
      m.find(CycleTimelineConsultationRow, { where, order: { opensAt: 'ASC', consultationId: 'ASC' } }),
      m.find(CycleTimelineReportRow, { where, order: { draftedAt: 'ASC', reportId: 'ASC' } }),
      m.find(CommitmentTraceabilityRow, { where, order: { draftedAt: 'ASC', commitmentId: 'ASC' } }),
      m.find(ComplianceFactRow, { where }),
    ]);
    const published = 'published_at IS NOT NULL AND NOT withdrawn';
    const [figures] = (await m.query(
      `SELECT count(*)::int AS received,
              count(*) FILTER (WHERE ${published} AND addressed)::int AS addressed,
              count(*) FILTER (WHERE ${published})::int AS published,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY days_to_response) FILTER (WHERE ${published} AND days_to_response IS NOT NULL) AS median
         FROM accountability WHERE cycle_id = $1`,
      [cycleId],
    )) as Array<{ received: number; addressed: number; published: number; median: number | null }>;
    const decisionsByArea = (await m.query(
      `SELECT policy_area_id AS "policyAreaId", decision, count(*)::int AS count FROM accountability
        WHERE cycle_id = $1 AND ${published} AND decision IS NOT NULL GROUP BY 1, 2`,
      [cycleId],
    )) as CyclePageData['decisionsByArea'];
    const daysToResponse = (await m.query(
      `SELECT days_to_response AS days, count(*)::int AS count FROM accountability
        WHERE cycle_id = $1 AND ${published} AND days_to_response IS NOT NULL GROUP BY 1 ORDER BY 1`,
      [cycleId],
    )) as CyclePageData['daysToResponse'];
    const monthly = (await m.query(
      `SELECT month, sum(received)::int AS received, sum(responded)::int AS responded FROM (
         SELECT to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, 1 AS received, 0 AS responded FROM accountability WHERE cycle_id = $1 AND ${published}
         UNION ALL
         SELECT to_char(responded_at AT TIME ZONE 'UTC', 'YYYY-MM'), 0, 1 FROM accountability WHERE cycle_id = $1 AND ${published} AND responded_at IS NOT NULL
       ) x GROUP BY month ORDER BY month`,
      [cycleId],
    )) as CyclePageData['monthly'];

    factRows.sort((a, b) => this.store.comparePositions(a.position, b.position));
    const facts: ComplianceFact[] = factRows.map((f) => ({ eventId: f.eventId, type: f.type, position: f.position, occurredAt: f.occurredAt, data: f.data }));
    const compliance = evaluateCompliance(cycleId, facts, today);
    if (!compliance) return null;
    const cited = new Set(compliance.checks.flatMap((c) => c.evidence));
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
      forumMeetings: meetings.map((f) => ({ meetingId: f.meetingId, heldAt: f.heldAt.toISOString(), minutesUrl: f.minutesUrl, attendeeCount: f.attendeeCount })),
      draftPlans: drafts.map((d) => ({ version: d.version, url: d.url, publishedAt: d.publishedAt.toISOString() })),
      consultations: consultations.map((c) => ({
        consultationId: c.consultationId,
        policyAreaId: c.policyAreaId,
        kind: c.kind,
        title: c.title,
        announcedAt: c.announcedAt.toISOString(),
        opensAt: c.opensAt.toISOString(),
        closesAt: c.closesAt.toISOString(),
        closedAt: iso(c.closedAt),
      })),
      reports: reports.map((r) => ({ reportId: r.reportId, consultationId: r.consultationId, status: r.status, url: r.status === 'published' ? r.url : null })),
      commitments: commitments.map((c) => ({ commitmentId: c.commitmentId, policyAreaId: c.policyAreaId, title: c.title, status: c.status })),
      figures: { received: figures.received, addressed: figures.addressed, published: figures.published, medianDaysToResponse: figures.median === null ? null : Number(figures.median) },
      decisionsByArea,
      daysToResponse,
      monthly,
      compliance,
      facts: Object.fromEntries(factRows.filter((f) => cited.has(f.eventId)).map((f) => [f.eventId, { type: f.type, occurredAt: f.occurredAt.toISOString(), data: f.data }])),
    };
  }
}
