import { matrixCore, publicBodySql, type ReasonedResponseItem } from '../../../projections/reasoned-response/reasoned-response.queries.js';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { commitmentTraceabilityProjection } from '../../../projections/commitment-traceability/commitment-traceability.projection.js';
import { consultationSummaryProjection } from '../../../projections/consultation-summary/consultation-summary.projection.js';
import { ConsultationSummaryRow } from '../../../projections/consultation-summary/consultation-summary.entity.js';
import { cyclesProjection } from '../../../projections/cycles/cycles.projection.js';
import { AccountabilityRow } from '../../../projections/accountability/accountability.entity.js';
import { accountabilityProjection } from '../../../projections/accountability/accountability.projection.js';
import { afterKey, receiptKey, receiptOrder } from '../../../projections/shared/keyset.js';
import { AsOfService } from '../../audit/as-of/as-of.service.js';
import { decodeCursor, toPage, type Page } from '../../read-side/pagination.js';
import { RecordReader, type Stamped } from '../record-reader.js';
import { commitmentTitles, cycleRef, notFound, requireUuid, type CycleRef } from './common.js';

export interface MatrixFilter {
  decision?: string;
  policyAreaId?: string;
  consultationId?: string;
  /** Words to find in the public text or the rationale. */
  q?: string;
  /** Rows per page (kept in the page links). */
  limit?: number;
}

/** A matrix row as the public sees it: the API's item without its dates and names. */
export type MatrixRow = Pick<ReasonedResponseItem, 'contributionId' | 'consultationId' | 'policyAreaId' | 'channel' | 'body' | 'decision' | 'rationale' | 'commitmentIds'>;

export interface MatrixPageData {
  cycle: CycleRef;
  consultations: Array<{ consultationId: string; title: string }>;
  rows: Page<MatrixRow>;
  commitmentTitles: Record<string, string>;
}

export const MATRIX_PAGE_SIZE = 50;

export class MatrixPageQuery extends Query<Stamped<MatrixPageData>> {
  constructor(
    readonly cycleId: string,
    readonly filter: MatrixFilter,
    readonly cursor?: string,
    readonly asOf?: string,
    readonly limit = MATRIX_PAGE_SIZE,
  ) {
    super();
  }
}


/** LIKE pattern for words typed by anyone: their % and _ are literal. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

@QueryHandler(MatrixPageQuery)
export class MatrixPageHandler implements IQueryHandler<MatrixPageQuery, Stamped<MatrixPageData>> {
  constructor(
    private readonly reader: RecordReader,
    private readonly asOfService: AsOfService,
  ) {}

  async execute({ cycleId, filter, cursor, asOf, limit }: MatrixPageQuery): Promise<Stamped<MatrixPageData>> {
    requireUuid('cycle', cycleId);
    const after = decodeCursor(cursor, 2);
    const projections = [accountabilityProjection, cyclesProjection, consultationSummaryProjection, commitmentTraceabilityProjection];
    return this.reader.read({ projections, asOf, scope: this.asOfService.cycle(cycleId) }, (m) => this.load(m, cycleId, filter, after, limit), () => notFound('cycle', cycleId));
  }

  private async load(m: EntityManager, cycleId: string, filter: MatrixFilter, after: unknown[] | null, limit: number): Promise<MatrixPageData | null> {
    const cycle = await cycleRef(m, cycleId);
    if (!cycle) return null;
    // The published matrix, as GET /v1/cycles/:id/reasoned-response gives it, narrowed by the filters.
    const qb = m.createQueryBuilder(AccountabilityRow, 'r').where('r.cycle_id = :cycleId AND r.published_at IS NOT NULL AND NOT r.withdrawn', { cycleId });
    if (filter.decision) qb.andWhere('r.decision = :decision', { decision: filter.decision });
    if (filter.policyAreaId) qb.andWhere('r.policy_area_id = :area', { area: filter.policyAreaId });
    if (filter.consultationId) qb.andWhere('r.consultation_id = :consultation', { consultation: filter.consultationId });
    if (filter.q) qb.andWhere(`(${publicBodySql('r')} ILIKE :q ESCAPE '\\' OR r.rationale ILIKE :q ESCAPE '\\')`, { q: likePattern(filter.q) });
    const found = await afterKey(qb, receiptOrder('r'), after, limit + 1).getMany();
    const rows = await toPage(found, limit, receiptKey, (r): MatrixRow => matrixCore(r));
    const consultations = await m.find(ConsultationSummaryRow, { select: { consultationId: true, title: true, opensAt: true }, where: { cycleId }, order: { opensAt: 'ASC', consultationId: 'ASC' } });
    return {
      cycle,
      consultations: consultations.map((c) => ({ consultationId: c.consultationId, title: c.title })),
      rows,
      commitmentTitles: await commitmentTitles(m, rows.items.flatMap((r) => r.commitmentIds)),
    };
  }
}
