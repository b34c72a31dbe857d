import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDatabaseUnavailable } from '../database/database-errors.js';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port.js';
import { CheckpointMoved, type Checkpoint, type Checkpoints } from './checkpoints.js';
import { Mutex } from './concurrency.js';
import type { BulkWriters } from './bulk-writers.js';
import type { LockSession } from './lock-session.js';
import type { LogConsumer } from './log-consumer.js';
import { failedEvent, ProjectionBatchError, useSchema } from './replay.js';
import type { ChangeListener, CommittedChange, ReadModelChanges, RowChanges } from './row-changes.js';

export interface FollowerOptions {
  /** Log events read per page; every consumer's batch is its share of a page. */
  pageSize: number;
  /**
   * While it catches up (every page full), pages double up to this size: a rebuild folds more
   * events into each row write and each statement. Back to pageSize once it has caught up.
   */
  catchUpPageSize?: number;
  /**
   * While catching up, this many consumers apply their shares at once, each in its own
   * transaction (its batch and its checkpoint still commit together): one's handlers run in Node
   * while another's writes run in PostgreSQL. Caught up, one transaction takes every share.
   */
  catchUpConcurrency?: number;
  /** Fallback poll while idle, for appends nobody announced (a lost NOTIFY, a commit held back by an older transaction). */
  pollMs: number;
  /** How often the locks of consumers that another process runs are tried again. */
  standbyMs: number;
  /** While one of `writers` runs (a bulk intake), the follower gives way to it, waiting at least `leastMs` after each round (see BulkWriters). */
  giveWayTo?: { writers: BulkWriters; leastMs: number };
  /**
   * Caught up, a round starts at least this long after the previous one started: appends that
   * come close together (many commands a second) are applied together, in one transaction,
   * instead of one round each. What it costs: up to this much more before an append is visible.
   */
  liveRoundMs?: number;
}

interface Share {
  f: Followed;
  events: RecordedEvent[];
  to: Checkpoint;
}

interface Followed {
  consumer: LogConsumer;
  key: string;
  locked: boolean;
  /** Gave up on it (it failed): not driven again by this process. */
  failed: boolean;
  /** The checkpoint as stored; null until prepared. */
  state: Checkpoint | null;
  /** How far it has read (may be past `state.horizon` when the events since were not of its types). */
  seen: string | null;
  wasBusy: boolean;
}

function lockKey(name: string): string {
  // A signed 64-bit key derived from the name: the same in every process.
  return createHash('sha256').update(`projection:${name}`).digest().readBigInt64BE(0).toString();
}

/**
 * The one follower of the log for every projection and reactor of this process: reads each page
 * of the global log once (gap-safe: only what every reader can see), gives every consumer its
 * share with the checkpoint to move to, and sleeps on the store's append notification (polling
 * only as a fallback). Each consumer runs in one process at a time (an advisory lock); a
 * checkpoint moves only with its batch.
 */
export class LogFollower implements ReadModelChanges {
  private readonly followed = new Map<string, Followed>();
  private readonly listeners = new Set<ChangeListener>();
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;
  private nextClaim = 0;
  /** The size of a round's page when none was read ahead: larger after giving way (the log grew meanwhile). */
  private firstPage: number;
  private givingWay = false;
  /** A round, or a rebuild's swap: never both at once. */
  private readonly roundLock = new Mutex();
  /** The next page, read while the current one is applied. */
  private ahead: { after: string | null; typesKey: string; read: Promise<{ head: string | null; page: RecordedEvent[]; limit: number }> } | null = null;
  private readonly logger = new Logger('LogFollower');
  /** Time spent per consumer (its handlers and writes) and reading the log: what a benchmark prints. */
  readonly timings = new Map<string, { ms: number; events: number }>();

