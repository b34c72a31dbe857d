import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboard now aggregates the accountability view's rows (and names the area from the
 * directory): its own copy of every contribution and its checkpoint go. Down recreates the empty
 * tables; the runner of that older version would rebuild them from the first event.
 */
export class PolicyAreaDashboardFromAccountability1796700000000 implements MigrationInterface {
  name = 'PolicyAreaDashboardFromAccountability1796700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE policy_area_dashboard_contribution');
    await q.query('DROP TABLE policy_area_dashboard');
    await q.query(`DELETE FROM projection_state WHERE name = 'policy-area-dashboard'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE policy_area_dashboard (
        policy_area_id uuid PRIMARY KEY, cycle_id uuid NOT NULL, name text NOT NULL, lead_institution text NOT NULL, position text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE policy_area_dashboard_contribution (
        contribution_id uuid PRIMARY KEY, cycle_id uuid NOT NULL, policy_area_id uuid, received_at timestamptz NOT NULL,
        responded_at timestamptz, days_to_response integer, withdrawn boolean NOT NULL, duplicate_of uuid, canonical_root uuid,
        own_decision text, own_rationale text, own_commitment_ids text[] NOT NULL, own_verdict text, own_published_at timestamptz,
        status text NOT NULL, addressed boolean NOT NULL, decision text, rationale text, commitment_ids text[] NOT NULL,
        published_at timestamptz, position text NOT NULL
      ) WITH (fillfactor = 80)`);
    await q.query('CREATE INDEX policy_area_dashboard_contribution_area ON policy_area_dashboard_contribution (policy_area_id)');
    await q.query('CREATE INDEX policy_area_dashboard_contribution_root ON policy_area_dashboard_contribution (canonical_root)');
  }
}
