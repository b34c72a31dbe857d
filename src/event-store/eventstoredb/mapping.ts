/**
 * Everything the EventStoreDB adapter translates between the port and @eventstore/db-client, as
 * pure functions (unit-tested without a server): positions, expected revisions, errors, the
 * metadata that carries each event's chain hash, and which events of `$all` are the record's.
 */
import { jsonEvent, type AllStreamResolvedEvent, type AppendExpectedRevision, type EventData, type JSONEventType, type Position, type ResolvedEvent } from '@eventstore/db-client';
import {
  WrongExpectedRevision,
  type EventMetadata,
  type ExpectedRevision,
  type RecordedEvent,
  type StoredEvent,
} from '../event-store.port.js';

// ---------------------------------------------------------------------------------------------
// Positions: "C:<commit>/P:<prepare>", as EventStoreDB itself prints them. $all is ordered by
// (commit, prepare), so they compare as tuples, never as strings.

const POSITION = /^C:(0|[1-9][0-9]{0,19})\/P:(0|[1-9][0-9]{0,19})$/;
const MAX_U64 = (1n << 64n) - 1n;

export const POSITION_FORMAT = '"C:<commit>/P:<prepare>"';

export function formatPosition(p: Position): string {
  return `C:${p.commit}/P:${p.prepare}`;
}

export function parsePosition(value: string): Position | null {
  const m = typeof value === 'string' ? POSITION.exec(value) : null;
  if (!m) return null;
  const commit = BigInt(m[1]);
  const prepare = BigInt(m[2]);
  if (commit > MAX_U64 || prepare > MAX_U64) return null;
  return { commit, prepare };
}

export function requirePosition(value: string, what = 'position'): Position {
  const p = parsePosition(value);
  if (!p) throw new TypeError(`${what} ${JSON.stringify(value)} is not an EventStoreDB position (${POSITION_FORMAT})`);
  return p;
}

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Expected revisions. The port's revision n is the client's bigint n; -1 (what streamRevision
// answers for a missing stream) is no_stream.

export function toClientExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return expected;
  if (Number.isSafeInteger(expected) && expected >= -1) return expected === -1 ? 'no_stream' : BigInt(expected);
  throw new TypeError(`invalid expected revision ${String(expected)}`);
}

/** The client's current revision ('no_stream' or a bigint) as the port's: -1 for no stream. */
export function fromClientRevision(current: bigint | 'no_stream' | undefined | null): number {
  if (current === undefined || current === null || current === 'no_stream') return -1;
  const n = Number(current);
  if (!Number.isSafeInteger(n) || n < -1) throw new RangeError(`revision ${String(current)} is out of range`);
  return n;
}

/** Does a stream at `current` (-1: none) satisfy the caller's expectation? */
export function expectationHolds(expected: ExpectedRevision, current: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream' || expected === -1) return current === -1;
  if (expected === 'stream_exists') return current >= 0;
  return current === expected;
}

/**
 * The client's WrongExpectedVersionError as the port's WrongExpectedRevision, with the revision
 * the stream is really at. Anything else is returned unchanged.
 */
export function fromClientError(error: unknown, streamId: string, expected: ExpectedRevision): unknown {
  const e = error as { type?: string; actualVersion?: bigint | 'no_stream'; name?: string } | null;
  if (e && (e.type === 'wrong-expected-version' || e.name === 'WrongExpectedVersionError')) {
    return new WrongExpectedRevision(streamId, expected, fromClientRevision(e.actualVersion));
  }
  return error;
}

// ---------------------------------------------------------------------------------------------
// Metadata. The chain hash travels in each event's metadata, after the record's own metadata:
//   stored bytes = <canonical metadata without its closing brace> , "$chainHash":"<hex>" }
// The canonical metadata (what the hash covers, and what readStream returns) is the stored JSON
// minus that last member. The client hands metadata back parsed, so the canonical text is
// JSON.stringify of the parsed object without it — the same text, because the adapter writes only
// JSON.stringify output, whose parse/stringify round trip is the identity.

export const CHAIN_KEY = '$chainHash';
const HEX64 = /^[0-9a-f]{64}$/;

export function encodeMetadata(canonical: string, chainHash: Buffer): Uint8Array {
  if (!canonical.startsWith('{') || !canonical.endsWith('}')) throw new TypeError('metadata must be a JSON object');
  const member = `"${CHAIN_KEY}":"${chainHash.toString('hex')}"`;
  return Buffer.from(`${canonical.slice(0, -1)}${canonical === '{}' ? '' : ','}${member}}`, 'utf8');
}

export interface DecodedMetadata {
  /** The canonical metadata text, byte for byte what the chain hash covers. */
  canonical: string;
  metadata: EventMetadata;
  /** Null when the event carries none (written behind the adapter's back). */
  chainHash: Buffer | null;
}

