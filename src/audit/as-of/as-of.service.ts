import { DomainError } from '../../shared/domain-error.js';
import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, type EntityManager } from 'typeorm';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../event-store/event-store.port.js';
import { handledTypes, type ProjectionDefinition } from '../../projection-runner/projection.js';
import { applyEvents, createScratchTables, useSchema } from '../../projection-runner/replay.js';
import { RUNTIME, type Runtime } from '../../runtime.js';
import { followDuplicates, followDuplicatesAsync } from '../../contributions/domain/contribution-outcome.js';
import { streams } from '../../shared/streams.js';
import { heldAt, invalidPast, parseAsOf, parseAsOfOccurred, pastFilter, type PastPoint, type PastQuery } from './as-of-point.js';

/** Events per read when a scope scans the log. */
const SCAN_BATCH = 1000;

/**
 * Which events an as-of answer replays. Narrow it only where the answer provably depends on
 * nothing else; the default is the whole log of the projection's types.
 */
export type ReplayScope =
  /** These events (whole streams: the replay cuts them at the point), in log order. */
  | { events: readonly RecordedEvent[] }
  /** The projection's events that `keep` accepts (all of them without it). */
  | { keep?: (event: RecordedEvent) => boolean };

export type ScopeAt = ReplayScope | ((point: PastPoint) => Promise<ReplayScope> | ReplayScope);

/** What an answer about the past is given besides its transaction. */
export interface PastAnswer extends PastPoint {
  /**
   * The "today" of rules that measure time to now (compliance): the world's time asked for, else
   * the recording time, else (a position) when the last event replayed was recorded.
   */
  evaluatedAt: Date;
}

/**
 * The past as it was: a read model's answer computed from the events up to a point, never from
 * today's rows. In one transaction, always rolled back: empty copies of the projection's tables in
 * a scratch schema, the events replayed into them by the projection's own handlers, search_path
 * pointed at them, and then the live endpoint's own query code run on that transaction, so a
 * live answer and an as-of answer can differ only by the events.
 *
 * Two clocks (see as-of-point.ts): asOf (what had been recorded) and asOfOccurred (what had
 * happened in the world, as the record tells it today), alone or together. Redactions are not
 * history to be replayed but standing decisions: one made since still applies to the past.
 * Erasures apply by themselves (the person's key is gone).
 */
