import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ComplianceFactRow } from '../../../projections/compliance/compliance-fact.entity.js';
import { complianceProjection } from '../../../projections/compliance/compliance.projection.js';
import { isUuid } from '../../../projections/shared/aggregate-view.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { ProblemException } from '../../http/problem.js';
import { ConsistencyService } from '../../projection-runner/consistency.service.js';
import { evaluateCompliance, type ComplianceView } from './compliance.rules.js';

export class GetComplianceQuery extends Query<ComplianceView> {
  constructor(
    readonly cycleId: string,
    readonly consistentWith?: string,
  ) {
    super();
  }
}

/** The cycle's facts (the compliance read model), folded by the rules with today's date. */
@QueryHandler(GetComplianceQuery)
export class GetComplianceHandler implements IQueryHandler<GetComplianceQuery, ComplianceView> {
  constructor(
    @InjectRepository(ComplianceFactRow) private readonly facts: Repository<ComplianceFactRow>,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly consistency: ConsistencyService,
  ) {}

  async execute({ cycleId, consistentWith }: GetComplianceQuery): Promise<ComplianceView> {
    await this.consistency.waitFor([complianceProjection.name], consistentWith);
    const rows = isUuid(cycleId) ? await this.facts.findBy({ cycleId }) : [];
    rows.sort((a, b) => this.store.comparePositions(a.position, b.position));
    const view = evaluateCompliance(cycleId, rows, new Date());
    if (!view) throw new ProblemException(404, 'CYCLE.NOT_FOUND', 'Not Found', `no cycle ${cycleId}`);
    return view;
  }
}
