import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The six per-contribution tables that keep the outcome columns (OutcomeRow), as they were named when this ran. */
const OUTCOME_TABLES = [
  'accountability',
  'consultation_summary_contribution',
  'policy_area_dashboard_contribution',
  'reasoned_response',
  'commitment_traceability_contribution',
  'stakeholder_contributions_contribution',
];

/**
 * A contribution's row is rewritten at each step of its life (response, review, publication…),
 * and none of those steps changes an indexed column. With a fifth of each page left free, the new
 * version fits beside the old one (a HOT update): no new entry in any of the table's 3–5 indexes.
 * Measured on a 1,000,000-event rebuild: 136.9 s → 122.4 s. Pages written from now on.
 */
export class OutcomeTablesFillfactor1796600000000 implements MigrationInterface {
  name = 'OutcomeTablesFillfactor1796600000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of OUTCOME_TABLES) await q.query(`ALTER TABLE "${table}" SET (fillfactor = 80)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of OUTCOME_TABLES) await q.query(`ALTER TABLE "${table}" RESET (fillfactor)`);
  }
}
