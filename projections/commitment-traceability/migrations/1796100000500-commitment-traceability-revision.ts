import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The commitment stream's revision on each row (projection version 2 rebuilds the rows), and the list's order. */
export class CommitmentTraceabilityRevision1796100000500 implements MigrationInterface {
  name = 'CommitmentTraceabilityRevision1796100000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE commitment_traceability ADD COLUMN revision integer NOT NULL DEFAULT -1');
    await q.query('ALTER TABLE commitment_traceability ALTER COLUMN revision DROP DEFAULT');
    await q.query('CREATE INDEX commitment_traceability_cycle ON commitment_traceability (cycle_id, drafted_at, commitment_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX commitment_traceability_cycle');
    await q.query('ALTER TABLE commitment_traceability DROP COLUMN revision');
  }
}
