import type { QueryArrayConfig, QueryConfig } from 'pg';
import type { EventMetadata, NewEvent, RecordedEvent } from '../event-store.port.js';
import { MAX_BIGINT, type LogPosition } from './position.js';

/** The channel other processes' subscribers LISTEN on; the payload is the newest appended position. */
export const CHANNEL = 'cr_events';

/** The whole append: one round trip to cr_append (see the migration). Exported for tests that hold it open. */
export const APPEND_SQL = 'SELECT last_revision, last_position FROM cr_append($1, $2, $3, $4, $5, $6, $7)';

/**
 * cr_append's arguments after the stream and the expectation: one array per field. Metadata goes
 * without its closing brace, for the function to add recordedAt (the store's to set, so a
 * caller's is dropped).
 */
export function appendArguments(events: readonly NewEvent[]): [string[], string[], number[], string[], string[]] {
  const ids: string[] = [];
  const types: string[] = [];
  const versions: number[] = [];
  const data: string[] = [];
  const metadata: string[] = [];
  for (const e of events) {
    const { recordedAt: _ignored, ...rest } = e.metadata as Partial<EventMetadata>;
    ids.push(e.eventId);
    types.push(e.type);
    versions.push(e.metadata.schemaVersion as number);
    data.push(JSON.stringify(e.data));
    metadata.push(JSON.stringify(rest).slice(0, -1));
  }
  return [ids, types, versions, data, metadata];
}

/**
 * appendMany's locks: every stream's, in one order (no deadlock between two imports), taken before
 * the transaction has an xid, as cr_append takes its one lock: per-stream commit order then still
 * matches xid order.
 */
export const LOCK_STREAMS_SQL = `SELECT count(pg_advisory_xact_lock(h)) FROM (
  SELECT DISTINCT hashtextextended(s, 0) AS h FROM unnest($1::text[]) s ORDER BY 1) t`;

/** Which of these event ids are stored already, and in which stream. */
export const STORED_IDS_SQL = 'SELECT event_id::text AS id, stream_id FROM events WHERE event_id = ANY ($1::uuid[])';

/** appendMany when every stream gets one event: one statement, one cr_append per row, in order. */
export const APPEND_ONE_EACH_SQL = `SELECT r.last_revision, r.last_position
  FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::int[], $6::text[], $7::text[])
       WITH ORDINALITY AS a(stream, expected, id, type, version, data, metadata, ord)
  CROSS JOIN LATERAL cr_append(a.stream, a.expected, ARRAY[a.id], ARRAY[a.type], ARRAY[a.version], ARRAY[a.data], ARRAY[a.metadata]) r
  ORDER BY a.ord`;

/**
 * Rows come back as arrays (no per-row field-name objects) with the position and the hash already
 * as text: reading the log is mostly allocation, and this halves it.
 */
const COLUMNS = `e.event_id, e.type, e.stream_id, e.revision, e.transaction_id::text || ':' || e.global_position,
  e.data, e.metadata, encode(e.chain_hash, 'hex')`;

export type EventRow = [
  eventId: string,
  type: string,
  streamId: string,
  revision: string,
  position: string,
  data: Record<string, unknown>,
  metadata: EventMetadata,
  chainHash: string,
];

export function toRecordedEvent(r: EventRow): RecordedEvent {
  return { eventId: r[0], type: r[1], streamId: r[2], revision: Number(r[3]), position: r[4], data: r[5], metadata: r[6], chainHash: r[7] };
}

const MAX_BIGINT_TEXT = String(MAX_BIGINT);

export function readStreamQuery(
  streamId: string,
  direction: 'forwards' | 'backwards',
  from: number | null,
  limit: number | null,
): QueryArrayConfig {
  return direction === 'forwards'
    ? {
        name: 'cr_read_stream_fwd',
        rowMode: 'array',
        text: `SELECT ${COLUMNS} FROM events e WHERE e.stream_id = $1 AND e.revision >= $2 ORDER BY e.revision LIMIT $3`,
        values: [streamId, from ?? 0, limit],
      }
    : {
        name: 'cr_read_stream_bwd',
        rowMode: 'array',
        text: `SELECT ${COLUMNS} FROM events e WHERE e.stream_id = $1 AND e.revision <= $2 ORDER BY e.revision DESC LIMIT $3`,
        values: [streamId, from ?? MAX_BIGINT_TEXT, limit],
      };
}

/** One event by its id (the unique index on event_id). */
export function findEventQuery(eventId: string): QueryArrayConfig {
  return { name: 'cr_find_event', rowMode: 'array', text: `SELECT ${COLUMNS} FROM events e WHERE e.event_id = $1`, values: [eventId] };
}

export interface GlobalReadShape {
  after: LogPosition | null;
  upTo: LogPosition | null;
  types: readonly string[] | undefined;
  categories: readonly string[] | undefined;
  limit: number | null;
}

/**
 * Reads the global log as far as it is gap-free: only transactions older than every running one
 * (`transaction_id < xmin` of the statement's snapshot). Also returns that xmin (`horizon`): every
 * event below it is final, which lets a follower skip ahead and know when an append it was told
 * about has become visible. The one-row CTE always yields a row, so the horizon comes back even
 * when no event does; a nested loop over one outer row keeps the inner ORDER BY.
 */
