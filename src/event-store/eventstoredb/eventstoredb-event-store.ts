/**
 * The EventStoreDB (KurrentDB) adapter of the event store, on @eventstore/db-client.
 *
 * - Hash chains: each event's metadata carries its chain hash (mapping.ts). To chain a new event
 *   the adapter reads the stream's last event, and appends at exactly that revision, so that no
 *   other write can slip between the hash's "previous" and the event. A caller's `any` or
 *   `stream_exists` is checked here and retried on a conflict; an exact revision is not retried.
 * - Idempotency on event id, forever: EventStoreDB's own detection of a repeated write only holds
 *   for a window, and never across streams. So before appending, every event id is reserved in a
 *   stream of its own (`cr_event_id-<id>`, one event of type `$cr-event-id` naming the record's
 *   stream, written with no_stream). A fresh reservation proves the id was never appended. A
 *   reservation naming another stream makes the batch an IdempotencyMismatch. One naming this
 *   stream (a retry: of a command, after a crash between reservation and append, after a
 *   conflict) makes the adapter look for the ids in the stream: all there is a replay (the first
 *   result, nothing stored), some there a mismatch, none there an append. An id stays its stream's
 *   once reserved, even when that append then failed its expectation (PostgreSQL would let another
 *   stream take it; nothing here reuses an id across streams). Reservations are not the record's:
 *   their type starts with '$', so every read of $all here leaves them out, with EventStoreDB's own
 *   events. Cost: one more write per event, made in parallel with reading the stream's end.
 * - $all without system events: the v6 client reads $all unfiltered, so reads filter here (and
 *   read on until they have `limit` matches); subscriptions filter on the server.
 * - Positions: "C:<commit>/P:<prepare>" (mapping.ts).
 * - recordedAt: this process's clock (never earlier than the stream's previous event), written into
 *   the hashed metadata before the append.
 */
import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  eventTypeFilter,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  START,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type Filter,
  type EventData,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { AppendWaiters } from '../append-waiters.js';
import {
  appendOneByOne,
  categoryOf,
  IdempotencyMismatch,
  StoredEventRejected,
  WrongExpectedRevision,
  type AppendOptions,
  type AppendResult,
  type ChainReport,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadLogOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StoredEvent,
  type StreamAppend,
  type StreamAppendResult,
  type StreamVerification,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port.js';
import { chainHash, findChainMismatch, GENESIS_HASH } from '../hashing.js';
import { LogOrderChainCheck } from '../log-order-chains.js';
import { validateBatch } from '../validate-batch.js';
import {
  CHAIN_KEY,
  comparePositions,
  categoryNames,
  exactNames,
  expectationHolds,
  formatPosition,
  fromClientError,
  fromClientRevision,
  isCanonicalJson,
  isRecordEvent,
  parsePosition,
  POSITION_FORMAT,
  requirePosition,
  RESERVATION_TYPE,
  reservationStream,
  toClientExpectedRevision,
  toRecorded,
  toEventData,
  toStoredEvent,
} from './mapping.js';
import { EventStoreDBSubscription } from './subscription.js';

/** Events per read of $all or of a stream. */
const CHUNK = 1000;
/** An append with `any`/`stream_exists` retried this often when other writers keep winning. */
const MAX_ATTEMPTS = 100;
/** Events per appendStored write (EventStoreDB refuses appends over 1 MB by default). */
const STORED_BATCH = 200;
const STORED_BATCH_BYTES = 512 * 1024;

interface StreamHead {
  revision: number;
  chainHash: Buffer;
  recordedAt: string;
  position: string;
}

type Owner = { kind: 'fresh' } | { kind: 'this' } | { kind: 'other'; streamId: string };

function isNotFound(error: unknown): boolean {
  const type = (error as { type?: string } | null)?.type;
  return type === 'stream-not-found' || type === 'no-stream';
}

function assertCount(value: number | undefined, what: string): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
    throw new TypeError(`${what} must be a non-negative integer, got ${String(value)}`);
  }
}

