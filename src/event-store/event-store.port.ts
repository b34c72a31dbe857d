/**
 * The event store port. Two adapters implement it (PostgreSQL, the default; EventStoreDB), and one
 * contract suite (test/contract) holds both to it. The service reads and appends events only
 * through it; an adapter is imported only by `event-store.factory.ts`, which picks it from the
 * config, and by `src/database/registry.ts`, which runs the PostgreSQL adapter's schema migration
 * (benchmarks and tests build adapters directly; `npm run check:layers` holds the rest of the code
 * to this). Positions are opaque strings outside the adapter, checked with `isPosition` and ordered
 * with `comparePositions`. Every event's metadata carries the actor (`Actor`, from src/shared).
 */
import type { Actor } from '../shared/actor.js';
import type { CanonicalEventFields } from './hashing.js';

// Re-exported for the code that has always taken them from here (the projection runner, the importer).
export type { Actor, Role } from '../shared/actor.js';

export interface EventMetadata {
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  /** When it happened in the world (a meeting last week, typed in today). ISO 8601. */
  occurredAt: string;
  /** When the store recorded it: always the server's clock, set by the adapter. ISO 8601. */
  recordedAt: string;
  schemaVersion: number;
  requestId?: string;
  [key: string]: unknown;
}

/**
 * The metadata a caller gives: everything but `recordedAt`, which the adapter sets. (Spelt out:
 * Omit<> over a type with an index signature would erase the named keys.)
 */
export interface NewEventMetadata {
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  occurredAt: string;
  schemaVersion: number;
  requestId?: string;
  recordedAt?: never;
  [key: string]: unknown;
}

/** What a caller hands to `append`. The adapter sets `recordedAt`. */
export interface NewEvent<TType extends string = string, TData = Record<string, unknown>> {
  eventId: string;
  type: TType;
  data: TData;
  metadata: NewEventMetadata;
}

export interface RecordedEvent<TType extends string = string, TData = Record<string, unknown>> {
  eventId: string;
  type: TType;
  streamId: string;
  /** 0-based position of the event inside its stream. */
  revision: number;
  /** Opaque position in the global log. */
  position: string;
  data: TData;
  metadata: EventMetadata;
  /** Hex sha256 chaining this event to the previous one of its stream, when the adapter keeps one. */
  chainHash?: string;
}

/** `n`: the stream's current revision must be exactly n (0-based; a stream with one event is at 0). */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event appended (or of the last matching event, on an idempotent replay). */
  nextRevision: number;
  /** Position of that event. */
  position: string;
}

/** One stream's part of an `appendMany`. */
export interface StreamAppend {
  streamId: string;
  events: readonly NewEvent[];
  expectedRevision: ExpectedRevision;
}

export interface StreamAppendResult extends AppendResult {
  /** True when these events were already stored (an idempotent replay): nothing was appended. */
  replayed: boolean;
}

export interface ReadStreamOptions {
  /** Revision to start at (inclusive). Default: the start (forwards) or the end (backwards). */
  from?: number;
  direction?: 'forwards' | 'backwards';
  limit?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omitted: from the start. */
  after?: string | null;
  /** Inclusive upper bound. */
  upTo?: string | null;
  limit?: number;
  types?: readonly string[];
  /** Stream categories: the part of the stream id before the first '-'. */
  categories?: readonly string[];
}

export interface SubscribeOptions extends Omit<ReadAllOptions, 'limit' | 'upTo'> {
  /** How many events to fetch per read while catching up. */
  batchSize?: number;
}

/** An async iterator over the global log: catches up, then follows live appends, until closed. */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

/**
 * An event exactly as the store keeps it: the bytes its chain hash and the ledger digest cover
 * (data and metadata as stored JSON text, recordedAt included), its chain hash, its position.
 * What the digest, `verify`, the audit exports and `copy-log` read.
 */
export interface StoredEvent extends CanonicalEventFields {
  position: string;
  /** metadata.recordedAt: ISO 8601, milliseconds, UTC. */
  recordedAt: string;
  /** sha256 chaining this event to the previous one of its stream (32 bytes). */
  chainHash: Buffer;
}

export interface ReadLogOptions {
  /** Exclusive. Omitted: from the start. */
  after?: string | null;
  /** Inclusive upper bound. */
  upTo?: string | null;
  limit: number;
  types?: readonly string[];
  /** Exact stream ids. */
  streams?: readonly string[];
}

/** One finding of `verifyChains`: a stream whose chain (or recorded head) does not hold. */
export interface ChainFinding {
  streamId: string;
  /** The first bad event; null when none of the stream's events is left. */
  eventId: string | null;
  revision: number | null;
  position: string | null;
  reason: string;
  /**
   * The last point of the log known to be affected or intact: the altered event itself; for
   * missing events, the last intact event before them. Null when no event of the stream is left.
   */
  anchor: string | null;
}

export interface ChainReport {
  streams: number;
  events: number;
  /** At most 1,000, in stream id order; `brokenCount` counts them all. */
  findings: ChainFinding[];
  brokenCount: number;
}

export interface StreamVerification {
  streamId: string;
  valid: boolean;
  checkedEvents: number;
  firstMismatch: null | { eventId: string; revision: number; position: string; reason: string };
}

