import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { ComplianceThresholds } from '../../src/cycles/domain/events.js';
import { ReadModels } from '../../src/read-side/read-models.js';
import { decodeCursor, toPage, type Page } from '../../src/read-side/pagination.js';
import { afterKey } from '../shared/keyset.js';
import { CycleRow, type CycleApproval, type CyclePolicyArea } from './cycles.entity.js';
import { DomainError } from '../../src/shared/domain-error.js';
import { cyclesProjection } from './cycles.projection.js';

export interface CycleView {
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
  thresholds: ComplianceThresholds;
  openedAt: string;
  /** The cycle stream's revision: the ETag, and what If-Match on its commands expects. */
  revision: number;
  position: string;
}


// A cycle holds no personal data: every caller sees the same.
const toView = (r: CycleRow): CycleView => ({
  cycleId: r.cycleId,
  country: r.country,
  title: r.title,
  periodStart: r.periodStart,
  periodEnd: r.periodEnd,
  pocInstitution: r.pocInstitution,
  methodology: r.methodology,
  stage: r.stage,
  policyAreas: r.policyAreas,
  approval: r.approval,
  submission: r.submission,
  thresholds: r.thresholds,
  openedAt: r.openedAt.toISOString(),
  revision: r.revision,
  position: r.position,
});

export class GetCycleQuery extends Query<CycleView> {
  constructor(
    readonly cycleId: string,
    readonly consistentWith?: string,
  ) {
    super();
  }
}

@QueryHandler(GetCycleQuery)
export class GetCycleHandler implements IQueryHandler<GetCycleQuery, CycleView> {
  constructor(
    @InjectRepository(CycleRow) private readonly rows: Repository<CycleRow>,
    private readonly readModels: ReadModels,
  ) {}

  async execute({ cycleId, consistentWith }: GetCycleQuery): Promise<CycleView> {
    await this.readModels.today([cyclesProjection], consistentWith);
    const row = await this.rows.findOneBy({ cycleId });
    if (!row) throw new DomainError('CYCLE.NOT_FOUND', `no cycle ${cycleId}`, 'not_found');
    return toView(row);
  }
}

export class ListCyclesQuery extends Query<Page<CycleView>> {
  constructor(
    readonly limit: number,
    readonly cursor?: string,
    readonly consistentWith?: string,
  ) {
    super();
  }
}

@QueryHandler(ListCyclesQuery)
export class ListCyclesHandler implements IQueryHandler<ListCyclesQuery, Page<CycleView>> {
  constructor(
    @InjectRepository(CycleRow) private readonly rows: Repository<CycleRow>,
    private readonly readModels: ReadModels,
  ) {}

  /** In the order of their periods (then ids). */
  async execute({ limit, cursor, consistentWith }: ListCyclesQuery): Promise<Page<CycleView>> {
    await this.readModels.today([cyclesProjection], consistentWith);
    const qb = this.rows.createQueryBuilder('c');
    const rows = await afterKey(qb, ['c.period_start', 'c.cycle_id'], decodeCursor(cursor, 2), limit + 1).getMany();
    return toPage(rows, limit, (r) => [r.periodStart, r.cycleId], toView);
  }
}
