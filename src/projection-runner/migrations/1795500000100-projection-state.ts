import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per projection: the version its tables hold, its checkpoint, and how it is doing. */
export class ProjectionState1795500000100 implements MigrationInterface {
  name = 'ProjectionState1795500000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projection_state (
        name              text PRIMARY KEY,
        version           integer NOT NULL,
        -- last event applied (opaque event-store position); null: nothing yet
        position          text,
        -- everything up to here has been seen (applied or not handled): read-your-writes waits on it
        horizon           text,
        events_applied    bigint NOT NULL DEFAULT 0,
        status            text NOT NULL DEFAULT 'running',
        error             text,
        failed_event_id   text,
        rebuild_version   integer,
        rebuild_position  text,
        rebuild_started_at timestamptz,
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE projection_state');
  }
}
