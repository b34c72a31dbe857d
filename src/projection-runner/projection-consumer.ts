import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { RecordedEvent } from '../event-store/event-store.port.js';
import type { Checkpoint, Checkpoints } from './checkpoints.js';
import type { LogConsumer } from './log-consumer.js';
import type { LogFollower } from './log-follower.js';
import { handledTypes, type ProjectionDefinition } from './projection.js';
import { rebuildProjection } from './projection-rebuild.js';
import { applyEvents, failedEvent, useSchema } from './replay.js';
import type { RowChanges } from './row-changes.js';

export type WorkerStatus = 'stopped' | 'standby' | 'running' | 'rebuilding' | 'failed';

export interface ProjectionConsumerContext {
  dataSource: DataSource;
  checkpoints: Checkpoints;
  follower: LogFollower;
  batchSize: number;
  progressEveryMs: number;
}

/** One projection as the log follower drives it: its batches, its failures, its rebuilds. */
export class ProjectionConsumer implements LogConsumer {
  readonly kind = 'projection';
  readonly name: string;
  readonly types: ReadonlySet<string>;
  /** A rebuild after a version change: the old tables cannot take the new handlers' batches. */
  busy = false;
  rebuilding = false;
  private rebuildRun: Promise<void> | undefined;
  private readonly logger: Logger;

  constructor(
    readonly definition: ProjectionDefinition,
    private readonly ctx: ProjectionConsumerContext,
  ) {
    this.name = definition.name;
    this.types = new Set(handledTypes(definition));
    this.logger = new Logger(`Projection:${definition.name}`);
  }

  async prepare(): Promise<Checkpoint> {
    const state = await this.ctx.checkpoints.ensure(this.name, 'projection', this.definition.version);
    if (state.status === 'failed') {
      this.logger.warn(`retrying after an earlier failure at event ${state.failed_event_id}: ${state.error}`);
      await this.ctx.checkpoints.setStatus(this.name, 'running', null, null);
    }
    if (state.version !== this.definition.version) {
      this.logger.log(`version ${state.version} → ${this.definition.version}: rebuilding from the first event; the current tables keep answering`);
      this.busy = true;
      // Until the swap the follower leaves it alone; after a failed rebuild, for good (the old
      // tables cannot take the new handlers' batches).
      void this.rebuild().then(
        () => {
          this.busy = false;
        },
        async (error: unknown) => {
          if (this.ctx.follower.stopped) return;
          this.logger.error(`rebuild failed: ${(error as Error)?.stack ?? String(error)}`);
          await this.fail(error).catch(() => undefined);
        },
      );
    }
    return { position: state.position, horizon: state.horizon };
  }

  async apply(events: readonly RecordedEvent[], from: Checkpoint, to: Checkpoint, changes?: RowChanges): Promise<void> {
    await this.ctx.dataSource.transaction(async (manager) => {
      await useSchema(manager, 'public');
      // The handlers read before anything is written, so the transaction takes its id (and holds
      // back readers of the log) only for the checkpoint and the batch's writes.
      await applyEvents(manager, this.definition, events, {
        beforeWrite: () => this.ctx.checkpoints.advance(manager, this.name, from, to, events.length),
        changes,
      });
    });
  }

  async applyIn(manager: EntityManager, events: readonly RecordedEvent[], changes?: RowChanges): Promise<void> {
    await applyEvents(manager, this.definition, events, { changes });
  }

  async fail(error: unknown): Promise<void> {
    const message = (error as Error)?.message ?? String(error);
    this.logger.error(message);
    // Recorded before it shows, so whoever sees "failed" also sees which event.
    await this.ctx.checkpoints.setStatus(this.name, 'failed', message, failedEvent(error)?.eventId ?? null);
  }

  /** Rebuilds into new tables (in the background); the current ones answer until the swap. */
  rebuild(): Promise<void> {
    this.rebuildRun ??= (async () => {
      this.rebuilding = true;
      try {
        await rebuildProjection(
          {
            dataSource: this.ctx.dataSource,
            store: this.ctx.checkpoints.store,
            batchSize: this.ctx.batchSize,
            progressEveryMs: this.ctx.progressEveryMs,
            logger: this.logger,
            stopped: () => this.ctx.follower.stopped,
            exclusive: (fn) => this.ctx.follower.exclusive(this.name, fn),
          },
          this.definition,
        );
      } finally {
        this.rebuilding = false;
        this.rebuildRun = undefined;
      }
    })();
    return this.rebuildRun;
  }
}
