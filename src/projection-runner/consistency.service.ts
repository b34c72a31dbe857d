import { readModelProgress } from './progress.js';
import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { RUNTIME, type Runtime } from '../runtime.js';
import { DomainError } from '../shared/domain-error.js';

/**
 * Read your writes: a query given consistentWith=<position> waits until the projections it reads
 * have seen that position, for at most CONSISTENCY_TIMEOUT_MS, then answers 503 with the lag.
 */
@Injectable()
export class ConsistencyService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async waitFor(projections: readonly string[], position: string | undefined): Promise<void> {
    if (position === undefined || position === '') return;
    if (!this.store.isPosition(position)) {
      throw new DomainError('VALIDATION.FAILED', 'consistentWith: not a log position', 'invalid', {
        errors: [{ field: 'consistentWith', reason: 'must be a position returned by a command' }],
      });
    }
    const deadline = Date.now() + this.runtime.config.CONSISTENCY_TIMEOUT_MS;
    let delay = 5;
    for (;;) {
      const progress = await readModelProgress(this.dataSource, projections);
      const behind = projections
        .map((name) => ({ name, seen: progress.get(name)?.seen ?? null }))
        .filter(({ seen }) => seen === null || this.store.comparePositions(seen, position) < 0);
      if (behind.length === 0) return;
      if (Date.now() >= deadline) {
        throw new DomainError(
          'PROJECTION.NOT_CAUGHT_UP',
          `the read models have not reached position ${position} within ${this.runtime.config.CONSISTENCY_TIMEOUT_MS} ms; retry shortly`,
          'unavailable',
          { behind },
        );
      }
      await sleep(delay);
      delay = Math.min(delay * 2, 100);
    }
  }
}
