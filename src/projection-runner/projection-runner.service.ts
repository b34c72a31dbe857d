import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../event-store/event-store.port.js';
import { RUNTIME, type Runtime } from '../runtime.js';
import { AppendSignal } from './append-signal.js';
import { LockSession } from './lock-session.js';
import { handledTypes, PROJECTIONS, type ProjectionDefinition } from './projection.js';
import { applyEvents, createScratchTables, dropSchema, failedEvent, ProjectionBatchError, quoteIdent, useSchema } from './replay.js';

export type WorkerStatus = 'stopped' | 'standby' | 'running' | 'rebuilding' | 'failed';

interface StateRow {
  name: string;
  version: number;
  position: string | null;
  horizon: string | null;
  events_applied: string;
  status: string;
  error: string | null;
  failed_event_id: string | null;
  rebuild_version: number | null;
  rebuild_position: string | null;
  rebuild_started_at: Date | null;
  updated_at: Date;
}

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

export interface RunnerOptions {
  batchSize: number;
  /** How often an idle worker looks for appends of other processes. */
  pollMs: number;
  /** How often a standby worker tries to become the one that runs the projection. */
  standbyMs: number;
  progressEveryMs: number;
}

const DEFAULTS: RunnerOptions = { batchSize: 500, pollMs: 250, standbyMs: 2000, progressEveryMs: 5000 };

function lockKey(name: string): string {
  // A signed 64-bit key derived from the name: the same in every process.
  return createHash('sha256').update(`projection:${name}`).digest().readBigInt64BE(0).toString();
}

/** At most `size` holders at a time. */
class Semaphore {
  private free: number;
  private readonly waiting: Array<() => void> = [];
  constructor(size: number) {
    this.free = size;
  }
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

/** Serialises the live batches of one projection with its swap (in this process). */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

class Worker {
  status: WorkerStatus = 'stopped';
  readonly mutex = new Mutex();
  private loop: Promise<void> | undefined;
  private rebuilding: Promise<void> | undefined;
  private readonly abort = new AbortController();
  private readonly logger: Logger;
  /** Events still to apply one per batch, to find the one the database refused in a failed batch. */
  private isolate = 0;

  constructor(
    readonly definition: ProjectionDefinition,
    private readonly runner: ProjectionRunner,
  ) {
    this.logger = new Logger(`Projection:${definition.name}`);
  }

  get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  start(): void {
    this.loop ??= this.run().catch(async (error: unknown) => {
      this.logger.error(`stopped: ${(error as Error)?.stack ?? String(error)}`);
      await this.runner
        .setStatus(this.definition.name, 'failed', (error as Error)?.message ?? String(error), failedEvent(error)?.eventId ?? null)
        .catch(() => undefined);
      this.status = 'failed';
    });
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    await this.rebuilding?.catch(() => undefined);
    await this.releaseLock();
    this.status = 'stopped';
  }

  private async run(): Promise<void> {
    this.status = 'standby';
    const key = lockKey(this.definition.name);
    while (!this.stopped) {
      const locked = await this.runner.locks.tryLock(key).catch((error: unknown) => {
        this.logger.warn(`could not take the projection lock: ${(error as Error).message}`);
        return false;
      });
      if (locked) break;
      await this.runner.signal.wait(this.runner.options.standbyMs, this.abort.signal);
    }
    if (this.stopped) return;

    const state = await this.runner.ensureState(this.definition);
    if (state.status === 'failed') {
      this.logger.warn(`retrying after an earlier failure at event ${state.failed_event_id}: ${state.error}`);
      await this.runner.setStatus(this.definition.name, 'running', null, null);
    }
    if (state.version !== this.definition.version) {
      this.logger.log(`version ${state.version} → ${this.definition.version}: rebuilding from the first event; the current tables keep answering`);
      await this.rebuild();
    }
    this.status = 'running';
    while (!this.stopped) {
      try {
        const full = await this.step();
        if (!full) await this.runner.signal.wait(this.runner.options.pollMs, this.abort.signal);
      } catch (error) {
        if (this.stopped) return;
        const event = failedEvent(error);
        if (event) {
          this.logger.error((error as Error).message);
          // Recorded before it shows, so whoever sees "failed" also sees which event.
          await this.runner.setStatus(this.definition.name, 'failed', (error as Error).message, event.eventId);
          this.status = 'failed';
          await this.releaseLock();
          return;
        }
        if (error instanceof ProjectionBatchError && error.events.length > 1) {
          // Retrying the same batch would fail the same way: apply it one event per transaction.
          this.logger.warn(`${error.message}; applying its events one at a time to find the one that fails`);
          this.isolate = error.events.length;
          continue;
        }
        // A lost connection or the like: wait and try again; the checkpoint has not moved.
        this.logger.warn(`batch failed, retrying: ${(error as Error).message}`);
        await this.runner.signal.wait(1000, this.abort.signal);
      }
    }
  }

