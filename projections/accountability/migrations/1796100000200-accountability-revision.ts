import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The contribution stream's revision on each row (projection version 2 rebuilds the rows). */
export class AccountabilityRevision1796100000200 implements MigrationInterface {
  name = 'AccountabilityRevision1796100000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE accountability ADD COLUMN revision integer NOT NULL DEFAULT -1');
    await q.query('ALTER TABLE accountability ALTER COLUMN revision DROP DEFAULT');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE accountability DROP COLUMN revision');
  }
}
