import type { DataSource, EntityManager } from 'typeorm';
import type { EventStore } from '../event-store/event-store.port.js';

/** Where a follower of the log stands: the last event it applied, and how far it has read. */
export interface Checkpoint {
  /** Last event applied; null before the first. */
  position: string | null;
  /** Every event up to here has been seen (applied or not of its types): read-your-writes waits on it. */
  horizon: string | null;
}

export type ConsumerKind = 'projection' | 'reactor';

export interface StateRow {
  name: string;
  kind: ConsumerKind;
  version: number;
  position: string | null;
  horizon: string | null;
  events_applied: string;
  status: string;
  error: string | null;
  failed_event_id: string | null;
  rebuild_version: number | null;
  rebuild_position: string | null;
  rebuild_started_at: Date | null;
  updated_at: Date;
}

/** Someone else (another process, a rebuild's swap) moved the checkpoint: the batch must not commit. */
export class CheckpointMoved extends Error {
  constructor(readonly consumer: string) {
    super(`${consumer}: the checkpoint moved under this batch`);
    this.name = 'CheckpointMoved';
  }
}

/**
 * The one checkpoint table (projection_state) of every projection and reactor. A checkpoint moves
 * only by compare-and-set on what the mover last read: no row lock is taken before the batch's
 * writes, so no transaction id is held while the log is read or handlers run.
 */
export class Checkpoints {
  constructor(
    readonly dataSource: DataSource,
    readonly store: EventStore,
  ) {}

  async ensure(name: string, kind: ConsumerKind, version: number): Promise<StateRow> {
    await this.dataSource.query(`INSERT INTO projection_state (name, kind, version) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING`, [
      name,
      kind,
      version,
    ]);
    return (await this.row(name))!;
  }

  async row(name: string): Promise<StateRow | undefined> {
    const [row] = (await this.dataSource.query('SELECT * FROM projection_state WHERE name = $1', [name])) as StateRow[];
    return row;
  }

  async rows(): Promise<StateRow[]> {
    return (await this.dataSource.query('SELECT * FROM projection_state')) as StateRow[];
  }

  /**
   * Moves the checkpoint from `from` to `to` inside the caller's transaction. Call it before the
   * batch's own writes: its row lock then fences them (a concurrent mover, or rebuild --compare's
   * FOR SHARE, waits), and it fails when the row is not at `from` any more.
   */
  async advance(manager: EntityManager, name: string, from: Checkpoint, to: Checkpoint, applied: number): Promise<void> {
    const moved = (await manager.query(
      `UPDATE projection_state SET position = $4, horizon = $5, events_applied = events_applied + $6, status = 'running',
         error = NULL, failed_event_id = NULL, updated_at = now()
       WHERE name = $1 AND position IS NOT DISTINCT FROM $2 AND horizon IS NOT DISTINCT FROM $3 RETURNING 1`,
      [name, from.position, from.horizon, to.position, to.horizon, applied],
    )) as unknown[];
    // TypeORM answers [rows, count] for an UPDATE … RETURNING.
    const rows = Array.isArray(moved[0]) ? (moved[0] as unknown[]) : moved;
    if (rows.length !== 1) throw new CheckpointMoved(name);
  }

  /**
   * Moves several consumers' checkpoints in one statement inside the caller's transaction (the
   * follower's one transaction for every consumer's share of a page), each by compare-and-set as
   * advance() does; throws CheckpointMoved naming one whose row was not at its `from`.
   */
  async advanceAll(manager: EntityManager, moves: ReadonlyArray<{ name: string; from: Checkpoint; to: Checkpoint; applied: number }>): Promise<void> {
    if (moves.length === 0) return;
    const moved = (await manager.query(
      `UPDATE projection_state p SET position = u.position, horizon = u.horizon, events_applied = p.events_applied + u.applied, status = 'running',
         error = NULL, failed_event_id = NULL, updated_at = now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[]) AS u(name, old_position, old_horizon, position, horizon, applied)
        WHERE p.name = u.name AND p.position IS NOT DISTINCT FROM u.old_position AND p.horizon IS NOT DISTINCT FROM u.old_horizon
        RETURNING p.name`,
      [
        moves.map((m) => m.name),
        moves.map((m) => m.from.position),
        moves.map((m) => m.from.horizon),
        moves.map((m) => m.to.position),
        moves.map((m) => m.to.horizon),
        moves.map((m) => m.applied),
      ],
    )) as unknown[];
    const rows = (Array.isArray(moved[0]) ? moved[0] : moved) as Array<{ name: string }>;
    if (rows.length === moves.length) return;
    const names = new Set(rows.map((r) => r.name));
    throw new CheckpointMoved(moves.find((m) => !names.has(m.name))!.name);
  }

  /**
   * Moves only the horizons of followers that read past events not of their types, in one
   * statement; answers the names whose row was where we thought (the others must reload).
   */
  async advanceHorizons(moves: Array<{ name: string; from: Checkpoint; horizon: string }>): Promise<Set<string>> {
    if (moves.length === 0) return new Set();
    const rows = (await this.dataSource.query(
      `UPDATE projection_state p SET horizon = u.horizon, updated_at = now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(name, position, old_horizon, horizon)
        WHERE p.name = u.name AND p.position IS NOT DISTINCT FROM u.position AND p.horizon IS NOT DISTINCT FROM u.old_horizon
        RETURNING p.name`,
      [moves.map((m) => m.name), moves.map((m) => m.from.position), moves.map((m) => m.from.horizon), moves.map((m) => m.horizon)],
    )) as unknown[];
    const list = (Array.isArray(rows[0]) ? rows[0] : rows) as Array<{ name: string }>;
    return new Set(list.map((r) => r.name));
  }

  async setStatus(name: string, status: string, error: string | null, failedEventId: string | null): Promise<void> {
    await this.dataSource.query('UPDATE projection_state SET status = $2, error = $3, failed_event_id = $4, updated_at = now() WHERE name = $1', [
      name,
      status,
      error,
      failedEventId,
    ]);
  }

  later(a: string | null, b: string | null): string | null {
    if (a === null) return b;
    if (b === null) return a;
    return this.store.comparePositions(a, b) >= 0 ? a : b;
  }

  /** How far the follower has seen the log. */
  seen(c: Checkpoint): string | null {
    return this.later(c.position, c.horizon);
  }
}