/** Metadata as the record stores it: the caller's, without recordedAt, with the store's recordedAt last (as cr_append). */
export function canonicalMetadata(metadata: NewEvent['metadata'], recordedAt: string): string {
  const { recordedAt: _ignored, ...rest } = metadata as Record<string, unknown>;
  const base = JSON.stringify(rest);
  return `${base.slice(0, -1)}${base === '{}' ? '' : ','}"recordedAt":${JSON.stringify(recordedAt)}}`;
}

export class EventStoreDBEventStore implements EventStore {
  readonly positionFormat = POSITION_FORMAT;
  readonly description = 'EventStoreDB';
  private readonly subscriptions = new Set<EventStoreDBSubscription>();
  private readonly waiters = new AppendWaiters();
  private watcher: AllStreamSubscription | null = null;
  private closed = false;

  constructor(private readonly client: EventStoreDBClient) {}

  /** Throws (a ParseError naming the problem) when the connection string is malformed; connects lazily. */
  static fromConnectionString(connectionString: string): EventStoreDBEventStore {
    return new EventStoreDBEventStore(EventStoreDBClient.connectionString(connectionString));
  }

  // --- append -------------------------------------------------------------------------------

  appendMany(appends: readonly StreamAppend[]): Promise<StreamAppendResult[]> {
    return appendOneByOne(this, appends);
  }

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    const expected = options.expectedRevision;
    toClientExpectedRevision(expected); // validates it
    validateBatch(streamId, events);
    this.assertRecordStream(streamId);
    for (const e of events) {
      if (e.type.startsWith('$')) throw new TypeError(`append to ${streamId}: event type ${e.type} starts with '$', which EventStoreDB keeps for itself`);
      if (CHAIN_KEY in e.metadata) throw new TypeError(`append to ${streamId}: metadata.${CHAIN_KEY} is the store's`);
    }
    const ids = events.map((e) => e.eventId.toLowerCase());
    const [owners, firstHead] = await Promise.all([Promise.all(ids.map((id) => this.reserve(id, streamId))), this.lastEvent(streamId)]);
    this.refuseForeign(streamId, owners);
    let retried = owners.some((o) => o.kind === 'this');
    let head = firstHead;
    for (let attempt = 1; ; attempt++) {
      if (retried) {
        const replay = await this.findStored(streamId, ids);
        if (replay) return replay;
      }
      const current = head?.revision ?? -1;
      if (!expectationHolds(expected, current)) throw new WrongExpectedRevision(streamId, expected, current);
      const recordedAt = new Date(Math.max(Date.now(), head ? Date.parse(head.recordedAt) : 0)).toISOString();
      let previous = head?.chainHash ?? GENESIS_HASH;
      const batch = events.map((e, i) => {
        const data = JSON.stringify(e.data);
        const metadata = canonicalMetadata(e.metadata, recordedAt);
        previous = chainHash(previous, {
          eventId: ids[i],
          streamId,
          revision: current + 1 + i,
          type: e.type,
          schemaVersion: e.metadata.schemaVersion,
          data,
          metadata,
        });
        return toEventData(ids[i], e.type, JSON.parse(data), metadata, previous);
      });
      try {
        return await this.write(streamId, batch, current);
      } catch (error) {
        const mapped = fromClientError(error, streamId, expected);
        if (!(mapped instanceof WrongExpectedRevision)) throw mapped;
        // Another writer got in first — maybe this very batch, retried concurrently: look again.
        if (attempt >= MAX_ATTEMPTS) throw mapped;
        retried = true;
        head = await this.lastEvent(streamId);
      }
    }
  }

  /** Appends at exactly `current` and names the last event written (read back: its position). */
  private async write(streamId: string, batch: EventData[], current: number): Promise<AppendResult> {
    const result = await this.client.appendToStream(streamId, batch, { expectedRevision: current === -1 ? NO_STREAM : BigInt(current) });
    const nextRevision = fromClientRevision(result.nextExpectedRevision);
    const [last] = await this.readStreamRaw(streamId, { fromRevision: BigInt(nextRevision), direction: FORWARDS, maxCount: 1 });
    if (!last) throw new Error(`EventStoreDB acknowledged ${streamId}@${nextRevision} but does not return it`);
    this.waiters.wake();
    return { nextRevision, position: toStoredEvent(last).position };
  }

  private assertRecordStream(streamId: string): void {
    if (!isRecordEvent('x', streamId)) throw new TypeError(`stream ${streamId} is reserved: the record's streams never start with '$' or cr_event_id-`);
  }

  private refuseForeign(streamId: string, owners: readonly Owner[]): void {
    const foreign = owners.find((o): o is Extract<Owner, { kind: 'other' }> => o.kind === 'other');
    if (foreign) throw new IdempotencyMismatch(streamId, `event ids of this batch are already stored in stream ${foreign.streamId}`);
  }

  /** Reserves an event id for a stream, or says whose it is. */
  private async reserve(eventId: string, streamId: string): Promise<Owner> {
    const reservation = reservationStream(eventId);
    try {
      // A fresh id each time: EventStoreDB's own replay detection must not answer for an old reservation.
      await this.client.appendToStream(reservation, jsonEvent({ id: randomUUID(), type: RESERVATION_TYPE, data: { streamId } }), { expectedRevision: NO_STREAM });
      return { kind: 'fresh' };
    } catch (error) {
      if ((error as { type?: string }).type !== 'wrong-expected-version') throw error;
    }
    const [first] = await this.readStreamRaw(reservation, { fromRevision: START, direction: FORWARDS, maxCount: 1 });
    const owner = (first?.data as { streamId?: unknown } | undefined)?.streamId;
    if (typeof owner !== 'string') throw new Error(`the reservation of event id ${eventId} is unreadable`);
    return owner === streamId ? { kind: 'this' } : { kind: 'other', streamId: owner };
  }

  /**
   * A retried batch: its ids looked up in the stream (from the end: a retry is usually recent).
   * All there, in order and contiguous: the first result. Some: a mismatch. None: null.
   */
  private async findStored(streamId: string, ids: readonly string[]): Promise<AppendResult | null> {
    const wanted = new Set(ids);
    const found = new Map<string, StoredEvent>();
    let from: bigint | typeof END = END;
    for (;;) {
      const page: StoredEvent[] = (await this.readStreamRaw(streamId, { fromRevision: from, direction: BACKWARDS, maxCount: CHUNK })).map(toStoredEvent);
      for (const e of page) if (wanted.has(e.eventId)) found.set(e.eventId, e);
      if (found.size === wanted.size || page.length < CHUNK || page[page.length - 1].revision === 0) break;
      from = BigInt(page[page.length - 1].revision - 1);
    }
    if (found.size === 0) return null;
    const stored = ids.map((id) => found.get(id));
    if (stored.some((e) => !e)) {
      throw new IdempotencyMismatch(streamId, `${found.size} of the ${ids.length} event ids of this batch are already stored in stream ${streamId}`);
    }
    const last = stored.reduce((a, b) => (b!.revision > a!.revision ? b : a))!;
    return { nextRevision: last.revision, position: last.position };
  }

  // --- reading --------------------------------------------------------------------------------

  private async readStreamRaw(
    streamId: string,
    options: { fromRevision: bigint | typeof START | typeof END; direction: typeof FORWARDS | typeof BACKWARDS; maxCount: number },
  ): Promise<NonNullable<ResolvedEvent['event']>[]> {
    const out: NonNullable<ResolvedEvent['event']>[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, options)) if (resolved.event) out.push(resolved.event);
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
    return out;
  }

  private async lastEvent(streamId: string): Promise<StreamHead | null> {
    const [last] = await this.readStreamRaw(streamId, { fromRevision: END, direction: BACKWARDS, maxCount: 1 });
    if (!last) return null;
    const e = toStoredEvent(last);
    return { revision: e.revision, chainHash: e.chainHash, recordedAt: e.recordedAt, position: e.position };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertCount(options.from, 'from');
    assertCount(options.limit, 'limit');
    const direction = options.direction === 'backwards' ? BACKWARDS : FORWARDS;
    const fromRevision = options.from !== undefined ? BigInt(options.from) : direction === BACKWARDS ? END : START;
    if (options.limit === 0) return [];
    const events = await this.readStreamRaw(streamId, { fromRevision, direction, maxCount: options.limit ?? Number.MAX_SAFE_INTEGER });
    return events.map(toRecorded);
  }

  async findEvent(eventId: string): Promise<RecordedEvent | null> {
    this.assertOpen();
    // The id's reservation names its stream (see the top of this file).
    const [reservation] = await this.readStreamRaw(reservationStream(eventId), { fromRevision: START, direction: FORWARDS, maxCount: 1 });
    const owner = (reservation?.data as { streamId?: unknown } | undefined)?.streamId;
    if (typeof owner !== 'string') return null;
    return (await this.readStream(owner)).find((e) => e.eventId === eventId) ?? null;
  }

  async streamRevision(streamId: string): Promise<number> {
    this.assertOpen();
    return (await this.lastEvent(streamId))?.revision ?? -1;
  }

  /**
   * Walks $all forwards after `after` (null: from the start) up to `upTo`, handing every event of
   * the record to `visit` until it answers false. $all is read in chunks; a chunk may start at the
   * position it was asked for, so what is not after the cursor is skipped.
   */
  private async scanAll(after: Position | null, upTo: Position | null, visit: (e: NonNullable<AllStreamResolvedEvent['event']>) => boolean): Promise<void> {
    let cursor = after;
    for (;;) {
      let read = 0;
      let stop = false;
      const chunk = this.client.readAll({ fromPosition: cursor ?? START, direction: FORWARDS, maxCount: CHUNK });
      try {
        for await (const resolved of chunk) {
          read++;
          const e = resolved.event;
          if (!e) continue;
          if (cursor && comparePositions(e.position, cursor) <= 0) continue;
          if (upTo && comparePositions(e.position, upTo) > 0) stop = true;
          else {
            cursor = e.position;
            if (isRecordEvent(e.type, e.streamId) && !visit(e)) stop = true;
          }
          if (stop) break;
        }
      } finally {
        // Left before its end: the rest of the chunk is not wanted.
        if (stop) await chunk.cancel().catch(() => undefined);
      }
      if (stop || read < CHUNK) return;
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertCount(options.limit, 'limit');
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const out: RecordedEvent[] = [];
    if (limit === 0 || (options.types && options.types.length === 0) || (options.categories && options.categories.length === 0)) return out;
    const types = options.types ? new Set(options.types) : null;
    const categories = options.categories ? new Set(options.categories) : null;
    await this.scanAll(options.after ? requirePosition(options.after, 'after') : null, options.upTo ? requirePosition(options.upTo, 'upTo') : null, (e) => {
      if ((types && !types.has(e.type)) || (categories && !categories.has(categoryOf(e.streamId)))) return true;
      out.push(toRecorded(e));
      return out.length < limit;
    });
    return out;
  }

  async readLog(options: ReadLogOptions): Promise<StoredEvent[]> {
    this.assertOpen();
    assertCount(options.limit, 'limit');
    const out: StoredEvent[] = [];
    if (options.limit === 0 || (options.types && options.types.length === 0) || (options.streams && options.streams.length === 0)) return out;
    const types = options.types ? new Set(options.types) : null;
    const streams = options.streams ? new Set(options.streams) : null;
    await this.scanAll(options.after ? requirePosition(options.after, 'after') : null, options.upTo ? requirePosition(options.upTo, 'upTo') : null, (e) => {
      if ((types && !types.has(e.type)) || (streams && !streams.has(e.streamId))) return true;
      out.push(toStoredEvent(e));
      return out.length < options.limit;
    });
    return out;
  }

  async head(): Promise<string | null> {
    this.assertOpen();
    let from: Position | typeof END = END;
    for (;;) {
      let read = 0;
      let last: Position | null = null;
      let found: Position | null = null;
      const chunk = this.client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: CHUNK });
      try {
        for await (const resolved of chunk) {
          read++;
          const e = resolved.event;
          if (!e || (from !== END && comparePositions(e.position, from) >= 0)) continue;
          if (isRecordEvent(e.type, e.streamId)) {
            found = e.position;
            break;
          }
          last = e.position;
        }
      } finally {
        if (found) await chunk.cancel().catch(() => undefined);
      }
      if (found) return formatPosition(found);
      if (read < CHUNK || !last) return null;
      from = last;
    }
  }

  // --- subscriptions --------------------------------------------------------------------------

  subscribe(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const batchSize = options.batchSize ?? 500;
    if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new TypeError(`batchSize must be a positive integer, got ${batchSize}`);
    const after = options.after ? requirePosition(options.after, 'after') : null;
    const types = options.types ? new Set(options.types) : null;
    const categories = options.categories ? new Set(options.categories) : null;
    const filter = subscriptionFilter(options);
    const subscription = new EventStoreDBSubscription(
      (from) => this.client.subscribeToAll({ fromPosition: from ?? START, filter }),
      after,
      (resolved) => {
        const e = resolved.event;
        if (!e || !isRecordEvent(e.type, e.streamId)) return null;
        if ((types && !types.has(e.type)) || (categories && !categories.has(categoryOf(e.streamId)))) return null;
        return toRecorded(e);
      },
      (s) => this.subscriptions.delete(s),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async waitForAppend(after: string | null, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    this.assertOpen();
    const since = after === null ? null : requirePosition(after, 'after');
    this.watch();
    return this.waiters.wait(timeoutMs, signal, async () => {
      const head = await this.head();
      return head !== null && (since === null || comparePositions(requirePosition(head), since) > 0);
    });
  }

  /** One live subscription from the end of $all that wakes waitForAppend's callers (other processes' appends). */
  private watch(): void {
    if (this.watcher || this.closed) return;
    const watcher = this.client.subscribeToAll({ fromPosition: END, filter: excludeSystemEvents() });
    this.watcher = watcher;
    watcher.on('data', () => this.waiters.wake());
    const lost = () => {
      if (this.watcher !== watcher) return;
      this.watcher = null;
      // Callers fall back on their timeout; the next waitForAppend watches again.
      this.waiters.wake();
    };
    watcher.on('error', lost);
    watcher.on('end', lost);
  }

  // --- integrity ------------------------------------------------------------------------------

  async verifyStream(streamId: string): Promise<StreamVerification> {
    this.assertOpen();
    const events = (await this.readStreamRaw(streamId, { fromRevision: START, direction: FORWARDS, maxCount: Number.MAX_SAFE_INTEGER })).map(toStoredEvent);
    const mismatch = findChainMismatch(events);
    if (!mismatch) return { streamId, valid: true, checkedEvents: events.length, firstMismatch: null };
    const e = events[mismatch.index];
    return { streamId, valid: false, checkedEvents: mismatch.index, firstMismatch: { eventId: e.eventId, revision: e.revision, position: e.position, reason: mismatch.reason } };
  }

  async verifyChains(options: { onProgress?: (eventsChecked: number) => void } = {}): Promise<ChainReport> {
    this.assertOpen();
    const check = new LogOrderChainCheck();
    let seen = 0;
    await this.scanAll(null, null, (e) => {
      check.add(toStoredEvent(e));
      if (++seen % CHUNK === 0) options.onProgress?.(seen);
      return true;
    });
    options.onProgress?.(seen);
    return check.finish();
  }

  async appendStored(events: readonly StoredEvent[]): Promise<{ position: string | null }> {
    this.assertOpen();
    let position: string | null = null;
    for (const run of storedRuns(events)) position = (await this.appendRun(run)) ?? position;
    return { position };
  }

  /** One stream's consecutive events: reserved, checked against the stream's end and their chain, appended at their revision. */
  private async appendRun(run: readonly StoredEvent[]): Promise<string | null> {
    const streamId = run[0].streamId;
    this.assertRecordStream(streamId);
    for (const e of run) {
      if (!isCanonicalJson(e.data) || !isCanonicalJson(e.metadata)) {
        throw new StoredEventRejected(e.eventId, `event ${e.eventId}: its stored data or metadata is not compact JSON, which EventStoreDB (whose client parses JSON) cannot keep byte for byte`);
      }
      if (e.type.startsWith('$')) throw new StoredEventRejected(e.eventId, `event ${e.eventId}: type ${e.type} starts with '$'`);
      // EventStoreDB keeps these two only inside the metadata: they must say the same.
      const { schemaVersion, recordedAt } = JSON.parse(e.metadata) as { schemaVersion?: unknown; recordedAt?: unknown };
      if (schemaVersion !== e.schemaVersion || recordedAt !== e.recordedAt) {
        throw new StoredEventRejected(e.eventId, `event ${e.eventId}: its metadata's schemaVersion and recordedAt are not the ones stored beside it`);
      }
    }
    const ids = run.map((e) => e.eventId.toLowerCase());
    const owners = await Promise.all(ids.map((id) => this.reserve(id, streamId)));
    const foreign = owners.find((o): o is Extract<Owner, { kind: 'other' }> => o.kind === 'other');
    if (foreign) throw new StoredEventRejected(ids[owners.indexOf(foreign)], `event ${ids[owners.indexOf(foreign)]} is already stored in stream ${foreign.streamId}`);

    // Events stored already (a resumed copy): they must be these, byte for byte.
    let todo = run;
    if (owners.some((o) => o.kind === 'this')) {
      const there = (await this.readStreamRaw(streamId, { fromRevision: BigInt(run[0].revision), direction: FORWARDS, maxCount: run.length })).map(toStoredEvent);
      let skip = 0;
      while (skip < there.length && skip < run.length && there[skip].eventId === ids[skip]) {
        if (!there[skip].chainHash.equals(run[skip].chainHash)) throw new StoredEventRejected(ids[skip], `event ${ids[skip]} is already stored with another chain hash`);
        skip++;
      }
      if (skip === run.length) return there[skip - 1].position;
      todo = run.slice(skip);
    }
    const head = await this.lastEvent(streamId);
    const current = head?.revision ?? -1;
    if (todo[0].revision !== current + 1) {
      throw new StoredEventRejected(todo[0].eventId, `event ${todo[0].eventId} is revision ${todo[0].revision} of ${streamId}, which is at revision ${current} here`);
    }
    let previous = head?.chainHash ?? GENESIS_HASH;
    const batch = todo.map((e) => {
      const hash = chainHash(previous, { ...e, eventId: e.eventId.toLowerCase() });
      if (!hash.equals(e.chainHash)) {
        throw new StoredEventRejected(
          e.eventId,
          `event ${e.eventId} (${streamId}@${e.revision}) carries chain hash ${e.chainHash.toString('hex')}, but its bytes give ${hash.toString('hex')}: the source's chain is broken there (run verify on it)`,
        );
      }
      previous = hash;
      return toEventData(e.eventId.toLowerCase(), e.type, JSON.parse(e.data), e.metadata, hash);
    });
    try {
      return (await this.write(streamId, batch, current)).position;
    } catch (error) {
      throw fromClientError(error, streamId, current as ExpectedRevision);
    }
  }

  // --- positions and life -------------------------------------------------------------------

  comparePositions(a: string, b: string): number {
    return comparePositions(requirePosition(a), requirePosition(b));
  }

  isPosition(value: string): boolean {
    return parsePosition(value) !== null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.waiters.wake();
    const watcher = this.watcher;
    this.watcher = null;
    await watcher?.unsubscribe().catch(() => undefined);
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the event store is closed');
  }
}

/** The server-side filter for a subscription: the narrowest one the port's filters allow (the rest is checked here). */
export function subscriptionFilter(options: Pick<SubscribeOptions, 'types' | 'categories'>): Filter {
  if (options.types && options.types.length > 0) return eventTypeFilter({ regex: exactNames(options.types) });
  if (options.categories && options.categories.length > 0) {
    return streamNameFilter({ regex: categoryNames(options.categories) });
  }
  return excludeSystemEvents();
}

/** Consecutive events of one stream, cut to what one EventStoreDB append takes. */
export function* storedRuns(events: readonly StoredEvent[]): Generator<StoredEvent[]> {
  let run: StoredEvent[] = [];
  let bytes = 0;
  for (const e of events) {
    const size = e.data.length + e.metadata.length + 200;
    if (run.length > 0 && (run[0].streamId !== e.streamId || run.length >= STORED_BATCH || bytes + size > STORED_BATCH_BYTES)) {
      yield run;
      run = [];
      bytes = 0;
    }
    run.push(e);
    bytes += size;
  }
  if (run.length > 0) yield run;
}
