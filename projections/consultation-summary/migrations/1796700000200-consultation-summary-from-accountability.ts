import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ConsultationSummary1795500002000 } from './1795500002000-consultation-summary.js';
import { ConsultationSummaryRevision1796100000400 } from './1796100000400-consultation-summary-revision.js';

/**
 * The summary counts a consultation's contributions from the accountability view's rows: its own
 * copy of every contribution goes. Down recreates the view's tables empty and drops its
 * checkpoint, so that the older runner builds them again from the first event.
 */
export class ConsultationSummaryFromAccountability1796700000200 implements MigrationInterface {
  name = 'ConsultationSummaryFromAccountability1796700000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE consultation_summary_contribution');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE consultation_summary');
    await new ConsultationSummary1795500002000().up(q);
    await new ConsultationSummaryRevision1796100000400().up(q);
    await q.query(`DELETE FROM projection_state WHERE name = 'consultation-summary'`);
  }
}
