/**
 * Reads the PostgreSQL event log as stored — the JSON text of data and metadata byte for byte, the
 * chain hash — page by page with keyset pagination, so that a log of any size is read in constant
 * memory. The digest, the verification, the NDJSON log and the public export all read through here.
 *
 * This is deliberately PostgreSQL-specific: a digest over the stored bytes needs the stored bytes.
 */
import type pg from 'pg';
import type { StoredChainEvent } from '../../event-store/hashing.js';
import { formatPosition, type LogPosition } from '../../event-store/postgres/position.js';
import { HEAD_QUERY } from '../../event-store/postgres/sql.js';

/** A pool, a pooled client or a plain client: anything that runs a query. */
export type Db = Pick<pg.Pool, 'query'> | Pick<pg.ClientBase, 'query'>;

export interface StoredEvent extends StoredChainEvent {
  position: string;
  at: LogPosition;
  recordedAt: Date;
}

interface StoredRow {
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
  recorded_at: Date;
}

const COLUMNS = `e.transaction_id::text AS xid, e.global_position::text AS gp, e.event_id::text AS event_id, e.stream_id,
  e.revision, e.type, e.schema_version, e.data::text AS data, e.metadata::text AS metadata, e.chain_hash, e.recorded_at`;

function toStored(r: StoredRow): StoredEvent {
  const at = { xid: BigInt(r.xid), globalPosition: BigInt(r.gp) };
  return {
    eventId: r.event_id,
    streamId: r.stream_id,
    revision: Number(r.revision),
    type: r.type,
    schemaVersion: r.schema_version,
    data: r.data,
    metadata: r.metadata,
    chainHash: r.chain_hash,
    position: formatPosition(at),
    at,
    recordedAt: r.recorded_at,
  };
}

/** The last event a reader of the global log can see (older than every running transaction), or null. */
export async function logHead(db: Db): Promise<LogPosition | null> {
  const { rows } = await db.query<{ transaction_id: string; global_position: string }>(HEAD_QUERY);
  return rows.length === 0 ? null : { xid: BigInt(rows[0].transaction_id), globalPosition: BigInt(rows[0].global_position) };
}

export interface LogRange {
  /** Exclusive. */
  after?: LogPosition | null;
  /** Inclusive. Every event at or before a visible position is final, so pages never shift under it. */
  upTo: LogPosition;
  types?: readonly string[];
  streams?: readonly string[];
}

const ZERO: LogPosition = { xid: 0n, globalPosition: 0n };

/** One page of the global log in log order: (transaction_id, global_position), visible events only. */
export async function readLogPage(db: Db, range: LogRange, limit: number): Promise<StoredEvent[]> {
  const after = range.after ?? ZERO;
  const values: unknown[] = [String(after.xid), String(after.globalPosition), String(range.upTo.xid), String(range.upTo.globalPosition), limit];
  const where = [
    'e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())',
    '(e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)',
    '(e.transaction_id, e.global_position) <= ($3::xid8, $4::bigint)',
  ];
  if (range.types && range.types.length > 0) {
    values.push(range.types);
    where.push(`e.type = ANY ($${values.length}::text[])`);
  }
  if (range.streams && range.streams.length > 0) {
    values.push(range.streams);
    where.push(`e.stream_id = ANY ($${values.length}::text[])`);
  }
  // Unnamed on purpose: a named statement turns generic after five runs, and a generic plan of
  // this filter can sort the whole table for every page (seen on a freshly loaded log).
  const { rows } = await db.query<StoredRow>({
    text: `SELECT ${COLUMNS} FROM events e WHERE ${where.join(' AND ')} ORDER BY e.transaction_id, e.global_position LIMIT $5`,
    values,
  });
  return rows.map(toStored);
}

/** The range page by page, in log order. */
export async function* readLog(db: Db, range: LogRange, pageSize: number): AsyncGenerator<StoredEvent[]> {
  let after = range.after ?? null;
  for (;;) {
    const page = await readLogPage(db, { ...range, after }, pageSize);
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    after = page[page.length - 1].at;
  }
}

export interface StreamOrderedEvent extends StoredEvent {
  /** What the `streams` table records as the stream's head; null when it has no row. */
  headRevision: number | null;
  headHash: Buffer | null;
}

/**
 * Every stored event in stream order — (stream_id, revision), the unique index — with its stream's
 * recorded head. Not limited to the visible part of the log: run it in one REPEATABLE READ
 * snapshot, where events and stream heads are consistent.
 */
export async function* readStreamsInOrder(db: Db, pageSize: number): AsyncGenerator<StreamOrderedEvent[]> {
  let after: { streamId: string; revision: number } | null = null;
  for (;;) {
    const { rows }: pg.QueryResult<StoredRow> = await db.query(
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
      // Extended in place: spreading into a new object per event cost more than hashing it.
      const e = toStored(r) as StreamOrderedEvent;
      const head = byStream.get(r.stream_id);
      e.headRevision = head ? Number(head.revision) : null;
      e.headHash = head?.last_hash ?? null;
      return e;
    });
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    const last = page[page.length - 1];
    after = { streamId: last.streamId, revision: last.revision };
  }
}

/** Stream heads whose events are all gone (deleted), which a walk over the events cannot see. */
export async function headsWithoutEvents(db: Db, limit: number): Promise<Array<{ streamId: string; revision: number }>> {
  const { rows } = await db.query<{ stream_id: string; revision: string }>(
    `SELECT s.stream_id, s.revision FROM streams s
      WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.stream_id = s.stream_id)
      ORDER BY s.stream_id LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({ streamId: r.stream_id, revision: Number(r.revision) }));
}
