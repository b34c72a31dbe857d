import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CommitmentTraceability1795500003000 } from './1795500003000-commitment-traceability.js';
import { CommitmentTraceabilityRevision1796100000500 } from './1796100000500-commitment-traceability-revision.js';

/**
 * The contributions that shaped a commitment are the accountability view's rows whose response
 * names it (accountability_commitments): this view's own copy of every contribution goes. Down
 * recreates the view's tables empty and drops its checkpoint, so that the older runner builds them
 * again from the first event.
 */
export class CommitmentTraceabilityFromAccountability1796700000400 implements MigrationInterface {
  name = 'CommitmentTraceabilityFromAccountability1796700000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE commitment_traceability_contribution');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE commitment_traceability_revision');
    await q.query('DROP TABLE commitment_traceability');
    await new CommitmentTraceability1795500003000().up(q);
    await new CommitmentTraceabilityRevision1796100000500().up(q);
    await q.query(`DELETE FROM projection_state WHERE name = 'commitment-traceability'`);
  }
}
