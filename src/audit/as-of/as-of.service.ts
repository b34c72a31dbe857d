import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, type EntityManager } from 'typeorm';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../event-store/event-store.port.js';
import type { ProjectionDefinition } from '../../projection-runner/projection.js';
import { applyEvents, createScratchTables, replayInTransaction, useSchema } from '../../projection-runner/replay.js';
import { RUNTIME, type Runtime } from '../../runtime.js';
import { streams } from '../../shared/streams.js';
import { heldAt, invalidAsOf, parseAsOf, type AsOfPoint } from './as-of-point.js';

/** Events per read when a scope scans the log. */
const SCAN_BATCH = 1000;

/**
 * Which events an as-of answer replays. Narrow it only where the answer provably depends on
 * nothing else; the default is the whole log of the projection's types.
 */
export type ReplayScope =
  /** Exactly these events (already cut at the point), in log order. */
  | { events: readonly RecordedEvent[] }
  /** The projection's events up to the point that `keep` accepts (all of them without it). */
  | { keep?: (event: RecordedEvent) => boolean };

export type ScopeAt = ReplayScope | ((point: AsOfPoint) => Promise<ReplayScope> | ReplayScope);

/**
 * The past as it was: a read model's answer computed from the events up to a point, never from
 * today's rows. In one transaction, always rolled back: empty copies of the projection's tables in
 * a scratch schema, the events replayed into them by the projection's own handlers, search_path
 * pointed at them, and then the live endpoint's own query code run on that transaction, so a
 * live answer and an as-of answer can differ only by the events.
 */
@Injectable()
export class AsOfService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  /** Parses ?asOf= (400 naming asOf when it is malformed or lies in the future). */
  async point(value: string): Promise<AsOfPoint> {
    const point = parseAsOf(this.store, value);
    if (point.kind === 'position') await this.awaitReadable(point.position);
    return point;
  }

  private includes(point: AsOfPoint, event: RecordedEvent): boolean {
    return heldAt(this.store, point, event);
  }

  /** A stream as it stood at the point. */
  private async readStream(streamId: string, point: AsOfPoint): Promise<RecordedEvent[]> {
    return (await this.store.readStream(streamId)).filter((e) => this.includes(point, e));
  }

  private inLogOrder(events: readonly RecordedEvent[]): RecordedEvent[] {
    return [...events].sort((a, b) => this.store.comparePositions(a.position, b.position));
  }

  /**
   * A contribution's own stream and those of its canonical chain, as they stood at the point:
   * everything a per-contribution outcome row depends on (a duplicate shows its root's response).
   */
  contributionChain(contributionId: string): (point: AsOfPoint) => Promise<ReplayScope> {
    return async (point) => {
      const events: RecordedEvent[] = [];
      const seen = new Set<string>();
      for (let id: string | undefined = contributionId; id !== undefined && !seen.has(id); ) {
        seen.add(id);
        const own = await this.readStream(streams.contribution(id), point);
        events.push(...own);
        id = own.find((e) => e.type === 'ContributionMarkedDuplicate')?.data.canonicalId as string | undefined;
      }
      return { events: this.inLogOrder(events) };
    };
  }

  /** Every event of one cycle: all events carry their cycleId, and nothing links across cycles. */
  cycle(cycleId: string): ReplayScope {
    return { keep: (e) => e.data.cycleId === cycleId };
  }

  /**
   * What a consultation's summary depends on: its own events and its reports' (they carry its
   * consultationId), and the events of its contributions and of their canonical chains, as they
   * stood at the point (found by one pass over receptions and duplicate marks).
   */
  consultation(consultationId: string): (point: AsOfPoint) => Promise<ReplayScope> {
    return async (point) => {
      const upTo = point.kind === 'position' ? point.position : await this.store.head();
      const contributions = new Set<string>();
      const canonicalOf = new Map<string, string>();
      for (let after: string | null = null; upTo !== null; ) {
        const batch = await this.store.readAll({ after, upTo, limit: SCAN_BATCH, types: ['ContributionReceived', 'ContributionMarkedDuplicate'] });
        for (const e of batch.filter((x) => this.includes(point, x))) {
          if (e.type === 'ContributionMarkedDuplicate') canonicalOf.set(String(e.data.contributionId), String(e.data.canonicalId));
          else if (e.data.consultationId === consultationId) contributions.add(String(e.data.contributionId));
        }
        if (batch.length < SCAN_BATCH) break;
        after = batch[batch.length - 1].position;
      }
      for (const id of [...contributions]) {
        for (let c = canonicalOf.get(id); c !== undefined && !contributions.has(c); c = canonicalOf.get(c)) contributions.add(c);
      }
      return { keep: (e) => e.data.consultationId === consultationId || contributions.has(String(e.data.contributionId)) };
    };
  }

  /**
   * Answers `query` as the record stood at `asOf`: the projection replayed into scratch tables
   * (within `scope`), the query run with search_path on them, everything rolled back.
   */
  async answer<T>(
    asOf: string,
    projection: ProjectionDefinition,
    scope: ScopeAt,
    query: (manager: EntityManager, point: AsOfPoint) => Promise<T>,
  ): Promise<T> {
    const point = await this.point(asOf);
    const chosen = typeof scope === 'function' ? await scope(point) : scope;
    const schema = `asof_${randomBytes(8).toString('hex')}`;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const m = runner.manager;
      // Nothing of this transaction is ever committed: the scratch schema goes with the rollback.
      await createScratchTables(m, projection, schema);
      await useSchema(m, schema);
      if ('events' in chosen) {
        await applyEvents(m, projection, chosen.events);
      } else {
        // By time, stop at today's end of the log: later appends cannot have been recorded earlier.
        const upTo = point.kind === 'position' ? point.position : await this.store.head();
        const keep = chosen.keep;
        if (upTo !== null) {
          await replayInTransaction(m, this.store, projection, { upTo, filter: (e) => this.includes(point, e) && (keep?.(e) ?? true) });
        }
      }
      return await query(m, point);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }

  /**
   * Replaying up to a position needs every event up to it readable. One a command has just
   * answered may wait behind older transactions for a moment (as long as consistentWith would);
   * one the log does not reach by then is in the future.
   */
  private async awaitReadable(position: string): Promise<void> {
    const deadline = Date.now() + this.runtime.config.CONSISTENCY_TIMEOUT_MS;
    for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
      const head = await this.store.head();
      if (head !== null && this.store.comparePositions(position, head) <= 0) return;
      if (Date.now() >= deadline) throw invalidAsOf('must not be in the future: the log does not reach that position');
      await sleep(delay);
    }
  }
}