  /** One live batch. True when the batch was full (more is probably waiting). */
  private async step(): Promise<boolean> {
    const { dataSource, store, options } = this.runner;
    const types = handledTypes(this.definition);
    const headBefore = await store.head();
    // An idle look costs no transaction: a row lock would take a transaction id and hold back
    // every reader of the global log for as long as it lasts.
    const [seen] = (await dataSource.query('SELECT position, horizon FROM projection_state WHERE name = $1', [
      this.definition.name,
    ])) as Array<Pick<StateRow, 'position' | 'horizon'>>;
    // Everything up to the horizon has been seen: reading from there keeps a projection of rare
    // event types from rescanning the log on every look.
    const pending = await store.readAll({ after: this.runner.maxPosition(seen.position, seen.horizon), limit: 1, types });
    if (pending.length === 0 && this.runner.maxPosition(seen.horizon, headBefore) === seen.horizon) return false;

    return this.mutex.run(() => this.runner.batches.run(() =>
      dataSource.transaction(async (manager) => {
        // The row lock fences the checkpoint: a rebuild's swap or a second process waits here,
        // and whoever comes next reads the position the previous one committed.
        const [row] = (await manager.query('SELECT position, horizon FROM projection_state WHERE name = $1 FOR UPDATE', [
          this.definition.name,
        ])) as Array<Pick<StateRow, 'position' | 'horizon'>>;
        const limit = this.isolate > 0 ? 1 : options.batchSize;
        const events = await store.readAll({ after: this.runner.maxPosition(row.position, row.horizon), limit, types });
        const position = events.at(-1)?.position ?? row.position;
        let horizon = this.runner.maxPosition(position, row.horizon);
        // Fewer than asked for: every event up to headBefore has been seen.
        if (events.length < limit) horizon = this.runner.maxPosition(horizon, headBefore);
        await useSchema(manager, 'public');
        await applyEvents(manager, this.definition, events);
        await manager.query(
          `UPDATE projection_state SET position = $2, horizon = $3, events_applied = events_applied + $4, status = 'running',
             error = NULL, failed_event_id = NULL, updated_at = now() WHERE name = $1`,
          [this.definition.name, position, horizon, events.length],
        );
        if (this.isolate > 0) this.isolate -= events.length;
        return events.length === limit;
      }),
    ));
  }

  /** Rebuilds into a scratch schema while the live tables keep answering, then swaps in one transaction. */
  rebuild(): Promise<void> {
    this.rebuilding ??= this.doRebuild().finally(() => {
      this.rebuilding = undefined;
    });
    return this.rebuilding;
  }

  private async doRebuild(): Promise<void> {
    const { dataSource, store, options } = this.runner;
    const name = this.definition.name;
    const scratch = `rebuild_${name.replace(/-/g, '_')}`;
    const types = handledTypes(this.definition);
    const previous = this.status;
    this.status = 'rebuilding';
    const started = Date.now();
    try {
      await dataSource.transaction(async (m) => {
        await createScratchTables(m, this.definition, scratch);
        await m.query(
          `UPDATE projection_state SET rebuild_version = $2, rebuild_position = NULL, rebuild_started_at = now(), updated_at = now() WHERE name = $1`,
          [name, this.definition.version],
        );
      });
      const total = await store.count?.({ types });
      let position: string | null = null;
      let done = 0;
      let lastLog = started;
      for (;;) {
        if (this.stopped) throw new Error('stopped during a rebuild');
        const events = await store.readAll({ after: position, limit: options.batchSize, types });
        if (events.length === 0) break;
        await this.runner.batches.run(() => dataSource.transaction(async (m) => {
          await useSchema(m, scratch);
          await applyEvents(m, this.definition, events);
          await m.query('UPDATE projection_state SET rebuild_position = $2 WHERE name = $1', [name, events[events.length - 1].position]);
        }));
        position = events[events.length - 1].position;
        done += events.length;
        if (Date.now() - lastLog >= options.progressEveryMs) {
          lastLog = Date.now();
          this.logger.log(this.runner.progressLine(done, total, started));
        }
        if (events.length < options.batchSize) break;
      }
      // The swap: no live batch runs meanwhile, the last events are caught up inside the same
      // transaction, and readers see the old rows until it commits.
      await this.mutex.run(() =>
        dataSource.transaction(async (m) => {
          await m.query('SELECT 1 FROM projection_state WHERE name = $1 FOR UPDATE', [name]);
          await useSchema(m, scratch);
          let last: RecordedEvent | undefined;
          for (;;) {
            const events = await store.readAll({ after: position, limit: options.batchSize, types });
            if (events.length === 0) break;
            await applyEvents(m, this.definition, events);
            last = events[events.length - 1];
            position = last.position;
            done += events.length;
            if (events.length < options.batchSize) break;
          }
          await useSchema(m, 'public');
          for (const table of this.definition.tables) {
            const t = quoteIdent(table);
            await m.query(`DELETE FROM public.${t}`);
            await m.query(`INSERT INTO public.${t} SELECT * FROM ${quoteIdent(scratch)}.${t}`);
          }
          await m.query(
            `UPDATE projection_state SET version = $2, position = $3, horizon = $3, events_applied = $4, status = 'running', error = NULL,
               failed_event_id = NULL, rebuild_version = NULL, rebuild_position = NULL, rebuild_started_at = NULL, updated_at = now()
             WHERE name = $1`,
            [name, this.definition.version, position, done],
          );
          await dropSchema(m, scratch);
        }),
      );
      const seconds = (Date.now() - started) / 1000;
      this.logger.log(`rebuilt from ${done} events in ${seconds.toFixed(1)} s (${Math.round(done / Math.max(seconds, 0.001))} events/s) and swapped in`);
    } finally {
      if (this.status === 'rebuilding') this.status = previous;
    }
  }

