import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AsOfService } from '../../src/audit/as-of/as-of.service.js';
import type { Decision } from '../../src/contributions/domain/events.js';
import type { Actor } from '../../src/event-store/event-store.port.js';
import { ProblemException } from '../../src/http/problem.js';
import { ConsistencyService } from '../../src/projection-runner/consistency.service.js';
import { readerOf } from '../../src/read-side/access.js';
import { countByDecision, decisionsCountedFor, isUuid, type DecisionsCounted } from '../shared/aggregate-view.js';
import { ConsultationSummaryRow } from './consultation-summary.entity.js';
import { consultationSummaryProjection } from './consultation-summary.projection.js';

export interface ConsultationSummaryView {
  consultationId: string;
  cycleId: string;
  policyAreaId: string | null;
  kind: string;
  title: string;
  announcedAt: string;
  opensAt: string;
  closesAt: string;
  closed: boolean;
  closedAt: string | null;
  /** Every contribution, withdrawn ones included. */
  received: number;
  withdrawn: number;
  /** addressed + unaddressed = received − withdrawn. */
  addressed: number;
  unaddressed: number;
  /** Received after closure (withdrawn ones included). */
  late: number;
  /** The contributions not withdrawn, by their current (for duplicates, inherited) decision. */
  byDecision: Record<Decision, number>;
  /** Whether addressed and byDecision count every response or only published ones (see decisionsCountedFor). */
  decisionsCounted: DecisionsCounted;
  reportStatus: string;
  reportId: string | null;
}

export class GetConsultationSummaryQuery extends Query<ConsultationSummaryView> {
  constructor(
    readonly consultationId: string,
    readonly actor: Actor | undefined,
    readonly consistentWith?: string,
    readonly asOf?: string,
  ) {
    super();
  }
}

interface Counts {
  received: number;
  withdrawn: number;
  addressed: number;
  unaddressed: number;
  late: number;
}

@QueryHandler(GetConsultationSummaryQuery)
export class GetConsultationSummaryHandler implements IQueryHandler<GetConsultationSummaryQuery, ConsultationSummaryView> {
  constructor(
    @InjectRepository(ConsultationSummaryRow) private readonly consultations: Repository<ConsultationSummaryRow>,
    private readonly consistency: ConsistencyService,
    private readonly asOf: AsOfService,
  ) {}

  async execute({ consultationId, actor, consistentWith, asOf }: GetConsultationSummaryQuery): Promise<ConsultationSummaryView> {
    if (asOf !== undefined) {
      return this.asOf.answer(asOf, consultationSummaryProjection, this.asOf.consultation(consultationId), (m) =>
        this.summary(m.getRepository(ConsultationSummaryRow), consultationId, actor),
      );
    }
    await this.consistency.waitFor(['consultation-summary'], consistentWith);
    return this.summary(this.consultations, consultationId, actor);
  }

  private async summary(consultations: Repository<ConsultationSummaryRow>, consultationId: string, actor: Actor | undefined): Promise<ConsultationSummaryView> {
    const row = isUuid(consultationId) ? await consultations.findOneBy({ consultationId }) : null;
    if (!row) throw new ProblemException(404, 'CONSULTATION.NOT_FOUND', 'Not Found', `no consultation ${consultationId}`);
    const counted = decisionsCountedFor(readerOf(actor));
    // $2: count only published responses (for duplicates, the canonical's publication).
    const shown = '(NOT $2 OR published_at IS NOT NULL)';
    // One statement, one snapshot: the totals and byDecision always agree.
    const [counts] = (await consultations.query(
      `SELECT count(*)::int AS received,
              count(*) FILTER (WHERE withdrawn)::int AS withdrawn,
              count(*) FILTER (WHERE NOT withdrawn AND addressed AND ${shown})::int AS addressed,
              count(*) FILTER (WHERE NOT withdrawn AND NOT (addressed AND ${shown}))::int AS unaddressed,
              count(*) FILTER (WHERE late)::int AS late,
              (SELECT coalesce(jsonb_agg(jsonb_build_object('decision', g.decision, 'count', g.count)), '[]'::jsonb)
                 FROM (SELECT decision, count(*)::int AS count FROM consultation_summary_contribution
                        WHERE consultation_id = $1 AND NOT withdrawn AND decision IS NOT NULL AND ${shown}
                        GROUP BY decision) g) AS "byDecision"
         FROM consultation_summary_contribution WHERE consultation_id = $1`,
      [consultationId, counted === 'published'],
    )) as Array<Counts & { byDecision: Array<{ decision: string; count: number }> }>;
    return {
      consultationId: row.consultationId,
      cycleId: row.cycleId,
      policyAreaId: row.policyAreaId,
      kind: row.kind,
      title: row.title,
      announcedAt: row.announcedAt.toISOString(),
      opensAt: row.opensAt.toISOString(),
      closesAt: row.closesAt.toISOString(),
      closed: row.closed,
      closedAt: row.closedAt?.toISOString() ?? null,
      received: counts.received,
      withdrawn: counts.withdrawn,
      addressed: counts.addressed,
      unaddressed: counts.unaddressed,
      late: counts.late,
      byDecision: countByDecision(counts.byDecision),
      decisionsCounted: counted,
      reportStatus: row.reportStatus,
      reportId: row.reportId,
    };
  }
}
