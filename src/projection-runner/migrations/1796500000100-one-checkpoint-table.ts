import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Projections and reactors follow the log with one follower and keep their checkpoints in one
 * table: the reactors' rows move into projection_state (their position is carried over as both
 * checkpoint and horizon, so a running deployment does not react again from the first event).
 */
export class OneCheckpointTable1796500000100 implements MigrationInterface {
  name = 'OneCheckpointTable1796500000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projection_state ADD COLUMN kind text NOT NULL DEFAULT 'projection' CHECK (kind IN ('projection', 'reactor'))`);
    await q.query(`
      INSERT INTO projection_state (name, kind, version, position, horizon, updated_at)
      SELECT name, 'reactor', 1, position, position, updated_at FROM reactor_checkpoints
      ON CONFLICT (name) DO NOTHING`);
    await q.query('DROP TABLE reactor_checkpoints');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reactor_checkpoints (
        name        text PRIMARY KEY,
        position    text,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      INSERT INTO reactor_checkpoints (name, position, updated_at)
      SELECT name, coalesce(horizon, position), updated_at FROM projection_state WHERE kind = 'reactor'`);
    await q.query(`DELETE FROM projection_state WHERE kind = 'reactor'`);
    await q.query('ALTER TABLE projection_state DROP COLUMN kind');
  }
}
