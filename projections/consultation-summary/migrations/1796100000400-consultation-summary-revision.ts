import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The consultation stream's revision on each row (projection version 2 rebuilds the rows). */
export class ConsultationSummaryRevision1796100000400 implements MigrationInterface {
  name = 'ConsultationSummaryRevision1796100000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE consultation_summary ADD COLUMN revision integer NOT NULL DEFAULT -1');
    await q.query('ALTER TABLE consultation_summary ALTER COLUMN revision DROP DEFAULT');
    // The consultation list filters by cycle (and area, kind) in opening order.
    await q.query('CREATE INDEX consultation_summary_cycle ON consultation_summary (cycle_id, opens_at, consultation_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX consultation_summary_cycle');
    await q.query('ALTER TABLE consultation_summary DROP COLUMN revision');
  }
}
