import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type EntityManager } from 'typeorm';
import type { PastQuery } from '../../src/audit/as-of/as-of-point.js';
import { AsOfService } from '../../src/audit/as-of/as-of.service.js';
import type { Decision } from '../../src/contributions/domain/events.js';
import type { Actor } from '../../src/shared/actor.js';
import { ReadModels } from '../../src/read-side/read-models.js';
import { readerOf } from '../../src/read-side/access.js';
import { decodeCursor, toPage, type Page } from '../../src/read-side/pagination.js';
import { Names } from '../directory/directory.queries.js';
import { afterKey } from '../shared/keyset.js';
import { countByDecision, decisionsCountedFor, type DecisionsCounted } from '../shared/aggregate-view.js';
import { ConsultationSummaryRow } from './consultation-summary.entity.js';
import { consultationSummaryProjection } from './consultation-summary.projection.js';
import { DomainError } from '../../src/shared/domain-error.js';
import { directoryProjection } from '../directory/directory.projection.js';
import { accountabilityProjection } from '../accountability/accountability.projection.js';
import { combineProjections } from '../../src/projection-runner/projection.js';

/** A consultation as the list shows it (and the summary begins). */
export interface ConsultationItemView {
  consultationId: string;
  cycleId: string;
  policyAreaId: string | null;
  policyAreaName: string | null;
  /** Who runs it: the policy area's lead, or the POC institution outside any area. */
  leadInstitution: string | null;
  kind: string;
  title: string;
  announcedAt: string;
  opensAt: string;
  closesAt: string;
  closed: boolean;
  closedAt: string | null;
  reportStatus: string;
  reportId: string | null;
  /** The consultation stream's revision: the ETag, and what If-Match on its commands expects. */
  revision: number;
}

export interface ConsultationSummaryView extends ConsultationItemView {
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
}

async function namesOf(m: EntityManager, rows: readonly ConsultationSummaryRow[]): Promise<Names> {
  return Names.lookup(m, { consultationIds: rows.map((r) => r.consultationId), policyAreaIds: rows.map((r) => r.policyAreaId) });
}

function toItem(row: ConsultationSummaryRow, names: Names): ConsultationItemView {
  return {
    consultationId: row.consultationId,
    cycleId: row.cycleId,
    policyAreaId: row.policyAreaId,
    policyAreaName: names.policyAreaName(row.policyAreaId),
    leadInstitution: names.consultationLead(row.consultationId) ?? names.leadInstitution(row.policyAreaId),
    kind: row.kind,
    title: row.title,
    announcedAt: row.announcedAt.toISOString(),
    opensAt: row.opensAt.toISOString(),
    closesAt: row.closesAt.toISOString(),
    closed: row.closed,
    closedAt: row.closedAt?.toISOString() ?? null,
    reportStatus: row.reportStatus,
    reportId: row.reportId,
    revision: row.revision,
  };
}

export class GetConsultationSummaryQuery extends Query<ConsultationSummaryView> {
  constructor(
    readonly consultationId: string,
    readonly actor: Actor | undefined,
    readonly consistentWith?: string,
    readonly past: PastQuery = {},
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

/** The summary's rows and the accountability view's, whose rows of the consultation it counts. */
const SUMMARY_AS_OF = combineProjections([consultationSummaryProjection, accountabilityProjection]);

@QueryHandler(GetConsultationSummaryQuery)
export class GetConsultationSummaryHandler implements IQueryHandler<GetConsultationSummaryQuery, ConsultationSummaryView> {
  constructor(
    @InjectRepository(ConsultationSummaryRow) private readonly consultations: Repository<ConsultationSummaryRow>,
    private readonly readModels: ReadModels,
    private readonly asOf: AsOfService,
  ) {}

  async execute({ consultationId, actor, consistentWith, past }: GetConsultationSummaryQuery): Promise<ConsultationSummaryView> {
    return this.readModels.read(
      { consistentWith, past },
      [consultationSummaryProjection, accountabilityProjection, directoryProjection],
      (m, point) => this.summary(point ? m.getRepository(ConsultationSummaryRow) : this.consultations, consultationId, actor),
      { projection: SUMMARY_AS_OF, scope: this.asOf.consultation(consultationId) },
    );
  }

  private async summary(consultations: Repository<ConsultationSummaryRow>, consultationId: string, actor: Actor | undefined): Promise<ConsultationSummaryView> {
    const row = await consultations.findOneBy({ consultationId });
    if (!row) throw new DomainError('CONSULTATION.NOT_FOUND', `no consultation ${consultationId}`, 'not_found');
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
                 FROM (SELECT decision, count(*)::int AS count FROM accountability
                        WHERE consultation_id = $1 AND NOT withdrawn AND decision IS NOT NULL AND ${shown}
                        GROUP BY decision) g) AS "byDecision"
         FROM accountability WHERE consultation_id = $1`,
      [consultationId, counted === 'published'],
    )) as Array<Counts & { byDecision: Array<{ decision: string; count: number }> }>;
    return {
      ...toItem(row, await namesOf(consultations.manager, [row])),
      received: counts.received,
      withdrawn: counts.withdrawn,
      addressed: counts.addressed,
      unaddressed: counts.unaddressed,
      late: counts.late,
      byDecision: countByDecision(counts.byDecision),
      decisionsCounted: counted,
    };
  }
}

export interface ConsultationFilters {
  cycleId?: string;
  policyAreaId?: string;
  kind?: string;
}

export class ListConsultationsQuery extends Query<Page<ConsultationItemView>> {
  constructor(
    readonly filters: ConsultationFilters,
    readonly limit: number,
    readonly cursor?: string,
    readonly consistentWith?: string,
  ) {
    super();
  }
}

/** Consultations hold no personal data: every caller sees the same list, in opening order. */
@QueryHandler(ListConsultationsQuery)
export class ListConsultationsHandler implements IQueryHandler<ListConsultationsQuery, Page<ConsultationItemView>> {
  constructor(
    @InjectRepository(ConsultationSummaryRow) private readonly consultations: Repository<ConsultationSummaryRow>,
    private readonly readModels: ReadModels,
  ) {}

  async execute({ filters, limit, cursor, consistentWith }: ListConsultationsQuery): Promise<Page<ConsultationItemView>> {
    await this.readModels.today([consultationSummaryProjection, directoryProjection], consistentWith);
    const qb = this.consultations.createQueryBuilder('c');
    if (filters.cycleId) qb.andWhere('c.cycle_id = :cycleId', { cycleId: filters.cycleId });
    if (filters.policyAreaId) qb.andWhere('c.policy_area_id = :policyAreaId', { policyAreaId: filters.policyAreaId });
    if (filters.kind) qb.andWhere('c.kind = :kind', { kind: filters.kind });
    const rows = await afterKey(qb, ['c.opens_at', 'c.consultation_id'], decodeCursor(cursor, 2), limit + 1).getMany();
    const names = await namesOf(this.consultations.manager, rows.slice(0, limit));
    return toPage(rows, limit, (r) => [r.opensAt.toISOString(), r.consultationId], (r) => toItem(r, names));
  }
}
