import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The reasoned-response matrix: a cycle's published, not withdrawn rows in receipt order. */
export class AccountabilityPublished1796700000700 implements MigrationInterface {
  name = 'AccountabilityPublished1796700000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX accountability_published ON accountability (cycle_id, received_at, contribution_id) WHERE published_at IS NOT NULL AND NOT withdrawn');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX accountability_published');
  }
}
