/**
 * Verification of the log, shared by POST /v1/audit/verify and `npm run cli -- verify`, on either
 * event store (through the port only). Reads only: it appends nothing and writes nothing.
 *
 * Two passes: (1) the digest of the log up to the position, compared with the one given, and the
 * running hash compared with the checkpoints recorded when that digest was issued; (2) every
 * stream's hash chain and recorded head. The first mismatch is the earliest broken chain at or
 * before the position; when every chain holds (an attacker recomputed them) the checkpoints name
 * the block of 1,024 events where the log first differs.
 */
import type { ChainFinding, EventStore } from '../../event-store/event-store.port.js';
import { findRecordedDigest, recordedCheckpoints, type Db, type RecordedDigest } from './digest-records.js';
import { CHECKPOINT_INTERVAL, computeDigest, type Checkpoint } from './digest.js';

export type BrokenStream = Omit<ChainFinding, 'anchor'>;

export interface VerifyRequest {
  /** A position of this store (validated by the caller). */
  position: string;
  /** 64 hex characters. */
  sha256: string;
}

export interface Mismatch {
  eventId: string | null;
  streamId: string | null;
  revision: number | null;
  position: string | null;
  reason: string;
  /** How it was found: a broken stream chain, the recorded checkpoints, or not at all. */
  locatedBy: 'hash_chain' | 'checkpoints' | 'none';
}

export interface VerifyResult {
  /** The log up to `position` still gives exactly `sha256` (without a digest: every chain holds). */
  valid: boolean;
  /** Events at or before the position (without a digest: every stored event). */
  checkedEvents: number;
  firstMismatch: Mismatch | null;
  /** Streams whose chain breaks at or before the position, in log order (at most 1,000). */
  brokenStreams: BrokenStream[];
  /** No stream's chain breaks at or before the position. */
  chainsIntact: boolean;
  position: string | null;
  sha256: string | null;
  /** The digest of the log up to the position as it is now. */
  actualSha256: string | null;
  checkedStreams: number;
  /** The issuance of this digest recorded by this database, if any (its checkpoints locate changes). */
  recordedDigest: RecordedDigest | null;
}

export interface VerifyProgress {
  phase: 'digest' | 'chains';
  events: number;
}

interface CheckpointComparison {
  lastMatch: { eventCount: number; at: string } | null;
  /** The first recorded checkpoint the log no longer reproduces. */
  firstDifference: { eventCount: number; recordedPosition: string } | null;
}

/**
 * `records` is the database where issued digests and their checkpoints are kept (the read-model
 * PostgreSQL); null when there is none to read (the CLI on a bare copy of the log).
 */