export function globalReadQuery(shape: GlobalReadShape): QueryArrayConfig {
  const { where, values, name } = globalFilter(shape, 'cr_read_all');
  values.push(shape.limit);
  return {
    name,
    rowMode: 'array',
    text: `WITH h AS MATERIALIZED (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS horizon)
      SELECT p.*, h.horizon FROM h LEFT JOIN LATERAL (
        SELECT ${COLUMNS} FROM events e WHERE ${where}
        ORDER BY e.transaction_id, e.global_position LIMIT $${values.length}
      ) p ON true`,
    values,
  };
}

/** How many events globalReadQuery would return without a limit: the same gap-safe filter, no payloads. */
export function globalCountQuery(shape: Omit<GlobalReadShape, 'limit'>): QueryArrayConfig {
  const { where, values, name } = globalFilter(shape, 'cr_count_all');
  return {
    name,
    rowMode: 'array',
    text: `WITH h AS MATERIALIZED (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS horizon)
      SELECT count(*)::bigint FROM h, events e WHERE ${where}`,
    values,
  };
}

function globalFilter(shape: Omit<GlobalReadShape, 'limit'>, prefix: string): { where: string; values: unknown[]; name: string } {
  const values: unknown[] = [];
  const where = ['e.transaction_id < h.horizon'];
  let name = prefix;
  if (shape.after) {
    values.push(String(shape.after.xid), String(shape.after.globalPosition));
    where.push(`(e.transaction_id, e.global_position) > ($${values.length - 1}::xid8, $${values.length}::bigint)`);
    name += '_a';
  }
  if (shape.upTo) {
    values.push(String(shape.upTo.xid), String(shape.upTo.globalPosition));
    where.push(`(e.transaction_id, e.global_position) <= ($${values.length - 1}::xid8, $${values.length}::bigint)`);
    name += '_u';
  }
  if (shape.types) {
    values.push(shape.types);
    where.push(`e.type = ANY ($${values.length}::text[])`);
    name += '_t';
  }
  if (shape.categories) {
    values.push(shape.categories);
    where.push(`e.category = ANY ($${values.length}::text[])`);
    name += '_c';
  }
  return { where: where.join(' AND '), values, name };
}

export interface LogReadShape {
  after: LogPosition | null;
  upTo: LogPosition | null;
  types: readonly string[] | undefined;
  streams: readonly string[] | undefined;
  limit: number;
}

/** The stored text and hash of readLog, in log order, visible events only. */
export interface StoredRow {
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

/**
 * One page of the log as stored. Unnamed on purpose: a named statement turns generic after five
 * runs, and a generic plan of this filter can sort the whole table for every page (seen on a
 * freshly loaded log).
 */
export function logReadQuery(shape: LogReadShape): QueryConfig {
  const values: unknown[] = [];
  const where = ['e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())'];
  if (shape.after) {
    values.push(String(shape.after.xid), String(shape.after.globalPosition));
    where.push(`(e.transaction_id, e.global_position) > ($${values.length - 1}::xid8, $${values.length}::bigint)`);
  }
  if (shape.upTo) {
    values.push(String(shape.upTo.xid), String(shape.upTo.globalPosition));
    where.push(`(e.transaction_id, e.global_position) <= ($${values.length - 1}::xid8, $${values.length}::bigint)`);
  }
  if (shape.types) {
    values.push(shape.types);
    where.push(`e.type = ANY ($${values.length}::text[])`);
  }
  if (shape.streams) {
    values.push(shape.streams);
    where.push(`e.stream_id = ANY ($${values.length}::text[])`);
  }
  values.push(shape.limit);
  return {
    text: `SELECT e.transaction_id::text AS xid, e.global_position::text AS gp, e.event_id::text AS event_id, e.stream_id,
                  e.revision, e.type, e.schema_version, e.data::text AS data, e.metadata::text AS metadata, e.chain_hash, e.recorded_at
             FROM events e WHERE ${where.join(' AND ')} ORDER BY e.transaction_id, e.global_position LIMIT $${values.length}`,
    values,
  };
}

export const HEAD_QUERY: QueryConfig = {
  name: 'cr_head',
  text: `SELECT e.transaction_id, e.global_position FROM events e
          WHERE e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
          ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1`,
};

export const STREAM_REVISION_QUERY = 'SELECT revision FROM streams WHERE stream_id = $1';

/** The stored text the chain hash covers, exactly as stored, named as hashing.ts's StoredChainEvent. */
export const VERIFY_PAGE_QUERY = `
  SELECT e.event_id::text AS "eventId", e.stream_id AS "streamId", e.revision, e.type, e.schema_version AS "schemaVersion",
         e.data::text AS data, e.metadata::text AS metadata, e.chain_hash AS "chainHash",
         e.transaction_id::text || ':' || e.global_position AS position
    FROM events e WHERE e.stream_id = $1 AND e.revision >= $2 AND e.revision <= $3
   ORDER BY e.revision LIMIT $4`;

export const STREAM_HEAD_QUERY = 'SELECT revision, last_hash FROM streams WHERE stream_id = $1';
