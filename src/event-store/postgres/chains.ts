/**
 * The PostgreSQL adapter's chain check: every stream's hash chain in one pass over the events in
 * stream order (one stream's state at a time: constant memory), and each stream's last event
 * against the head the `streams` table records. An event altered in place no longer matches its
 * stored chain hash; a deleted one leaves a revision gap (or, at a stream's end, a head that names a
 * revision no event has). Runs in one REPEATABLE READ snapshot, where events and heads agree.
 */
import type pg from 'pg';
import type { ChainFinding, ChainReport } from '../event-store.port.js';
import { findChainMismatch, GENESIS_HASH, type StoredChainEvent } from '../hashing.js';
import { formatPosition } from './position.js';

const PAGE_SIZE = 2000;
export const MAX_FINDINGS = 1000;

interface StreamOrderedEvent extends StoredChainEvent {
  position: string;
  /** What the `streams` table records as the stream's head; null when it has no row. */
  headRevision: number | null;
  headHash: Buffer | null;
}

interface Row {
  xid: string;
  gp: string;
  event_id: string;
  stream_id: string;
  revision: string;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  chain_hash: Buffer;
}

const COLUMNS = `e.transaction_id::text AS xid, e.global_position::text AS gp, e.event_id::text AS event_id, e.stream_id,
  e.revision, e.type, e.schema_version, e.data::text AS data, e.metadata::text AS metadata, e.chain_hash`;

/**
 * Every stored event in stream order — (stream_id, revision), the unique index — with its stream's
 * recorded head. Not limited to the visible part of the log: the caller's snapshot keeps events and
 * heads consistent.
 */
async function* readStreamsInOrder(db: pg.ClientBase, pageSize: number): AsyncGenerator<StreamOrderedEvent[]> {
  let after: { streamId: string; revision: number } | null = null;
  for (;;) {
    const { rows }: pg.QueryResult<Row> = await db.query(
      after
        ? {
            text: `SELECT ${COLUMNS} FROM events e WHERE (e.stream_id, e.revision) > ($1::text, $2::bigint) ORDER BY e.stream_id, e.revision LIMIT $3`,
            values: [after.streamId, after.revision, pageSize],
          }
        : { text: `SELECT ${COLUMNS} FROM events e ORDER BY e.stream_id, e.revision LIMIT $1`, values: [pageSize] },
    );
    // The heads of this page's streams only (a join would walk the streams table from its start on every page).
    const heads = await db.query<{ stream_id: string; revision: string; last_hash: Buffer }>({
      text: 'SELECT stream_id, revision, last_hash FROM streams WHERE stream_id = ANY ($1::text[])',
      values: [[...new Set(rows.map((r) => r.stream_id))]],
    });
    const byStream = new Map(heads.rows.map((h) => [h.stream_id, h]));
    const page: StreamOrderedEvent[] = rows.map((r) => {
      const head = byStream.get(r.stream_id);
      return {
        eventId: r.event_id,
        streamId: r.stream_id,
        revision: Number(r.revision),
        type: r.type,
        schemaVersion: r.schema_version,
        data: r.data,
        metadata: r.metadata,
        chainHash: r.chain_hash,
        position: formatPosition({ xid: BigInt(r.xid), globalPosition: BigInt(r.gp) }),
        headRevision: head ? Number(head.revision) : null,
        headHash: head?.last_hash ?? null,
      };
    });
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    const last = page[page.length - 1];
    after = { streamId: last.streamId, revision: last.revision };
  }
}

/** Stream heads whose events are all gone (deleted), which a walk over the events cannot see. */
async function headsWithoutEvents(db: pg.ClientBase, limit: number): Promise<Array<{ streamId: string; revision: number }>> {
  const { rows } = await db.query<{ stream_id: string; revision: string }>(
    `SELECT s.stream_id, s.revision FROM streams s
      WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.stream_id = s.stream_id)
      ORDER BY s.stream_id LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({ streamId: r.stream_id, revision: Number(r.revision) }));
}

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
export async function checkChains(db: pg.ClientBase, onProgress?: (eventsChecked: number) => void): Promise<ChainReport> {
  const report: ChainReport = { streams: 0, events: 0, findings: [], brokenCount: 0 };
  const found = (finding: ChainFinding) => {
    report.brokenCount++;
    if (report.findings.length < MAX_FINDINGS) report.findings.push(finding);
  };
  const finding = (e: StreamOrderedEvent, reason: string, anchor: string): ChainFinding => ({
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
      found(finding(last, 'the stream has events but no head in the streams table', last.position));
    } else if (s.headRevision > last.revision) {
      found(finding(last, `the stream head records revision ${s.headRevision}, but ${range(last.revision + 1, s.headRevision)} missing after this event (deleted)`, last.position));
    } else if (!s.headHash || !s.headHash.equals(last.chainHash)) {
      found(finding(last, 'the chain hash of the last event does not match the hash the stream head records', last.position));
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
          found(finding(e, `${range(state.next + cut, e.revision - 1)} missing before this event (deleted)`, (before ?? e).position));
        } else if (mismatch && mismatch.index === cut) {
          found(finding(e, `${mismatch.reason}: the event (or its stored chain hash) was altered after it was appended`, e.position));
        } else {
          found(finding(e, `revision ${e.revision} lies beyond the revision ${state.headRevision} the stream head records`, e.position));
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
