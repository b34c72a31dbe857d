/**
 * The event hash chain, reproduced outside the database.
 *
 * Canonical bytes of an event: for each field, in this order — event id (lowercase uuid text),
 * stream id, revision (decimal), type, schema version (decimal), data (stored JSON text), metadata
 * (stored JSON text) — the field's UTF-8 byte length in decimal ASCII, a ':' and its UTF-8 bytes.
 * The length prefix keeps field boundaries from shifting. Each event's chain hash is
 * sha256(previous chain hash of its stream ‖ canonical bytes); a stream's first event chains from
 * 32 zero bytes. The PostgreSQL adapter computes the same bytes in SQL (cr_append), and this module
 * must stay bit-for-bit equal to it.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH: Buffer = Buffer.alloc(32);

/** The stored text of one event, exactly as the database returns it. */
export interface CanonicalEventFields {
  eventId: string;
  streamId: string;
  revision: number;
  type: string;
  schemaVersion: number;
  /** The stored JSON text of `data`, byte for byte (not a re-serialisation). */
  data: string;
  /** The stored JSON text of `metadata`, byte for byte. */
  metadata: string;
}

function field(value: string): Buffer[] {
  const bytes = Buffer.from(value, 'utf8');
  return [Buffer.from(`${bytes.length}:`, 'ascii'), bytes];
}

export function canonicalEventBytes(e: CanonicalEventFields): Buffer {
  return Buffer.concat([
    ...field(e.eventId),
    ...field(e.streamId),
    ...field(String(e.revision)),
    ...field(e.type),
    ...field(String(e.schemaVersion)),
    ...field(e.data),
    ...field(e.metadata),
  ]);
}

export function chainHash(previous: Buffer, e: CanonicalEventFields): Buffer {
  return createHash('sha256').update(previous).update(canonicalEventBytes(e)).digest();
}

export interface StoredChainEvent extends CanonicalEventFields {
  chainHash: Buffer;
}

export interface ChainMismatch {
  /** Index in the checked sequence. */
  index: number;
  event: StoredChainEvent;
  reason: string;
}

/**
 * Walks one stream's events in revision order and returns the first that breaks the chain, or
 * null. `previous` and `firstRevision` let a caller verify a stream page by page.
 */
export function findChainMismatch(
  events: readonly StoredChainEvent[],
  previous: Buffer = GENESIS_HASH,
  firstRevision = 0,
): ChainMismatch | null {
  let prev = previous;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.revision !== firstRevision + i) {
      return { index: i, event: e, reason: `revision ${e.revision} where ${firstRevision + i} was expected (an event is missing)` };
    }
    const expected = chainHash(prev, e);
    if (!expected.equals(e.chainHash)) {
      return {
        index: i,
        event: e,
        reason: `chain hash mismatch: stored ${e.chainHash.toString('hex')}, recomputed ${expected.toString('hex')}`,
      };
    }
    prev = e.chainHash;
  }
  return null;
}
