import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A commitment's traceability finds the rows whose response names it (`commitment_ids @>`). */
export class AccountabilityCommitments1796700000500 implements MigrationInterface {
  name = 'AccountabilityCommitments1796700000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX accountability_commitments ON accountability USING gin (commitment_ids)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX accountability_commitments');
  }
}
