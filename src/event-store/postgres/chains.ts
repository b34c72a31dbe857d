/**
 * Checks every stream's hash chain in one pass over the events in stream order (one stream's state
 * at a time: constant memory), and each stream's last event against the head the `streams` table
 * records. An event altered in place no longer matches its stored chain hash; a deleted one leaves
 * a revision gap (or, at a stream's end, a head that names a revision no event has).
 */
import { findChainMismatch, GENESIS_HASH } from '../../event-store/hashing.js';
import { compareLogPositions, type LogPosition } from '../../event-store/postgres/position.js';
import { headsWithoutEvents, readStreamsInOrder, type Db, type StreamOrderedEvent } from './log-reader.js';

export interface BrokenStream {
  streamId: string;
  /** The first bad event; null when none of the stream's events is left. */
  eventId: string | null;
  revision: number | null;
  position: string | null;
  reason: string;
}

export interface ChainFinding extends BrokenStream {
  /**
   * The last point of the log known to be affected or intact: the altered event itself; for
   * missing events, the last intact event before them (they may lie anywhere after it). Null when
   * no event of the stream is left.
   */
  anchor: LogPosition | null;
}

export interface ChainReport {
  streams: number;
  events: number;
  /** At most MAX_FINDINGS, in stream id order; `brokenCount` has them all. */
  findings: ChainFinding[];
  brokenCount: number;
}

const PAGE_SIZE = 2000;
const MAX_FINDINGS = 1000;

interface StreamState {
  streamId: string;
  next: number;
  previous: Buffer;
  last: StreamOrderedEvent | null;
  broken: boolean;
  headRevision: number | null;
  headHash: Buffer | null;
}

const range = (from: number, to: number) => (from === to ? `revision ${from} is` : `revisions ${from}–${to} are`);

/** Runs in the caller's transaction (REPEATABLE READ, so events and heads agree). */
export async function checkChains(db: Db, onProgress?: (eventsChecked: number) => void): Promise<ChainReport> {
  const report: ChainReport = { streams: 0, events: 0, findings: [], brokenCount: 0 };
  const found = (finding: ChainFinding) => {
    report.brokenCount++;
    if (report.findings.length < MAX_FINDINGS) report.findings.push(finding);
  };
  const finding = (e: StreamOrderedEvent, reason: string, anchor: LogPosition): ChainFinding => ({
    streamId: e.streamId,
    eventId: e.eventId,
    revision: e.revision,
    position: e.position,
    reason,
    anchor,
  });

  let state: StreamState | null = null;
  const finish = (s: StreamState) => {
    report.streams++;
    if (s.broken || !s.last) return;
    const last = s.last;
    if (s.headRevision === null) {
      found(finding(last, 'the stream has events but no head in the streams table', last.at));
    } else if (s.headRevision > last.revision) {
      found(finding(last, `the stream head records revision ${s.headRevision}, but ${range(last.revision + 1, s.headRevision)} missing after this event (deleted)`, last.at));
    } else if (!s.headHash || !s.headHash.equals(last.chainHash)) {
      found(finding(last, 'the chain hash of the last event does not match the hash the stream head records', last.at));
    }
  };

  for await (const page of readStreamsInOrder(db, PAGE_SIZE)) {
    let i = 0;
    while (i < page.length) {
      const first = page[i];
      if (!state || state.streamId !== first.streamId) {
        if (state) finish(state);
        state = {
          streamId: first.streamId,
          next: 0,
          previous: GENESIS_HASH,
          last: null,
          broken: false,
          headRevision: first.headRevision,
          headHash: first.headHash,
        };
      }
      let j = i;
      while (j < page.length && page[j].streamId === first.streamId) j++;
      const slice = page.slice(i, j);
      i = j;
      report.events += slice.length;
      if (state.broken) continue;

      const mismatch = findChainMismatch(slice, state.previous, state.next);
      // Events past the recorded head were added behind the append function's back.
      const beyond = state.headRevision === null ? -1 : slice.findIndex((e) => e.revision > state!.headRevision!);
      const cut = Math.min(mismatch ? mismatch.index : slice.length, beyond === -1 ? slice.length : beyond);
      if (cut < slice.length) {
        const e = slice[cut];
        const before = cut > 0 ? slice[cut - 1] : state.last;
        state.broken = true;
        if (mismatch && mismatch.index === cut && e.revision !== state.next + cut) {
          found(finding(e, `${range(state.next + cut, e.revision - 1)} missing before this event (deleted)`, (before ?? e).at));
        } else if (mismatch && mismatch.index === cut) {
          found(finding(e, `${mismatch.reason}: the event (or its stored chain hash) was altered after it was appended`, e.at));
        } else {
          found(finding(e, `revision ${e.revision} lies beyond the revision ${state.headRevision} the stream head records`, e.at));
        }
        continue;
      }
      const last = slice[slice.length - 1];
      state.previous = last.chainHash;
      state.next = last.revision + 1;
      state.last = last;
    }
    onProgress?.(report.events);
  }
  if (state) finish(state);

  for (const head of await headsWithoutEvents(db, MAX_FINDINGS)) {
    report.streams++;
    found({
      streamId: head.streamId,
      eventId: null,
      revision: null,
      position: null,
      reason: `the stream head records revision ${head.revision}, but none of the stream's events is stored (all deleted)`,
      anchor: null,
    });
  }
  report.findings.sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
  return report;
}

/** Orders findings by where they sit in the log (none: last). */
export function compareAnchors(a: LogPosition | null, b: LogPosition | null): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  return compareLogPositions(a, b);
}
