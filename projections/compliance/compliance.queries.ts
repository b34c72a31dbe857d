import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type EntityManager } from 'typeorm';
import { ComplianceFactRow } from './compliance-fact.entity.js';
import { complianceProjection } from './compliance.projection.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { ReadModels } from '../../src/read-side/read-models.js';
import type { PastQuery } from '../../src/audit/as-of/as-of-point.js';
import { AsOfService } from '../../src/audit/as-of/as-of.service.js';
import { evaluateCompliance, type ComplianceView } from './compliance.rules.js';
import { DomainError } from '../../src/shared/domain-error.js';

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
    private readonly readModels: ReadModels,
    private readonly asOf: AsOfService,
  ) {}

  async execute({ cycleId, consistentWith, past }: GetComplianceQuery): Promise<ComplianceView> {
    return this.readModels.read(
      { consistentWith, past },
      [complianceProjection],
      (m, point) => (point ? this.evaluate(m, cycleId, point.evaluatedAt) : this.evaluate(this.facts.manager, cycleId, new Date())),
      { projection: complianceProjection, scope: this.asOf.cycle(cycleId) },
    );
  }

  private async evaluate(m: EntityManager, cycleId: string, today: Date): Promise<ComplianceView> {
    const rows = await m.findBy(ComplianceFactRow, { cycleId });
    rows.sort((a, b) => this.store.comparePositions(a.position, b.position));
    const view = evaluateCompliance(cycleId, rows, today);
    if (!view) throw new DomainError('CYCLE.NOT_FOUND', `no cycle ${cycleId}`, 'not_found');
    return view;
  }
}