@Injectable()
export class AsOfService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  /** Parses asOf and asOfOccurred (400 naming the parameter when malformed or in the future). */
  async point(past: PastQuery): Promise<PastPoint> {
    const recorded = past.asOf !== undefined ? parseAsOf(this.store, past.asOf) : null;
    const occurred = past.asOfOccurred !== undefined ? parseAsOfOccurred(past.asOfOccurred) : null;
    if (recorded?.kind === 'position') await this.awaitReadable(recorded.position);
    return { recorded, occurred };
  }

  /** Where readers of the log stop for this point: its position, else today's end of the log. */
  private async upTo(point: PastPoint): Promise<string | null> {
    return point.recorded?.kind === 'position' ? point.recorded.position : this.store.head();
  }

  private inLogOrder(events: readonly RecordedEvent[]): RecordedEvent[] {
    return [...events].sort((a, b) => this.store.comparePositions(a.position, b.position));
  }

  /**
   * A contribution's own stream and those of its canonical chain: everything a per-contribution
   * outcome row depends on (a duplicate shows its root's response). Whole streams: the replay
   * cuts them at the point, and lays later redactions over what it kept.
   */
  contributionChain(contributionId: string): ReplayScope | (() => Promise<ReplayScope>) {
    return async () => {
      const events: RecordedEvent[] = [];
      // Reads a contribution's stream into `events`; answers whom it duplicates.
      const read = async (id: string): Promise<string | null> => {
        const own = await this.store.readStream(streams.contribution(id));
        events.push(...own);
        return (own.find((e) => e.type === 'ContributionMarkedDuplicate')?.data.canonicalId as string | undefined) ?? null;
      };
      await followDuplicatesAsync(contributionId, await read(contributionId), read);
      return { events: this.inLogOrder(events) };
    };
  }

  /** Every event of one cycle: all events carry their cycleId, and nothing links across cycles. */
  cycle(cycleId: string): ReplayScope {
    return { keep: (e) => e.data.cycleId === cycleId };
  }

  /**
   * What a consultation's summary depends on: its own events and its reports' (they carry its
   * consultationId), and the events of its contributions and of their canonical chains (found by
   * one pass over receptions and duplicate marks).
   */
  consultation(consultationId: string): (point: PastPoint) => Promise<ReplayScope> {
    return async (point) => {
      const upTo = await this.upTo(point);
      const contributions = new Set<string>();
      const canonicalOf = new Map<string, string>();
      for (let after: string | null = null; upTo !== null; ) {
        const batch = await this.store.readAll({ after, upTo, limit: SCAN_BATCH, types: ['ContributionReceived', 'ContributionMarkedDuplicate'] });
        for (const e of batch) {
          if (point.recorded && !heldAt(this.store, point.recorded, e)) continue;
          if (e.type === 'ContributionMarkedDuplicate') canonicalOf.set(String(e.data.contributionId), String(e.data.canonicalId));
          else if (e.data.consultationId === consultationId) contributions.add(String(e.data.contributionId));
        }
        if (batch.length < SCAN_BATCH) break;
        after = batch[batch.length - 1].position;
      }
      const duplicateOf = (id: string) => canonicalOf.get(id) ?? null;
      for (const id of [...contributions]) for (const c of followDuplicates(id, duplicateOf(id), duplicateOf)) contributions.add(c);
      return { keep: (e) => e.data.consultationId === consultationId || contributions.has(String(e.data.contributionId)) };
    };
  }

  /**
   * Answers `query` as the record stood at the point (asOf, asOfOccurred, or both): the projection
   * replayed into scratch tables (within `scope`), the redactions made since laid over it, the
   * query run with search_path on them, everything rolled back. A 404 says when the record starts.
   */
  async answer<T>(past: PastQuery, projection: ProjectionDefinition, scope: ScopeAt, query: (manager: EntityManager, point: PastAnswer) => Promise<T>): Promise<T> {
    const point = await this.point(past);
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
      const replayed = await this.replay(m, projection, chosen, point);
      const evaluatedAt = point.occurred ?? (point.recorded?.kind === 'time' ? point.recorded.time : (replayed.lastRecordedAt ?? new Date()));
      try {
        return await query(m, { ...point, evaluatedAt });
      } catch (error) {
        throw notFound(error) ? await this.notFoundThen(error, past, point) : error;
      }
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }

  private async replay(m: EntityManager, projection: ProjectionDefinition, scope: ReplayScope, point: PastPoint): Promise<{ lastRecordedAt: Date | null }> {
    const types = handledTypes(projection);
    const keepAtPoint = pastFilter(this.store, point, types);
    const received = new Set<string>();
    const laterRedactions: RecordedEvent[] = [];
    let lastRecordedAt: Date | null = null;
    const kept = (events: readonly RecordedEvent[], inScope: (e: RecordedEvent) => boolean) => {
      const out: RecordedEvent[] = [];
      for (const e of events) {
        if (!projection.handlers[e.type] || !inScope(e)) continue;
        if (!keepAtPoint(e)) {
          if (e.type === 'ContributionRedacted') laterRedactions.push(e);
          continue;
        }
        out.push(e);
        if (e.type === 'ContributionReceived') received.add(String(e.data.contributionId));
        const at = new Date(e.metadata.recordedAt);
        if (!lastRecordedAt || at > lastRecordedAt) lastRecordedAt = at;
      }
      return out;
    };
    if ('events' in scope) {
      await applyEvents(m, projection, kept(scope.events, () => true));
    } else {
      const upTo = await this.upTo(point);
      const inScope = scope.keep ?? (() => true);
      const read = async (from: string | null, to: string | null, only: readonly string[], apply: boolean) => {
        for (let after = from; ; ) {
          const batch = await this.store.readAll({ after, upTo: to, limit: SCAN_BATCH, types: only });
          const events = kept(batch, inScope);
          if (apply) await applyEvents(m, projection, events);
          if (batch.length < SCAN_BATCH) return;
          after = batch[batch.length - 1].position;
        }
      };
      if (upTo !== null) await read(null, upTo, types, true);
      // Redactions recorded after a position were not read above.
      if (point.recorded?.kind === 'position' && projection.handlers.ContributionRedacted) await read(upTo, null, ['ContributionRedacted'], false);
    }
    await this.layRedactions(m, projection, laterRedactions, received);
    return { lastRecordedAt };
  }

  /**
   * A redaction recorded after the point (or dated after asOfOccurred) still applies to a
   * contribution the answer shows: hiding the text was a decision about the text, not an event
   * of its history. (The row then shows the redaction and its position.)
   */
  private async layRedactions(m: EntityManager, projection: ProjectionDefinition, later: readonly RecordedEvent[], received: ReadonlySet<string>): Promise<void> {
    const standing = later.filter((e) => received.has(String(e.data.contributionId)));
    if (standing.length > 0) await applyEvents(m, projection, standing);
  }

  /** A 404 about the past says when the record starts, and what to ask instead when it starts later. */
  private async notFoundThen(error: NotFound, past: PastQuery, point: PastPoint): Promise<DomainError> {
    const [first] = await this.store.readAll({ limit: 1 });
    const recordStartsAt = first?.metadata.recordedAt ?? null;
    const before = point.recorded?.kind === 'time' && (recordStartsAt === null || point.recorded.time.getTime() < Date.parse(recordStartsAt));
    const hint = before
      ? `; asOf ${past.asOf} is before the record starts (${recordStartsAt ? `its first event was recorded at ${recordStartsAt}` : 'it holds no event yet'}): nothing had been recorded by then. ` +
        `To ask what the record says today about the world on that date, use asOfOccurred=${past.asOf}`
      : `; the record starts at ${recordStartsAt ?? '(no event yet)'}`;
    return new DomainError(error.code, `${error.message}${hint}`, 'not_found', {
      ...(error instanceof DomainError ? error.details : ((error as { extensions?: Record<string, unknown> }).extensions ?? {})),
      recordStartsAt,
      asOf: past.asOf ?? null,
      asOfOccurred: past.asOfOccurred ?? null,
    });
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
      if (Date.now() >= deadline) throw invalidPast('asOf', 'must not be in the future: the log does not reach that position');
      await sleep(delay);
    }
  }
}

type NotFound = Error & { code: string };

/** A 404 of a query: a coded not_found, or the website's page queries' own 404 (a problem with status 404). */
function notFound(error: unknown): error is NotFound {
  if (error instanceof DomainError) return error.kind === 'not_found';
  return error instanceof Error && (error as { status?: unknown }).status === 404 && typeof (error as { code?: unknown }).code === 'string';
}
