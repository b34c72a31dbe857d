/**
 * The event store port. Two adapters implement it (PostgreSQL, the default; EventStoreDB), and one
 * contract suite (test/contract) holds both to it. Everything outside an adapter treats positions
 * as opaque strings and compares them only through `comparePositions`.
 */

export type Role = 'poc' | 'lfp' | 'stakeholder' | 'auditor' | 'system';

export interface Actor {
  id: string;
  role: Role;
  institution?: string;
}

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

export interface StreamVerification {
  streamId: string;
  valid: boolean;
  checkedEvents: number;
  firstMismatch: null | { eventId: string; revision: number; position: string; reason: string };
}

export interface EventStore {
  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
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
  /** Orders two positions: negative, zero or positive. */
  comparePositions(a: string, b: string): number;
  /** True when the string is a position this adapter could have produced. */
  isPosition(value: string): boolean;
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

export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash === -1 ? streamId : streamId.slice(0, dash);
}
