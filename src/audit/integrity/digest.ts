/**
 * The ledger digest: one hash over the whole log up to a position, in log order, over the stored
 * bytes.
 *
 *   events e_1 … e_n: every event at or before the position, in log order — the order every reader
 *                     of the global log sees (PostgreSQL: transaction id, global position;
 *                     EventStoreDB: $all)
 *   h_0 = 32 zero bytes
 *   h_i = SHA-256(h_(i-1) ‖ canonicalEventBytes(e_i))        (src/event-store/hashing.ts)
 *   digest = lowercase hex of h_n
 *
 * It is the per-stream chain hash's formula applied to the whole log instead of one stream, so
 * `chainHash` computes both. It covers data and metadata as stored (ciphertext where personal data
 * is encrypted), so an erasure does not change it, and an attacker who recomputes the per-stream
 * chains after an edit still changes it. It does not cover positions, so a copy of the log into
 * another store (copy-log) has the same digest. Every CHECKPOINT_INTERVAL events the running hash
 * h_i is kept as a checkpoint, so that a later verification can say in which block a log changed.
 */
import type { EventStore } from '../../event-store/event-store.port.js';
import { chainHash, GENESIS_HASH } from '../../event-store/hashing.js';
import { readLogPages } from './log-reader.js';

export const DIGEST_ALGORITHM = 'sha256-chain-over-log-order/v1';
export const CHECKPOINT_INTERVAL = 1024;
const PAGE_SIZE = 2000;

export interface LogDigest {
  /** Position of the last event covered; null for an empty log. */
  position: string | null;
  eventCount: number;
  /** Lowercase hex. */
  sha256: string;
}

export interface Checkpoint {
  /** The running hash after this many events. */
  eventCount: number;
  /** Position of that event. */
  position: string;
  runningHash: Buffer;
}

export interface DigestOptions {
  /** Inclusive bound (a position of this store); default: the head of the log now. */
  upTo?: string | null;
  /** Awaited: a verification compares each checkpoint with the recorded one as it goes. */
  onCheckpoint?: (checkpoint: Checkpoint) => void | Promise<void>;
  onProgress?: (eventsHashed: number) => void;
}

/** Folds the log up to a position into the digest, page by page (constant memory). */
export async function computeDigest(store: EventStore, options: DigestOptions = {}): Promise<LogDigest> {
  const upTo = options.upTo ?? (await store.head());
  let hash = GENESIS_HASH;
  let count = 0;
  let last: string | null = null;
  if (upTo) {
    for await (const page of readLogPages(store, { upTo }, PAGE_SIZE)) {
      for (const event of page) {
        hash = chainHash(hash, event);
        count++;
        if (count % CHECKPOINT_INTERVAL === 0) await options.onCheckpoint?.({ eventCount: count, position: event.position, runningHash: hash });
      }
      last = page[page.length - 1].position;
      options.onProgress?.(count);
    }
  }
  return { position: last, eventCount: count, sha256: hash.toString('hex') };
}