  private async releaseLock(): Promise<void> {
    await this.runner.locks.unlock(lockKey(this.definition.name));
  }
}

/**
 * Runs every projection from the event store's global log: each batch and its checkpoint in one
 * transaction, one process per projection at a time, rebuilds on version bumps or on demand.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly workers = new Map<string, Worker>();
  readonly options: RunnerOptions;
  readonly locks: LockSession;
  /** Bounds the batch transactions of all projections together. */
  readonly batches: Semaphore;
  private readonly logger = new Logger('ProjectionRunner');

  constructor(
    @Inject(PROJECTIONS) readonly definitions: ProjectionDefinition[],
    readonly dataSource: DataSource,
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    readonly signal: AppendSignal,
  ) {
    this.options = { ...DEFAULTS, batchSize: runtime.config.PROJECTION_BATCH_SIZE };
    this.locks = new LockSession(runtime.databaseUrl);
    this.batches = new Semaphore(runtime.config.PROJECTION_CONCURRENCY);
    for (const definition of definitions) this.workers.set(definition.name, new Worker(definition, this));
  }

  onApplicationBootstrap(): void {
    if (this.runtime.config.PROJECTIONS_ENABLED !== 'true') {
      this.logger.log('PROJECTIONS_ENABLED=false: not running projections in this process');
      return;
    }
    this.start();
  }

  start(): void {
    for (const worker of this.workers.values()) worker.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.workers.values()].map((w) => w.stop()));
    await this.locks.close();
  }

  definition(name: string): ProjectionDefinition | undefined {
    return this.workers.get(name)?.definition;
  }

  /** Rebuilds now (in the background); the current tables answer until the swap. */
  requestRebuild(name: string): { started: boolean } {
    const worker = this.workers.get(name);
    if (!worker) return { started: false };
    void worker.rebuild().catch((error: unknown) => this.logger.error(`rebuild of ${name} failed: ${(error as Error).message}`));
    return { started: true };
  }

  async ensureState(definition: ProjectionDefinition): Promise<StateRow> {
    await this.dataSource.query(
      `INSERT INTO projection_state (name, version) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`,
      [definition.name, definition.version],
    );
    const [row] = (await this.dataSource.query('SELECT * FROM projection_state WHERE name = $1', [definition.name])) as StateRow[];
    return row;
  }

  async setStatus(name: string, status: string, error: string | null, failedEventId: string | null): Promise<void> {
    await this.dataSource.query(
      'UPDATE projection_state SET status = $2, error = $3, failed_event_id = $4, updated_at = now() WHERE name = $1',
      [name, status, error, failedEventId],
    );
  }

  maxPosition(a: string | null, b: string | null): string | null {
    if (a === null) return b;
    if (b === null) return a;
    return this.store.comparePositions(a, b) >= 0 ? a : b;
  }

  progressLine(done: number, total: number | undefined, started: number): string {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    const rate = done / seconds;
    const left = total !== undefined && rate > 0 ? `, ~${Math.max(0, Math.round((total - done) / rate))} s left` : '';
    return `rebuild: ${done}${total !== undefined ? `/${total}` : ''} events, ${Math.round(rate)} events/s${left}`;
  }

  async statuses(): Promise<ProjectionStatus[]> {
    const rows = (await this.dataSource.query('SELECT * FROM projection_state')) as StateRow[];
    const byName = new Map(rows.map((r) => [r.name, r]));
    return Promise.all(
      this.definitions.map(async (definition) => {
        const row = byName.get(definition.name);
        const worker = this.workers.get(definition.name);
        const lag = await this.lag(definition, row?.position ?? null);
        // The row is the truth for running/failed (whichever process runs it); a rebuild under
        // way in this process is the one thing only memory knows.
        const status = worker?.status === 'rebuilding' ? 'rebuilding' : (row?.status ?? 'pending');
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