/** The metadata as the client returns it: parsed JSON, or raw bytes when it is not JSON. */
export function decodeMetadata(raw: unknown): DecodedMetadata {
  let parsed: Record<string, unknown>;
  if (raw instanceof Uint8Array) {
    try {
      parsed = JSON.parse(Buffer.from(raw).toString('utf8')) as Record<string, unknown>;
    } catch {
      return { canonical: Buffer.from(raw).toString('utf8'), metadata: {} as EventMetadata, chainHash: null };
    }
  } else if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    parsed = raw as Record<string, unknown>;
  } else {
    return { canonical: raw === undefined ? '' : JSON.stringify(raw), metadata: {} as EventMetadata, chainHash: null };
  }
  const { [CHAIN_KEY]: hash, ...rest } = parsed;
  const chainHash = typeof hash === 'string' && HEX64.test(hash) ? Buffer.from(hash, 'hex') : null;
  return { canonical: JSON.stringify(rest), metadata: rest as EventMetadata, chainHash };
}

/**
 * What the client appends: data as JSON (the client stringifies it, giving back the text that was
 * hashed), metadata as raw bytes — a plain Uint8Array, which the client sends as it is (a Buffer it
 * would stringify).
 */
export function toEventData(id: string, type: string, data: unknown, canonicalMetadata: string, chainHash: Buffer): EventData {
  return jsonEvent<JSONEventType>({ id, type, data: data as JSONEventType['data'], metadata: Uint8Array.from(encodeMetadata(canonicalMetadata, chainHash)) });
}

/** The stored text of data as the client returns it (parsed JSON; raw text when it is not JSON). */
export function dataText(data: unknown): string {
  if (data instanceof Uint8Array) return Buffer.from(data).toString('utf8');
  return typeof data === 'string' ? data : JSON.stringify(data);
}

/** True when text survives the client's parse and the adapter's stringify unchanged. */
export function isCanonicalJson(text: string): boolean {
  try {
    return JSON.stringify(JSON.parse(text)) === text;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Which events of $all belong to the record. EventStoreDB's own (types starting with '$': stream
// metadata, links, stats, projections' output) never do; nor do the adapter's event-id
// reservations (see eventstoredb-event-store.ts), whose type starts with '$' for that reason.

export const RESERVATION_TYPE = '$cr-event-id';
export const RESERVATION_PREFIX = 'cr_event_id-';

export function reservationStream(eventId: string): string {
  return `${RESERVATION_PREFIX}${eventId.toLowerCase()}`;
}

export function isRecordEvent(type: string, streamId: string): boolean {
  return !type.startsWith('$') && !streamId.startsWith('$') && !streamId.startsWith(RESERVATION_PREFIX);
}

const alternatives = (names: readonly string[]) => names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');

/** A regular expression matching exactly these names (the server-side filter on event types). */
export function exactNames(names: readonly string[]): string {
  return `^(?:${alternatives(names)})$`;
}

/** A regular expression matching the streams of these categories (the part before the first '-'). */
export function categoryNames(categories: readonly string[]): string {
  return `^(?:${alternatives(categories)})(?:-|$)`;
}

// ---------------------------------------------------------------------------------------------
// Events. One client event to the port's two forms.

type ClientRecorded = NonNullable<ResolvedEvent['event']> | NonNullable<AllStreamResolvedEvent['event']>;

export function toStoredEvent(e: ClientRecorded): StoredEvent {
  if (!e.position) throw new Error(`EventStoreDB returned event ${e.id} without its position: a server of version 22.10 or later is needed`);
  const { canonical, metadata, chainHash } = decodeMetadata(e.metadata);
  const recordedAt = typeof metadata.recordedAt === 'string' ? metadata.recordedAt : e.created.toISOString();
  return {
    position: formatPosition(e.position),
    eventId: e.id.toLowerCase(),
    streamId: e.streamId,
    revision: Number(e.revision),
    type: e.type,
    schemaVersion: typeof metadata.schemaVersion === 'number' ? metadata.schemaVersion : 0,
    data: dataText(e.data),
    metadata: canonical,
    recordedAt,
    chainHash: chainHash ?? Buffer.alloc(0),
  };
}

export function toRecorded(e: ClientRecorded): RecordedEvent {
  if (!e.position) throw new Error(`EventStoreDB returned event ${e.id} without its position: a server of version 22.10 or later is needed`);
  const { metadata, chainHash } = decodeMetadata(e.metadata);
  const data = e.data instanceof Uint8Array ? (JSON.parse(Buffer.from(e.data).toString('utf8')) as Record<string, unknown>) : e.data;
  return {
    eventId: e.id.toLowerCase(),
    type: e.type,
    streamId: e.streamId,
    revision: Number(e.revision),
    position: formatPosition(e.position),
    data: data as Record<string, unknown>,
    metadata,
    ...(chainHash ? { chainHash: chainHash.toString('hex') } : {}),
  };
}
