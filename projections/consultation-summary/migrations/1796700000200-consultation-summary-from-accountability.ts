import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The summary counts a consultation's contributions from the accountability view's rows: its own
 * copy of every contribution goes. Down recreates the table and empties the summary and its
 * checkpoint, so that the older runner builds both again from the first event.
 */
export class ConsultationSummaryFromAccountability1796700000200 implements MigrationInterface {
  name = 'ConsultationSummaryFromAccountability1796700000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE consultation_summary_contribution');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consultation_summary_contribution (
        contribution_id uuid PRIMARY KEY, consultation_id uuid NOT NULL, late boolean NOT NULL, withdrawn boolean NOT NULL,
        duplicate_of uuid, canonical_root uuid, own_decision text, own_rationale text, own_commitment_ids text[] NOT NULL,
        own_verdict text, own_published_at timestamptz, status text NOT NULL, addressed boolean NOT NULL, decision text,
        rationale text, commitment_ids text[] NOT NULL, published_at timestamptz, position text NOT NULL
      ) WITH (fillfactor = 80)`);
    await q.query('CREATE INDEX consultation_summary_contribution_consultation ON consultation_summary_contribution (consultation_id)');
    await q.query('CREATE INDEX consultation_summary_contribution_root ON consultation_summary_contribution (canonical_root)');
    await q.query('TRUNCATE consultation_summary');
    await q.query(`DELETE FROM projection_state WHERE name = 'consultation-summary'`);
  }
}
