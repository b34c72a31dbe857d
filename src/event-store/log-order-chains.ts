/**
 * A chain check in log order, for a store that can only be walked that way (EventStoreDB's $all):
 * every event's revision must follow its stream's previous one, and its chain hash must be
 * sha256(previous ‖ its bytes). Keeps one small state per stream (memory grows with the number of
 * streams, not of events). Finds: an event whose bytes or stored hash changed, revisions missing
 * at a stream's start (truncated, scavenged) or in its middle. A stream removed whole leaves no
 * trace here: only the ledger digest shows it.
 */
import type { ChainFinding, ChainReport, StoredEvent } from './event-store.port.js';
import { chainHash, GENESIS_HASH } from './hashing.js';

export const MAX_FINDINGS = 1000;

interface StreamState {
  next: number;
  previous: Buffer;
  lastPosition: string | null;
  broken: boolean;
}

const range = (from: number, to: number) => (from === to ? `revision ${from} is` : `revisions ${from}–${to} are`);

export class LogOrderChainCheck {
  private readonly streams = new Map<string, StreamState>();
  private readonly report: ChainReport = { streams: 0, events: 0, findings: [], brokenCount: 0 };

  add(e: StoredEvent): void {
    this.report.events++;
    let s = this.streams.get(e.streamId);
    if (!s) {
      s = { next: 0, previous: GENESIS_HASH, lastPosition: null, broken: false };
      this.streams.set(e.streamId, s);
    }
    if (s.broken) return;
    if (e.revision !== s.next) {
      const where = s.next === 0 ? 'at the start of the stream (truncated or scavenged)' : 'before this event (deleted)';
      this.found(e, `${range(s.next, e.revision - 1)} missing ${where}`, s.lastPosition ?? e.position);
      s.broken = true;
      return;
    }
    const expected = chainHash(s.previous, e);
    if (!expected.equals(e.chainHash)) {
      const stored = e.chainHash.length === 0 ? 'none' : e.chainHash.toString('hex');
      this.found(e, `chain hash mismatch: stored ${stored}, recomputed ${expected.toString('hex')}: the event (or its stored chain hash) was altered after it was appended`, e.position);
      s.broken = true;
      return;
    }
    s.previous = e.chainHash;
    s.next = e.revision + 1;
    s.lastPosition = e.position;
  }

  finish(): ChainReport {
    this.report.streams = this.streams.size;
    this.report.findings.sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
    return this.report;
  }

  private found(e: StoredEvent, reason: string, anchor: string): void {
    this.report.brokenCount++;
    const finding: ChainFinding = { streamId: e.streamId, eventId: e.eventId, revision: e.revision, position: e.position, reason, anchor };
    if (this.report.findings.length < MAX_FINDINGS) this.report.findings.push(finding);
  }
}
