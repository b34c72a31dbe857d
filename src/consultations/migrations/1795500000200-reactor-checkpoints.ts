import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per reactor (e.g. the survey reactor): the last event of the global log it has reacted to. */
export class ReactorCheckpoints1795500000200 implements MigrationInterface {
  name = 'ReactorCheckpoints1795500000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reactor_checkpoints (
        name        text PRIMARY KEY,
        -- opaque event-store position; null: nothing yet
        position    text,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE reactor_checkpoints');
  }
}
