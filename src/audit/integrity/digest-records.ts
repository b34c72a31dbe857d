/** The issued digests and their checkpoints (tables of src/audit/migrations). */
import type pg from 'pg';
import { DIGEST_ALGORITHM, type Checkpoint, type LogDigest } from './digest.js';

export interface RecordedDigest {
  position: string;
  eventCount: number;
  sha256: string;
  issuedAt: string;
  /** How many checkpoints were kept for it. */
  checkpoints: number;
}

/** A pool, a pooled client or a plain client: anything that runs a query (the read-model database). */
export type Db = Pick<pg.Pool, 'query'> | Pick<pg.ClientBase, 'query'>;

const BATCH = 5000;

/** Records an issued digest and its checkpoints in one short transaction (after the long read). */
export async function recordDigest(
  client: pg.ClientBase,
  digest: LogDigest & { position: string },
  checkpoints: readonly Checkpoint[],
  issuedBy: unknown,
): Promise<{ issuedAt: string }> {
  await client.query('BEGIN');
  try {
    const { rows } = await client.query<{ issued_at: Date }>(
      `INSERT INTO audit_digests (position, event_count, sha256, algorithm, issued_by) VALUES ($1, $2, $3, $4, $5) RETURNING issued_at`,
      [digest.position, digest.eventCount, digest.sha256, DIGEST_ALGORITHM, JSON.stringify(issuedBy ?? null)],
    );
    for (let i = 0; i < checkpoints.length; i += BATCH) {
      const batch = checkpoints.slice(i, i + BATCH);
      await client.query(
        `INSERT INTO audit_digest_checkpoints (digest_position, digest_sha256, event_count, position, running_hash)
         SELECT $1, $2, u.n, u.p, u.h FROM unnest($3::bigint[], $4::text[], $5::bytea[]) AS u(n, p, h)
         ON CONFLICT DO NOTHING`,
        [digest.position, digest.sha256, batch.map((c) => c.eventCount), batch.map((c) => c.position), batch.map((c) => c.runningHash)],
      );
    }
    await client.query('COMMIT');
    return { issuedAt: rows[0].issued_at.toISOString() };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** True when the digest tables exist (a dump from before them, read by the CLI, has none). */
async function haveTables(db: Db): Promise<boolean> {
  const { rows } = await db.query<{ ok: boolean }>(`SELECT to_regclass('audit_digest_checkpoints') IS NOT NULL AS ok`);
  return rows[0].ok;
}

/** The first issuance of this digest, or null when this database never issued it. */
export async function findRecordedDigest(db: Db, position: string, sha256: string): Promise<RecordedDigest | null> {
  if (!(await haveTables(db))) return null;
  const { rows } = await db.query<{ event_count: string; issued_at: Date; checkpoints: string }>(
    `SELECT d.event_count, d.issued_at,
            (SELECT count(*) FROM audit_digest_checkpoints c WHERE c.digest_position = d.position AND c.digest_sha256 = d.sha256) AS checkpoints
       FROM audit_digests d WHERE d.position = $1 AND d.sha256 = $2 ORDER BY d.id LIMIT 1`,
    [position, sha256],
  );
  if (rows.length === 0) return null;
  return { position, sha256, eventCount: Number(rows[0].event_count), issuedAt: rows[0].issued_at.toISOString(), checkpoints: Number(rows[0].checkpoints) };
}

/** The recorded checkpoints of a digest, in order, page by page. */
export async function* recordedCheckpoints(db: Db, digest: RecordedDigest, pageSize = 1000): AsyncGenerator<Checkpoint> {
  let after = 0;
  for (;;) {
    const { rows } = await db.query<{ event_count: string; position: string; running_hash: Buffer }>(
      `SELECT event_count, position, running_hash FROM audit_digest_checkpoints
        WHERE digest_position = $1 AND digest_sha256 = $2 AND event_count > $3 ORDER BY event_count LIMIT $4`,
      [digest.position, digest.sha256, after, pageSize],
    );
    for (const r of rows) yield { eventCount: Number(r.event_count), position: r.position, runningHash: r.running_hash };
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1].event_count);
  }
}