  private time(name: string, ms: number, events: number): void {
    const t = this.timings.get(name);
    if (t) {
      t.ms += ms;
      t.events += events;
    } else this.timings.set(name, { ms, events });
  }

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: Checkpoints,
    private readonly locks: LockSession,
    readonly options: FollowerOptions,
  ) {
    this.firstPage = options.pageSize;
  }

  register(consumer: LogConsumer): void {
    if (this.followed.has(consumer.name)) throw new Error(`two log consumers named ${consumer.name}`);
    this.followed.set(consumer.name, {
      consumer,
      key: lockKey(consumer.name),
      locked: false,
      failed: false,
      state: null,
      seen: null,
      wasBusy: false,
    });
  }

  get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    await this.roundLock.run(() => Promise.resolve());
    for (const f of this.followed.values()) {
      if (f.locked) await this.locks.unlock(f.key);
      f.locked = false;
      this.tellAll(f);
    }
  }

  /** True when this process runs the consumer (holds its lock and has prepared it). */
  runs(name: string): boolean {
    const f = this.followed.get(name);
    return !!f && f.locked && f.state !== null;
  }

  /**
   * True while every batch of the consumer that commits is this process's, so that onChange hears
   * of every change to its tables: it runs it, and the lock session that keeps other processes
   * away still holds its lock.
   */
  alone(name: string): boolean {
    const f = this.followed.get(name);
    return !!f && f.locked && !f.failed && f.state !== null && !this.stopped && this.locks.holds(f.key);
  }

  /** Told, after each commit, what each consumer's batch changed (see CommittedChange). Answers how to stop listening. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A place for a batch's changes, when somebody listens. */
  private changes(): RowChanges | undefined {
    return this.listeners.size > 0 ? new Map() : undefined;
  }

  private tell(consumer: string, rows: RowChanges | 'all' | undefined): void {
    if (rows === undefined) return;
    const change: CommittedChange = { consumer, rows };
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.logger.error(`a listener of ${consumer}'s changes failed: ${(error as Error)?.message ?? String(error)}`);
      }
    }
  }

  /** Its tables may have changed in any way (or it is no longer followed here). */
  private tellAll(f: Followed): void {
    this.tell(f.consumer.name, 'all');
  }

  /**
   * Runs `fn` while no batch of the consumer runs in this process (a rebuild's swap), then takes
   * its checkpoint from the table again.
   */
  async exclusive<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const f = this.followed.get(name);
    if (!f) return fn();
    return this.roundLock.run(async () => {
      try {
        return await fn();
      } finally {
        // Reloading tells listeners its tables changed.
        if (f.state !== null) await this.reload(f).catch(() => undefined);
        else this.tellAll(f);
      }
    });
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.claim();
        const active = this.active();
        if (active.length === 0) {
          await sleep(Math.min(this.options.standbyMs, this.options.pollMs), undefined, { signal: this.abort.signal }).catch(() => undefined);
          continue;
        }
        const started = performance.now();
        const caughtUp = await this.round(active);
        const giveWayTo = this.options.giveWayTo;
        if (giveWayTo?.writers.active && !this.stopped) {
          await this.giveWay(giveWayTo.writers, Math.max(giveWayTo.leastMs, 2 * (performance.now() - started)));
          continue;
        }
        if (this.givingWay) {
          this.givingWay = false;
          this.logger.log('the bulk intake ended: the views catch up at full speed');
        }
        this.firstPage = this.options.pageSize;
        if (caughtUp && !this.stopped) {
          const seen = active.map((f) => f.seen).reduce((a, b) => (a === null || b === null ? null : this.earlier(a, b)));
          await this.store.waitForAppend(seen, this.options.pollMs, this.abort.signal).catch(() => undefined);
          const gather = (this.options.liveRoundMs ?? 0) - (performance.now() - started);
          if (gather > 0 && !this.stopped) await sleep(gather, undefined, { signal: this.abort.signal }).catch(() => undefined);
        }
      } catch (error) {
        if (this.stopped) return;
        // A lost connection or the like: nothing moved past what committed; read again shortly.
        this.logger.warn(`reading or applying a page failed, retrying: ${(error as Error)?.message ?? String(error)}`);
        await sleep(1000, undefined, { signal: this.abort.signal }).catch(() => undefined);
      }
    }
  }

  /**
   * A bulk writer runs: it goes first. The follower takes at most a third of the time (it waits
   * twice as long as its round took) until the writer ends, and reads larger pages meanwhile.
   */
  private async giveWay(writers: BulkWriters, wait: number): Promise<void> {
    if (!this.givingWay) this.logger.log('a bulk intake runs: the views follow at most a third of the time until it ends');
    this.givingWay = true;
    const waited = new AbortController();
    const stop = () => waited.abort();
    this.abort.signal.addEventListener('abort', stop, { once: true });
    try {
      await Promise.race([writers.none(), sleep(wait, undefined, { signal: waited.signal }).catch(() => undefined)]);
    } finally {
      waited.abort();
      this.abort.signal.removeEventListener('abort', stop);
    }
    // The log grew meanwhile: the next page starts large.
    this.firstPage = this.options.catchUpPageSize ?? this.options.pageSize;
  }

  /** Takes the locks of consumers nobody runs, at most every standbyMs, and prepares them. */
  private async claim(): Promise<void> {
    if (Date.now() < this.nextClaim) return;
    this.nextClaim = Date.now() + this.options.standbyMs;
    for (const f of this.followed.values()) {
      if (f.locked || f.failed || this.stopped) continue;
      f.locked = await this.locks.tryLock(f.key).catch((error: unknown) => {
        this.logger.warn(`could not take the lock of ${f.consumer.name}: ${(error as Error).message}`);
        return false;
      });
      if (!f.locked) continue;
      try {
        f.state = await f.consumer.prepare();
        f.seen = f.state ? this.checkpoints.seen(f.state) : null;
        f.wasBusy = !!f.consumer.busy;
        // Taken over from whoever ran it before: what anyone kept of its tables is stale.
        this.tellAll(f);
        if (f.state === null) await this.giveUp(f);
      } catch (error) {
        if (isDatabaseUnavailable(error)) {
          await this.locks.unlock(f.key);
          f.locked = false;
          throw error;
        }
        await f.consumer.fail(error).catch(() => undefined);
        await this.giveUp(f);
      }
    }
  }

  private active(): Followed[] {
    const active: Followed[] = [];
    for (const f of this.followed.values()) {
      if (!f.locked || f.failed || f.state === null) continue;
      if (f.consumer.busy) {
        f.wasBusy = true;
        continue;
      }
      active.push(f);
    }
    return active;
  }

  /** Reads a page (and the head before it: a short page has seen everything up to it). */
  private async read(after: string | null, types: string[], limit: number): Promise<{ head: string | null; page: RecordedEvent[]; limit: number }> {
    const head = await this.store.head();
    const page = await this.store.readAll({ after, limit, types });
    return { head, page, limit };
  }

  /** The size of the page after a full one of `limit` events. */
  private grown(limit: number): number {
    return Math.max(this.options.pageSize, Math.min(limit * 2, this.options.catchUpPageSize ?? this.options.pageSize));
  }

  /** One page of the log to every active consumer. True when the page reached the visible head. */
  private round(active: Followed[]): Promise<boolean> {
    return this.roundLock.run(async () => {
      for (const f of active) {
        if (f.wasBusy) {
          // A rebuild swapped its tables in: its checkpoint is the rebuild's.
          await this.reload(f);
          f.wasBusy = false;
        }
      }
      let from: string | null = active[0].seen;
      const typeSet = new Set<string>();
      for (const f of active) {
        if (from !== null) from = f.seen === null ? null : this.earlier(from, f.seen);
        for (const t of f.consumer.types) typeSet.add(t);
      }
      const types = [...typeSet].sort();
      const typesKey = types.join(',');
      const ahead = this.ahead;
      this.ahead = null;
      const waited = performance.now();
      const { head, page, limit } = await (ahead && ahead.after === from && ahead.typesKey === typesKey ? ahead.read : this.read(from, types, this.firstPage));
      this.time('(waiting for the log)', performance.now() - waited, page.length);
      const full = page.length === limit;
      const end = full ? page[page.length - 1].position : this.checkpoints.later(page.at(-1)?.position ?? null, head);
      if (end === null) return true;
      if (full) {
        // Read the next page while this one is applied.
        const read = this.read(end, types, this.grown(limit));
        read.catch(() => undefined);
        this.ahead = { after: end, typesKey, read };
      }

      const idle: Followed[] = [];
      const shares: Share[] = [];
      for (const f of active) {
        const share = this.share(f, page, from, end);
        if (share !== null && share.events.length > 0) {
          shares.push(share);
          continue;
        }
        if (share !== null) f.seen = end;
        // Its horizon is stored only once a page reaches the head. It may have read up to `end`
        // in an earlier, full page (one that ended exactly where the log ends): record it now, or
        // a reader waiting on it waits until something else is appended.
        if (!full && f.state !== null && !f.failed && this.before(this.checkpoints.seen(f.state), end)) idle.push(f);
      }
      let failure: unknown = null;
      const together = shares.filter((s) => s.f.consumer.applyIn);
      const concurrency = this.options.catchUpConcurrency ?? 1;
      if (full && concurrency > 1 && together.length > 1) {
        await this.applyConcurrently(together, concurrency).catch((error: unknown) => {
          failure ??= error;
        });
      } else if (together.length > 0) await this.applyTogether(together);
      for (const s of shares) {
        if (s.f.consumer.applyIn || this.stopped) continue;
        const t0 = performance.now();
        await this.apply(s.f, s.events, s.to).catch((error: unknown) => {
          failure ??= error;
        });
        this.time(s.f.consumer.name, performance.now() - t0, s.events.length);
      }
      if (!full && idle.length > 0) await this.moveHorizons(idle, end);
      if (failure) throw failure;
      return !full;
    });
  }

  /** What of the page is new to this consumer, and where its checkpoint goes; null when it has seen it all. */
  private share(f: Followed, page: readonly RecordedEvent[], from: string | null, end: string): Share | null {
    if (f.state === null || f.failed) return null;
    if (f.seen !== null && this.store.comparePositions(end, f.seen) <= 0) return null;
    // The page is in log order: skip what this consumer has seen already, then keep its types.
    let start = 0;
    if (f.seen !== null && f.seen !== from) {
      while (start < page.length && this.store.comparePositions(page[start].position, f.seen) <= 0) start++;
    }
    const events: RecordedEvent[] = [];
    for (let i = start; i < page.length; i++) if (f.consumer.types.has(page[i].type)) events.push(page[i]);
    return { f, events, to: { position: events.at(-1)?.position ?? f.state.position, horizon: end } };
  }

  /**
   * Every in-database consumer's share of the page in ONE transaction (one commit). When it
   * fails, again with each share behind a savepoint: one that fails is rolled back alone and dealt
   * with after the commit.
   */
  private async applyTogether(shares: Share[]): Promise<void> {
    let commit = 0;
    const changes = shares.map(() => this.changes());
    try {
      await this.checkpoints.dataSource.transaction(async (m) => {
        await useSchema(m, 'public');
        for (const [i, share] of shares.entries()) {
          const t0 = performance.now();
          await share.f.consumer.applyIn!(m, share.events, changes[i]);
          this.time(share.f.consumer.name, performance.now() - t0, share.events.length);
        }
        // Every share's checkpoint in one statement (a round trip each was most of a live round).
        await this.checkpoints.advanceAll(m, shares.map((share) => ({ name: share.f.consumer.name, from: share.f.state!, to: share.to, applied: share.events.length })));
        commit = performance.now();
      });
      this.time('(commit)', performance.now() - commit, 0);
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw error;
      if (shares.length === 1) return this.failed(shares[0].f, shares[0].events, error);
      return this.applyEachBehindSavepoints(shares);
    }
    for (const [i, share] of shares.entries()) {
      share.f.state = share.to;
      share.f.seen = share.to.horizon;
      this.tell(share.f.consumer.name, changes[i]);
    }
  }

  /** Each share in its own transaction, `concurrency` at a time (largest first); throws the first failure once all are done. */
  private async applyConcurrently(shares: Share[], concurrency: number): Promise<void> {
    const queue = [...shares].sort((a, b) => b.events.length - a.events.length);
    let failure: unknown = null;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
        for (let share = queue.shift(); share && !this.stopped; share = queue.shift()) {
          const t0 = performance.now();
          await this.apply(share.f, share.events, share.to).catch((error: unknown) => {
            failure ??= error;
          });
          this.time(share.f.consumer.name, performance.now() - t0, share.events.length);
        }
      }),
    );
    if (failure) throw failure;
  }

  private async applyEachBehindSavepoints(shares: Share[]): Promise<void> {
    const failed = new Map<Share, unknown>();
    const changes = new Map(shares.map((share) => [share, this.changes()]));
    await this.checkpoints.dataSource.transaction(async (m) => {
      await useSchema(m, 'public');
      for (const share of shares) {
        await m.query('SAVEPOINT consumer');
        try {
          await share.f.consumer.applyIn!(m, share.events, changes.get(share));
          await this.checkpoints.advance(m, share.f.consumer.name, share.f.state!, share.to, share.events.length);
          await m.query('RELEASE SAVEPOINT consumer');
        } catch (error) {
          if (isDatabaseUnavailable(error)) throw error;
          await m.query('ROLLBACK TO SAVEPOINT consumer');
          failed.set(share, error);
        }
      }
    });
    for (const share of shares) {
      if (failed.has(share)) continue;
      share.f.state = share.to;
      share.f.seen = share.to.horizon;
      this.tell(share.f.consumer.name, changes.get(share));
    }
    for (const [share, error] of failed) await this.failed(share.f, share.events, error);
  }

  private async apply(f: Followed, events: readonly RecordedEvent[], to: Checkpoint): Promise<void> {
    try {
      const changes = this.changes();
      await f.consumer.apply(events, f.state!, to, changes);
      f.state = to;
      f.seen = to.horizon;
      this.tell(f.consumer.name, changes);
    } catch (error) {
      await this.failed(f, events, error);
    }
  }

  /** A consumer's batch did not commit: find out why, and what to do. */
  private async failed(f: Followed, events: readonly RecordedEvent[], error: unknown): Promise<void> {
    if (error instanceof CheckpointMoved) {
      this.logger.warn(error.message);
      await this.reload(f);
      return;
    }
    if (isDatabaseUnavailable(error)) throw error;
    if (failedEvent(error)) {
      await f.consumer.fail(error).catch(() => undefined);
      await this.giveUp(f);
      return;
    }
    if (error instanceof ProjectionBatchError && events.length > 1) {
      // Retrying the same batch would fail the same way: one event per transaction finds the one.
      this.logger.warn(`${error.message}; applying its events one at a time to find the one that fails`);
      for (const event of events) {
        if (f.failed || f.state === null) return;
        await this.apply(f, [event], { position: event.position, horizon: event.position });
      }
      return;
    }
    throw error;
  }

  private async moveHorizons(idle: Followed[], end: string): Promise<void> {
    const moved = await this.checkpoints.advanceHorizons(idle.map((f) => ({ name: f.consumer.name, from: f.state!, horizon: end })));
    for (const f of idle) {
      if (moved.has(f.consumer.name)) f.state = { position: f.state!.position, horizon: end };
      else await this.reload(f);
    }
  }

  private async reload(f: Followed): Promise<void> {
    // Its checkpoint moved under it (another process, a rebuild's swap): so may have its tables.
    this.tellAll(f);
    const row = await this.checkpoints.row(f.consumer.name);
    if (!row) return;
    f.state = { position: row.position, horizon: row.horizon };
    f.seen = this.checkpoints.seen(f.state);
  }

  private async giveUp(f: Followed): Promise<void> {
    f.failed = true;
    f.state = null;
    f.locked = false;
    this.tellAll(f);
    await this.locks.unlock(f.key);
  }

  private before(a: string | null, b: string): boolean {
    return a === null || this.store.comparePositions(a, b) < 0;
  }

  private earlier(a: string, b: string): string {
    return this.store.comparePositions(a, b) <= 0 ? a : b;
  }
}
