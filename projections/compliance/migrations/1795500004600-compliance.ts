import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Compliance1795500004600 implements MigrationInterface {
  name = 'Compliance1795500004600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE compliance_fact (
        cycle_id    uuid NOT NULL,
        event_id    uuid NOT NULL,
        position    text NOT NULL,
        type        text NOT NULL,
        occurred_at timestamptz NOT NULL,
        data        jsonb NOT NULL,
        PRIMARY KEY (cycle_id, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE compliance_fact');
  }
}
