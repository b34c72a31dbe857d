import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Reports1796100000100 implements MigrationInterface {
  name = 'Reports1796100000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reports (
        report_id        uuid PRIMARY KEY,
        consultation_id  uuid NOT NULL,
        cycle_id         uuid NOT NULL,
        policy_area_id   uuid,
        status           text NOT NULL,
        summary          text NOT NULL,
        contribution_ids uuid[] NOT NULL,
        revision_number  integer NOT NULL,
        feedback         jsonb NOT NULL,
        drafted_at       timestamptz NOT NULL,
        submitted_at     timestamptz,
        accepted_at      timestamptz,
        published_at     timestamptz,
        url              text,
        revision         integer NOT NULL,
        position         text NOT NULL
      )`);
    await q.query('CREATE INDEX reports_cycle ON reports (cycle_id, drafted_at, report_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE reports');
  }
}
