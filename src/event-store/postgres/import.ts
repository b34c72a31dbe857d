/**
 * appendStored for PostgreSQL: events exactly as another store keeps them, in one transaction (so
 * the copy's log order is the order given, and a crash leaves a prefix). Each event must continue
 * its stream at its revision, and the chain hash recomputed here over its bytes (hashing.ts, the
 * same bytes cr_append hashes in SQL) must be the one it carries.
 */
import type pg from 'pg';
import { StoredEventRejected, type StoredEvent } from '../event-store.port.js';
import { chainHash, GENESIS_HASH } from '../hashing.js';

interface Existing {
  event_id: string;
  stream_id: string;
  revision: string;
  chain_hash: Buffer;
  position: string;
}

export async function importStored(client: pg.ClientBase, events: readonly StoredEvent[]): Promise<{ position: string | null }> {
  if (events.length === 0) return { position: null };
  const streamIds = [...new Set(events.map((e) => e.streamId))].sort();
  await client.query('BEGIN');
  try {
    // Every stream's lock first, in one order, before anything gives this transaction an xid (as cr_append).
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended(s, 0)) FROM unnest($1::text[]) AS s ORDER BY s', [streamIds]);
    const existing = await client.query<Existing>(
      `SELECT event_id::text AS event_id, stream_id, revision, chain_hash, transaction_id::text || ':' || global_position AS position
         FROM events WHERE event_id = ANY ($1::uuid[])`,
      [events.map((e) => e.eventId)],
    );
    const stored = new Map(existing.rows.map((r) => [r.event_id, r]));
    const heads = await client.query<{ stream_id: string; revision: string; last_hash: Buffer }>(
      'SELECT stream_id, revision, last_hash FROM streams WHERE stream_id = ANY ($1::text[])',
      [streamIds],
    );
    const head = new Map(heads.rows.map((h) => [h.stream_id, { revision: Number(h.revision), hash: h.last_hash }]));

    const fresh: StoredEvent[] = [];
    let lastSkipped: string | null = null;
    for (const e of events) {
      const id = e.eventId.toLowerCase();
      const already = stored.get(id);
      if (already) {
        if (already.stream_id !== e.streamId || Number(already.revision) !== e.revision || !already.chain_hash.equals(e.chainHash)) {
          throw new StoredEventRejected(id, `event ${id} is already stored as ${already.stream_id}@${already.revision} with another chain hash`);
        }
        lastSkipped = already.position;
        continue;
      }
      const current = head.get(e.streamId) ?? { revision: -1, hash: GENESIS_HASH };
      if (e.revision !== current.revision + 1) {
        throw new StoredEventRejected(id, `event ${id} is revision ${e.revision} of ${e.streamId}, which is at revision ${current.revision} here`);
      }
      const hash = chainHash(current.hash, { ...e, eventId: id });
      if (!hash.equals(e.chainHash)) {
        throw new StoredEventRejected(
          id,
          `event ${id} (${e.streamId}@${e.revision}) carries chain hash ${e.chainHash.toString('hex')}, but its bytes give ${hash.toString('hex')}: the source's chain is broken there (run verify on it)`,
        );
      }
      head.set(e.streamId, { revision: e.revision, hash });
      fresh.push(e);
    }
    if (fresh.length === 0) {
      await client.query('COMMIT');
      return { position: lastSkipped };
    }
    await client.query(
      `INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at, chain_hash)
       SELECT u.id, u.stream, u.revision, u.type, u.version, u.data::json, u.meta::json, u.at, u.hash
         FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::integer[], $6::text[], $7::text[], $8::timestamptz[], $9::bytea[])
              WITH ORDINALITY AS u(id, stream, revision, type, version, data, meta, at, hash, ord)
        ORDER BY u.ord`,
      [
        fresh.map((e) => e.eventId),
        fresh.map((e) => e.streamId),
        fresh.map((e) => e.revision),
        fresh.map((e) => e.type),
        fresh.map((e) => e.schemaVersion),
        fresh.map((e) => e.data),
        fresh.map((e) => e.metadata),
        fresh.map((e) => e.recordedAt),
        fresh.map((e) => e.chainHash),
      ],
    );
    const touched = [...new Set(fresh.map((e) => e.streamId))];
    await client.query(
      `INSERT INTO streams (stream_id, revision, last_hash) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bytea[])
       ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, last_hash = excluded.last_hash`,
      [touched, touched.map((s) => head.get(s)!.revision), touched.map((s) => head.get(s)!.hash)],
    );
    const { rows } = await client.query<{ position: string }>(
      `SELECT pg_current_xact_id()::text || ':' || currval('events_global_position_seq'::regclass) AS position`,
    );
    await client.query('COMMIT');
    return { position: rows[0].position };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
