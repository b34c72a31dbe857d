import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { asksAboutThePast, type PastQuery } from '../audit/as-of/as-of-point.js';
import { AsOfService, type PastAnswer, type ScopeAt } from '../audit/as-of/as-of.service.js';
import { ConsistencyService } from '../projection-runner/consistency.service.js';
import type { ProjectionDefinition } from '../projection-runner/projection.js';

/** When a query reads: today (after the read models saw `consistentWith`), or as the record stood at a past point. */
export interface ReadAt {
  consistentWith?: string;
  past?: PastQuery;
}

/** How a query answers about the past: the projection replayed into scratch tables, within a scope of the log. */
export interface PastRead {
  projection: ProjectionDefinition;
  scope: ScopeAt;
}

/**
 * The one way every query reads its read models. Today: wait until each of `models` has seen
 * `consistentWith`, then run on today's tables (`point` null). When `at.past` asks about the past
 * (asOf, asOfOccurred) and the query can answer it (`past`): run on `past.projection` replayed as of
 * that point (`point` says which), without waiting for anything.
 */
@Injectable()
export class ReadModels {
  constructor(
    private readonly consistency: ConsistencyService,
    private readonly asOf: AsOfService,
    private readonly dataSource: DataSource,
  ) {}

  async read<T>(
    at: ReadAt,
    models: readonly ProjectionDefinition[],
    query: (manager: EntityManager, point: PastAnswer | null) => Promise<T>,
    past?: PastRead,
  ): Promise<T> {
    if (past && at.past && asksAboutThePast(at.past)) return this.asOf.answer(at.past, past.projection, past.scope, query);
    await this.today(models, at.consistentWith);
    return query(this.dataSource.manager, null);
  }

  /** Read your writes: waits until each of `models` has seen `consistentWith`; the caller then reads today's tables. */
  async today(models: readonly ProjectionDefinition[], consistentWith: string | undefined): Promise<void> {
    await this.consistency.waitFor(
      models.map((m) => m.name),
      consistentWith,
    );
  }
}
