import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { RUNTIME, type Runtime } from '../runtime.js';
import { BulkWriters } from './bulk-writers.js';
import { Checkpoints } from './checkpoints.js';
import { LockSession } from './lock-session.js';
import type { LogConsumer } from './log-consumer.js';
import { LogFollower } from './log-follower.js';
import { handledTypes, PROJECTIONS, type ProjectionDefinition } from './projection.js';
import { ProjectionConsumer } from './projection-consumer.js';

export interface ProjectionStatus {
  name: string;
  version: number;
  storedVersion: number | null;
  status: string;
  checkpoint: string | null;
  horizon: string | null;
  eventsApplied: number;
  lag: number | null;
  error: string | null;
  failedEventId: string | null;
  rebuild: null | { version: number | null; position: string | null; startedAt: string | null };
  updatedAt: string | null;
}

const POLL_MS = 250;
const STANDBY_MS = 2000;
const PROGRESS_EVERY_MS = 5000;
/** Pages grow to this while the follower catches up (a fresh start, a long outage). */
const CATCH_UP_PAGE_SIZE = 10_000;
/** Consumers applying their shares at once while catching up (two cores: Node and PostgreSQL). */
const CATCH_UP_CONCURRENCY = 4;
/** While a bulk intake runs in this process, the follower waits at least this long after each round. */
const GIVE_WAY_MS = 1000;
/** Caught up, rounds start at least this far apart: appends close together are applied together. */
const LIVE_ROUND_MS = 50;

/**
 * Runs every projection, and every reactor that registers, on one follower of the log: each
 * batch and its checkpoint in one transaction, one process per consumer at a time, rebuilds on
 * version bumps or on demand. The follower is in log-follower.ts, a projection's batches and
 * rebuilds in projection-consumer.ts, the checkpoint table in checkpoints.ts.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly consumers = new Map<string, ProjectionConsumer>();
  readonly checkpoints: Checkpoints;
  readonly follower: LogFollower;
  private readonly locks: LockSession;
  private readonly logger = new Logger('ProjectionRunner');

  constructor(
    @Inject(PROJECTIONS) readonly definitions: ProjectionDefinition[],
    readonly dataSource: DataSource,
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    bulkWriters: BulkWriters,
  ) {
    this.checkpoints = new Checkpoints(dataSource, store);
    this.locks = new LockSession(runtime.databaseUrl);
    const batchSize = runtime.config.PROJECTION_BATCH_SIZE;
    this.follower = new LogFollower(store, this.checkpoints, this.locks, {
      pageSize: batchSize,
      catchUpPageSize: Math.max(batchSize, CATCH_UP_PAGE_SIZE),
      catchUpConcurrency: CATCH_UP_CONCURRENCY,
      pollMs: POLL_MS,
      standbyMs: STANDBY_MS,
      giveWayTo: { writers: bulkWriters, leastMs: GIVE_WAY_MS },
      liveRoundMs: LIVE_ROUND_MS,
    });
    for (const definition of definitions) {
      const consumer = new ProjectionConsumer(definition, {
        dataSource,
        checkpoints: this.checkpoints,
        follower: this.follower,
        batchSize,
        progressEveryMs: PROGRESS_EVERY_MS,
      });
      this.consumers.set(definition.name, consumer);
      this.follower.register(consumer);
    }
  }

  /** A reactor (or any other follower of the log) joins the projections' follower. */
  register(consumer: LogConsumer): void {
    this.follower.register(consumer);
  }

  get enabled(): boolean {
    return this.runtime.config.PROJECTIONS_ENABLED !== 'false';
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) {
      this.logger.log('PROJECTIONS_ENABLED=false: not running projections or reactors in this process');
      return;
    }
    this.start();
  }

  start(): void {
    this.follower.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.follower.stop();
    // A rebuild under way stops at its next batch (its scratch tables are dropped at the next start).
    await Promise.all([...this.consumers.values()].map((c) => (c.rebuilding ? c.rebuild().catch(() => undefined) : undefined)));
    await this.locks.close();
  }

  definition(name: string): ProjectionDefinition | undefined {
    return this.consumers.get(name)?.definition;
  }

  /** Rebuilds now (in the background); the current tables answer until the swap. */
  requestRebuild(name: string): { started: boolean } {
    const consumer = this.consumers.get(name);
    if (!consumer) return { started: false };
    void consumer.rebuild().catch((error: unknown) => this.logger.error(`rebuild of ${name} failed: ${(error as Error).message}`));
    return { started: true };
  }

  async statuses(): Promise<ProjectionStatus[]> {
    const rows = await this.checkpoints.rows();
    const byName = new Map(rows.map((r) => [r.name, r]));
    return Promise.all(
      this.definitions.map(async (definition) => {
        const row = byName.get(definition.name);
        const consumer = this.consumers.get(definition.name);
        const lag = await this.lag(definition, row?.position ?? null);
        // The row is the truth for running/failed (whichever process runs it); a rebuild under
        // way in this process is the one thing only memory knows.
        const status = consumer?.rebuilding ? 'rebuilding' : (row?.status ?? 'pending');
        return {
          name: definition.name,
          version: definition.version,
          storedVersion: row?.version ?? null,
          status,
          checkpoint: row?.position ?? null,
          horizon: row?.horizon ?? null,
          eventsApplied: Number(row?.events_applied ?? 0),
          lag,
          error: row?.error ?? null,
          failedEventId: row?.failed_event_id ?? null,
          rebuild:
            row?.rebuild_version != null
              ? { version: row.rebuild_version, position: row.rebuild_position, startedAt: row.rebuild_started_at?.toISOString() ?? null }
              : null,
          updatedAt: row?.updated_at?.toISOString() ?? null,
        };
      }),
    );
  }

  /** Events of the projection's types after its checkpoint. */
  private async lag(definition: ProjectionDefinition, position: string | null): Promise<number | null> {
    const types = handledTypes(definition);
    if (this.store.count) return this.store.count({ after: position, types });
    const cap = 10_000;
    return (await this.store.readAll({ after: position, types, limit: cap })).length;
  }
}