export async function verifyLog(
  store: EventStore,
  records: Db | null,
  request: VerifyRequest | null,
  onProgress?: (p: VerifyProgress) => void,
): Promise<VerifyResult> {
  if (request && !store.isPosition(request.position)) throw new TypeError(`not a position: ${request.position}`);
  const upTo = request?.position ?? null;

  let digest: { eventCount: number; sha256: string } | null = null;
  let recorded: RecordedDigest | null = null;
  const comparison: CheckpointComparison = { lastMatch: null, firstDifference: null };
  if (request && upTo) {
    const expected = request.sha256.toLowerCase();
    recorded = records ? await findRecordedDigest(records, request.position, expected) : null;
    const checkpoints = records && recorded ? recordedCheckpoints(records, recorded) : null;
    digest = await computeDigest(store, {
      upTo,
      onCheckpoint: checkpoints ? (cp) => compareCheckpoint(comparison, checkpoints, cp) : undefined,
      onProgress: (events) => onProgress?.({ phase: 'digest', events }),
    });
    // The digest covered more checkpoints than the log now has events for.
    if (checkpoints && !comparison.firstDifference) {
      const rest = await checkpoints.next();
      if (!rest.done) comparison.firstDifference = { eventCount: rest.value.eventCount, recordedPosition: rest.value.position };
    }
  }

  const chains = await store.verifyChains({ onProgress: (events) => onProgress?.({ phase: 'chains', events }) });
  const inScope = (f: ChainFinding) => !upTo || f.anchor === null || store.comparePositions(f.anchor, upTo) <= 0;
  // In log order; findings without an anchor (no event left) last.
  const byAnchor = (a: ChainFinding, b: ChainFinding) =>
    !a.anchor || !b.anchor ? (a.anchor ? -1 : b.anchor ? 1 : 0) : store.comparePositions(a.anchor, b.anchor);
  const broken = chains.findings.filter(inScope).sort(byAnchor);
  const brokenStreams = broken.map(({ anchor: _anchor, ...rest }) => rest);

  const valid = request && digest ? digest.sha256 === request.sha256.toLowerCase() : chains.brokenCount === 0;
  let firstMismatch: Mismatch | null = null;
  if (!valid) {
    firstMismatch = broken.length > 0 ? { ...brokenStreams[0], locatedBy: 'hash_chain' } : await locateByCheckpoints(store, upTo!, recorded, comparison, digest!.eventCount);
  }
  return {
    valid,
    checkedEvents: digest ? digest.eventCount : chains.events,
    firstMismatch,
    brokenStreams,
    chainsIntact: broken.length === 0,
    position: request?.position ?? null,
    sha256: request ? request.sha256.toLowerCase() : null,
    actualSha256: digest?.sha256 ?? null,
    checkedStreams: chains.streams,
    recordedDigest: recorded,
  };
}

async function compareCheckpoint(state: CheckpointComparison, recorded: AsyncGenerator<Checkpoint>, current: Checkpoint): Promise<void> {
  if (state.firstDifference) return;
  const next = await recorded.next();
  if (next.done) return; // the digest covered fewer events: nothing left to compare
  const expected = next.value;
  if (expected.eventCount === current.eventCount && expected.runningHash.equals(current.runningHash)) {
    state.lastMatch = { eventCount: current.eventCount, at: current.position };
  } else {
    state.firstDifference = { eventCount: expected.eventCount, recordedPosition: expected.position };
  }
}

/** Every chain holds but the digest differs: the chains were recomputed; the checkpoints say where. */
async function locateByCheckpoints(
  store: EventStore,
  upTo: string,
  recorded: RecordedDigest | null,
  comparison: CheckpointComparison,
  eventCount: number,
): Promise<Mismatch> {
  const none = { eventId: null, streamId: null, revision: null, position: null };
  if (!recorded) {
    return {
      ...none,
      locatedBy: 'none',
      reason:
        'every stream hash chain holds, but the log up to this position gives another digest, and this database has no record of ' +
        'issuing this digest (so no checkpoints to narrow it down): either the digest is not one of this log, or the log was ' +
        'changed with every chain recomputed',
    };
  }
  const from = (comparison.lastMatch?.eventCount ?? 0) + 1;
  const to = comparison.firstDifference?.eventCount ?? Math.max(recorded.eventCount, eventCount);
  const [first] = await store.readLog({ after: comparison.lastMatch?.at ?? null, upTo, limit: 1 });
  const matched = comparison.lastMatch ? `matches the recorded checkpoints up to event #${comparison.lastMatch.eventCount}, ` : '';
  const where = comparison.firstDifference
    ? `first differs from the recorded checkpoint after event #${comparison.firstDifference.eventCount}`
    : `differs after the last checkpoint (the digest covered ${recorded.eventCount} events; the log now has ${eventCount} up to this position)`;
  const why = `every stream hash chain holds, yet the running hash ${matched}and ${where}: an event among #${from}–#${to} was altered, inserted or removed and the chains recomputed (checkpoints every ${CHECKPOINT_INTERVAL} events)`;
  if (!first) return { ...none, locatedBy: 'checkpoints', reason: `${why}; no event is left after event #${from - 1}` };
  return {
    eventId: first.eventId,
    streamId: first.streamId,
    revision: first.revision,
    position: first.position,
    locatedBy: 'checkpoints',
    reason: `${why}; this is the first event of that block`,
  };
}
