import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When and by which institution each contribution was answered (projection version 2 fills them). */
export class ReasonedResponseResponder1796100000300 implements MigrationInterface {
  name = 'ReasonedResponseResponder1796100000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE reasoned_response ADD COLUMN responded_at timestamptz, ADD COLUMN responded_by_institution text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE reasoned_response DROP COLUMN responded_at, DROP COLUMN responded_by_institution');
  }
}
