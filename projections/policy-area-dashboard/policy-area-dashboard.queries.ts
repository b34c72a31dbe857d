import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Decision } from '../../src/contributions/domain/events.js';
import type { Actor } from '../../src/shared/actor.js';
import { ReadModels } from '../../src/read-side/read-models.js';
import { readerOf } from '../../src/read-side/access.js';
import { RUNTIME, type Runtime } from '../../src/runtime.js';
import { countByDecision, decisionsCountedFor, type DecisionsCounted } from '../shared/aggregate-view.js';
import { DomainError } from '../../src/shared/domain-error.js';
import { accountabilityProjection } from '../accountability/accountability.projection.js';
import { DirectoryPolicyAreaRow } from '../directory/directory.entity.js';
import { directoryProjection } from '../directory/directory.projection.js';

export interface PolicyAreaDashboardView {
  cycleId: string;
  policyAreaId: string;
  name: string;
  leadInstitution: string;
  /** Every contribution to the area, withdrawn ones included. */
  contributions: number;
  withdrawn: number;
  /** Not withdrawn, with a response (a duplicate: its canonical's). */
  responded: number;
  /** responded / (contributions − withdrawn), rounded to 3 decimals (0.583 = 58.3 %); null when nothing is left to answer. */
  responseRate: number | null;
  /** Whole days from receipt to the first response, over the responded ones not withdrawn (percentile_cont, rounded to 1 decimal). */
  medianDaysToResponse: number | null;
  /** The smallest observed day count within which 90 % were answered (percentile_disc). */
  p90DaysToResponse: number | null;
  byDecision: Record<Decision, number>;
  decisionsCounted: DecisionsCounted;
  /** Not withdrawn, not a duplicate, no response, received at least overdueAfterDays days ago. */
  overdue: number;
  overdueAfterDays: number;
}

/** Rates and medians as a person reads them: 0.583, not 0.5833333333333334. */
const roundTo = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

export class GetPolicyAreaDashboardQuery extends Query<PolicyAreaDashboardView> {
  constructor(
    readonly cycleId: string,
    readonly policyAreaId: string,
    readonly actor: Actor | undefined,
    readonly consistentWith?: string,
  ) {
    super();
  }
}

interface Aggregates {
  contributions: number;
  withdrawn: number;
  responded: number;
  median: number | null;
  p90: number | null;
  overdue: number;
  byDecision: Array<{ decision: string; count: number }>;
}

/**
 * The dashboard has no tables of its own: the area is the directory's, the counts are the
 * accountability view's rows of the area (one row per contribution, with its outcome), aggregated
 * here. Keeping a third copy of every contribution's outcome for it cost a rebuild about a tenth
 * of its time.
 */
@QueryHandler(GetPolicyAreaDashboardQuery)
export class GetPolicyAreaDashboardHandler implements IQueryHandler<GetPolicyAreaDashboardQuery, PolicyAreaDashboardView> {
  constructor(
    @InjectRepository(DirectoryPolicyAreaRow) private readonly areas: Repository<DirectoryPolicyAreaRow>,
    private readonly readModels: ReadModels,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async execute({ cycleId, policyAreaId, actor, consistentWith }: GetPolicyAreaDashboardQuery): Promise<PolicyAreaDashboardView> {
    await this.readModels.today([directoryProjection, accountabilityProjection], consistentWith);
    const area = await this.areas.findOneBy({ policyAreaId, cycleId });
    if (!area) throw new DomainError('CYCLE.POLICY_AREA_NOT_FOUND', `no policy area ${policyAreaId} in cycle ${cycleId}`, 'not_found');
    const counted = decisionsCountedFor(readerOf(actor));
    const overdueAfterDays = this.runtime.config.OVERDUE_DAYS;
    const timed = 'NOT withdrawn AND days_to_response IS NOT NULL';
    // One statement, one snapshot. "Now" is the query's: overdue is never stored.
    const [a] = (await this.areas.query(
      `SELECT count(*)::int AS contributions,
              count(*) FILTER (WHERE withdrawn)::int AS withdrawn,
              count(*) FILTER (WHERE NOT withdrawn AND decision IS NOT NULL)::int AS responded,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY days_to_response) FILTER (WHERE ${timed}) AS median,
              percentile_disc(0.9) WITHIN GROUP (ORDER BY days_to_response) FILTER (WHERE ${timed}) AS p90,
              count(*) FILTER (WHERE NOT withdrawn AND duplicate_of IS NULL AND responded_at IS NULL
                                 AND received_at <= now() - make_interval(days => $3))::int AS overdue,
              (SELECT coalesce(jsonb_agg(jsonb_build_object('decision', g.decision, 'count', g.count)), '[]'::jsonb)
                 FROM (SELECT decision, count(*)::int AS count FROM accountability
                        WHERE policy_area_id = $1 AND NOT withdrawn AND decision IS NOT NULL AND (NOT $2 OR published_at IS NOT NULL)
                        GROUP BY decision) g) AS "byDecision"
         FROM accountability WHERE policy_area_id = $1`,
      [policyAreaId, counted === 'published', overdueAfterDays],
    )) as Aggregates[];
    const open = a.contributions - a.withdrawn;
    return {
      cycleId: area.cycleId,
      policyAreaId: area.policyAreaId,
      name: area.name,
      leadInstitution: area.leadInstitution,
      contributions: a.contributions,
      withdrawn: a.withdrawn,
      responded: a.responded,
      responseRate: open > 0 ? roundTo(a.responded / open, 3) : null,
      medianDaysToResponse: a.median === null ? null : roundTo(Number(a.median), 1),
      p90DaysToResponse: a.p90 === null ? null : Number(a.p90),
      byDecision: countByDecision(a.byDecision),
      decisionsCounted: counted,
      overdue: a.overdue,
      overdueAfterDays,
    };
  }
}
