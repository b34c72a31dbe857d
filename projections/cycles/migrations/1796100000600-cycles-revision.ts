import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The cycle stream's revision on each row (projection version 2 rebuilds the rows). */
export class CyclesRevision1796100000600 implements MigrationInterface {
  name = 'CyclesRevision1796100000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE cycles ADD COLUMN revision integer NOT NULL DEFAULT -1');
    await q.query('ALTER TABLE cycles ALTER COLUMN revision DROP DEFAULT');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE cycles DROP COLUMN revision');
  }
}
