import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type EntityManager } from 'typeorm';
import { ComplianceFactRow } from '../../../projections/compliance/compliance-fact.entity.js';
import { complianceProjection } from '../../../projections/compliance/compliance.projection.js';
import { isUuid } from '../../../projections/shared/aggregate-view.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { ProblemException } from '../../http/problem.js';
import { ConsistencyService } from '../../projection-runner/consistency.service.js';
import { asksAboutThePast, type PastQuery } from '../as-of/as-of-point.js';
import { AsOfService } from '../as-of/as-of.service.js';
import { evaluateCompliance, type ComplianceView } from './compliance.rules.js';

export class GetComplianceQuery extends Query<ComplianceView> {
  constructor(
    readonly cycleId: string,
    readonly consistentWith?: string,
    readonly past: PastQuery = {},
  ) {
    super();
  }
}

/**
 * The cycle's facts (the compliance read model), folded by the rules with today's date; about the
 * past, the facts replayed up to the point and "today" the time asked about (see PastAnswer).
 */
@QueryHandler(GetComplianceQuery)
export class GetComplianceHandler implements IQueryHandler<GetComplianceQuery, ComplianceView> {
  constructor(
    @InjectRepository(ComplianceFactRow) private readonly facts: Repository<ComplianceFactRow>,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly consistency: ConsistencyService,
    private readonly asOf: AsOfService,
  ) {}

  async execute({ cycleId, consistentWith, past }: GetComplianceQuery): Promise<ComplianceView> {
    if (asksAboutThePast(past)) {
      return this.asOf.answer(past, complianceProjection, this.asOf.cycle(cycleId), (m, point) => this.evaluate(m, cycleId, point.evaluatedAt));
    }
    await this.consistency.waitFor([complianceProjection.name], consistentWith);
    return this.evaluate(this.facts.manager, cycleId, new Date());
  }

  private async evaluate(m: EntityManager, cycleId: string, today: Date): Promise<ComplianceView> {
    const rows = isUuid(cycleId) ? await m.findBy(ComplianceFactRow, { cycleId }) : [];
    rows.sort((a, b) => this.store.comparePositions(a.position, b.position));
    const view = evaluateCompliance(cycleId, rows, today);
    if (!view) throw new ProblemException(404, 'CYCLE.NOT_FOUND', 'Not Found', `no cycle ${cycleId}`);
    return view;
  }
}
