import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { pastFilter } from '../audit/as-of/as-of-point.js';
import { AsOfService, type ScopeAt } from '../audit/as-of/as-of.service.js';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../event-store/event-store.port.js';
import { readModelProgress } from '../projection-runner/progress.js';
import { combineProjections, type ProjectionDefinition } from '../projection-runner/projection.js';
import { RUNTIME, type Runtime } from '../runtime.js';
import { PageCache } from './page-cache.js';

/** What a page reflects: "the record as of <at>, position <position>". */
export interface RecordStamp {
  /** The log position the page reflects (null: nothing recorded yet). */
  position: string | null;
  /** Live: when the page was read. As of a past point: that time, or when the event at that position was recorded. */
  at: string | null;
  /** The asOf asked for, or null for the record as it stands. */
  asOf: string | null;
}

export interface Stamped<T> {
  data: T;
  stamp: RecordStamp;
}

/**
 * Which of the log's events a read model of the snapshot reflects, asked of a stream's events in
 * log order: for a page that reads events from the store beside the read models' rows (a
 * contribution's own steps), so that both show the same moment.
 */
export type HeldBy = (projection: ProjectionDefinition) => (event: RecordedEvent) => boolean;

/**
 * How a page's data is read. `seen`: live, how far each read model has seen the log in this
 * snapshot (by projection name); null as of a past point (the read models are then replays).
 * `heldBy`: which events a read model of the snapshot reflects.
 */
export type PageRead<T> = (m: EntityManager, today: Date, seen: ReadonlyMap<string, string | null> | null, heldBy: HeldBy) => Promise<T>;

export interface ReadSpec {
  /** The read models the page reads. */
  projections: readonly ProjectionDefinition[];
  asOf?: string;
  /** Which events an as-of answer replays (default: every event of those read models). */
  scope?: ScopeAt;
  /**
   * For pages whose live reading costs more than a visitor should wait: the key under which it is
   * kept for at most WEB_PAGE_CACHE_MS. Its stamp still says which position it shows. Never for
   * an as-of reading: the past is always read exactly.
   */
  cacheKey?: string;
}

/**
 * Reads a page's data in one snapshot. Live: one REPEATABLE READ transaction over the read models,
 * stamped with the position the slowest of them has seen. As of a past point: every read model
 * the page needs replayed together into scratch tables (AsOfService), then the same reading code.
 */
@Injectable()
export class RecordReader {
  private readonly cache: PageCache<Stamped<unknown>>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly asOf: AsOfService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RUNTIME) runtime: Runtime,
  ) {
    this.cache = new PageCache<Stamped<unknown>>(runtime.config.WEB_PAGE_CACHE_MS, 1000);
  }

  /** Reads a page's data; `read` answering null means "no such page" (thrown as `missing()`, never cached). */
  async read<T>(spec: ReadSpec, read: PageRead<T | null>, missing: () => Error): Promise<Stamped<T>> {
    const checked = async (found: Stamped<T | null>): Promise<Stamped<T>> => {
      if (found.data === null) throw missing();
      return found as Stamped<T>;
    };
    if (spec.asOf !== undefined && spec.asOf !== '') return checked(await this.readAsOf(spec, spec.asOf, read));
    if (spec.cacheKey === undefined) return checked(await this.readLive(spec, read));
    return (await this.cache.get(spec.cacheKey, async () => checked(await this.readLive(spec, read)))) as Stamped<T>;
  }

  private readLive<T>(spec: ReadSpec, read: PageRead<T>): Promise<Stamped<T>> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const names = spec.projections.map((p) => p.name);
      const progress = await readModelProgress(m, names);
      const seen = names.map((n) => progress.get(n)?.seen ?? null);
      const position = seen.includes(null) ? null : (seen as string[]).reduce((min, p) => (this.store.comparePositions(p, min) < 0 ? p : min));
      const now = new Date();
      const seenBy = new Map(names.map((n) => [n, progress.get(n)?.seen ?? null]));
      const heldBy: HeldBy = (projection) => {
        const upTo = seenBy.get(projection.name) ?? null;
        return (event) => upTo !== null && this.store.comparePositions(event.position, upTo) <= 0;
      };
      const data = await read(m, now, seenBy, heldBy);
      return { data, stamp: { position, at: now.toISOString(), asOf: null } };
    });
  }

  /** Today's rows, outside any page snapshot (to find out what a past answer must replay). */
  live<T>(read: (m: EntityManager) => Promise<T>): Promise<T> {
    return read(this.dataSource.manager);
  }

  private async readAsOf<T>(spec: ReadSpec, asOf: string, read: PageRead<T>): Promise<Stamped<T>> {
    let last: RecordedEvent | null = null;
    const combined = combineProjections(spec.projections, (event) => {
      if (!last || this.store.comparePositions(event.position, last.position) > 0) last = event;
    });
    const { data, point } = await this.asOf.answer({ asOf }, combined, spec.scope ?? {}, async (m, point) =>
      // "Today", for rules that look at open ends (overdue, compliance windows), is the point itself.
      // Every read model was replayed up to the same point.
      ({ data: await read(m, point.evaluatedAt, null, () => pastFilter(this.store, point)), point }),
    );
    const latest = last as RecordedEvent | null;
    const recorded = point.recorded!;
    const stamp: RecordStamp =
      recorded.kind === 'position'
        ? { position: recorded.position, at: latest?.metadata.recordedAt ?? null, asOf }
        : { position: latest?.position ?? null, at: recorded.time.toISOString(), asOf };
    return { data, stamp };
  }
}