export interface EventStore {
  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /**
   * Appends to many streams at once (a bulk import), each with its own expectation and idempotent
   * on event id like `append`; results in the order given. PostgreSQL writes them in one
   * transaction (all or none); EventStoreDB, which has no multi-stream transactions, one by one.
   * On an error the caller learns nothing of which stream failed: append them singly to find out.
   */
  appendMany(appends: readonly StreamAppend[]): Promise<StreamAppendResult[]>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** The event with this id, wherever it is stored; null when there is none. */
  findEvent(eventId: string): Promise<RecordedEvent | null>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribe(options?: SubscribeOptions): Subscription;
  /** How many events readAll would return without a limit (optional: an adapter may not count cheaply). */
  count?(options?: Omit<ReadAllOptions, 'limit'>): Promise<number>;
  /** Position of the last event a reader of the global log can see; null when the log is empty. */
  head(): Promise<string | null>;
  /** Current revision of a stream, or -1 when it does not exist. */
  streamRevision(streamId: string): Promise<number>;
  /** Recomputes a stream's hash chain and names the first event that does not match. */
  verifyStream(streamId: string): Promise<StreamVerification>;
  /**
   * Every stream's hash chain, checked against the stored bytes, plus whatever else the store
   * records about its streams (PostgreSQL: the heads table). Reads only.
   */
  verifyChains(options?: { onProgress?: (eventsChecked: number) => void }): Promise<ChainReport>;
  /**
   * The log as stored, in log order: what the digest, `verify`, the audit exports and `copy-log`
   * read. Only events every reader can see (at or before `head()`), so a page at or below a
   * position once seen never changes. `toRecordedEvent` turns one into what readAll returns.
   */
  readLog(options: ReadLogOptions): Promise<StoredEvent[]>;
  /**
   * Writes events exactly as another store keeps them — ids, streams, revisions, data and metadata
   * byte for byte, recordedAt included — in the order given: `copy-log`'s one write. Each event
   * must continue its stream at its revision and its chain hash must be the one recomputed here
   * (a broken source is refused, never laundered). Events already stored identically are skipped.
   * Returns the position of the last event written, or of the last one skipped.
   */
  appendStored(events: readonly StoredEvent[]): Promise<{ position: string | null }>;
  /**
   * For a follower of the log, instead of polling: resolves true when the log has grown past
   * `after` (null: is not empty) or an append was heard of (here, or another process's), false
   * after `timeoutMs` or on the abort. True means "read again", not that an event is visible yet.
   */
  waitForAppend(after: string | null, timeoutMs: number, signal?: AbortSignal): Promise<boolean>;
  /** Orders two positions: negative, zero or positive. */
  comparePositions(a: string, b: string): number;
  /** True when the string is a position this adapter could have produced. */
  isPosition(value: string): boolean;
  /** How this adapter's positions look, for messages ("<xid>:<position>"). */
  readonly positionFormat: string;
  /** Which store this is, for reports ("PostgreSQL", "EventStoreDB"). */
  readonly description: string;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');

/** Thrown when an append's expectation does not hold. Carries what the stream really is at. */
export class WrongExpectedRevision extends Error {
  readonly code = 'EVENT_STORE.WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** -1 when the stream does not exist. */
    readonly actualRevision: number,
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${actualRevision === -1 ? 'no_stream' : actualRevision}`);
    this.name = 'WrongExpectedRevision';
  }
}

/** Thrown when a batch's event ids are partly stored already (a replay must match entirely). */
export class IdempotencyMismatch extends Error {
  readonly code = 'EVENT_STORE.IDEMPOTENCY_MISMATCH';
  constructor(
    readonly streamId: string,
    message: string,
  ) {
    super(message);
    this.name = 'IdempotencyMismatch';
  }
}

/** Thrown by appendStored when an event does not carry the chain hash its bytes give (or does not continue its stream). */
export class StoredEventRejected extends Error {
  readonly code = 'EVENT_STORE.STORED_EVENT_REJECTED';
  constructor(
    readonly eventId: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoredEventRejected';
  }
}

/** A stored event as readAll returns it: data and metadata parsed from the stored text. */
export function toRecordedEvent(e: StoredEvent): RecordedEvent {
  return {
    eventId: e.eventId,
    type: e.type,
    streamId: e.streamId,
    revision: e.revision,
    position: e.position,
    data: JSON.parse(e.data) as Record<string, unknown>,
    metadata: JSON.parse(e.metadata) as EventMetadata,
    chainHash: e.chainHash.toString('hex'),
  };
}

export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash === -1 ? streamId : streamId.slice(0, dash);
}

/** appendMany for a store without multi-stream transactions: one append after the other. */
export async function appendOneByOne(store: EventStore, appends: readonly StreamAppend[]): Promise<StreamAppendResult[]> {
  const results: StreamAppendResult[] = [];
  for (const a of appends) {
    const stored = a.events.length === 0 ? null : await store.findEvent(a.events[0].eventId);
    const result = await store.append(a.streamId, a.events, { expectedRevision: a.expectedRevision });
    results.push({ ...result, replayed: stored !== null && stored.streamId === a.streamId });
  }
  return results;
}
