import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PolicyAreaDashboard1795500002100 } from './1795500002100-policy-area-dashboard.js';

/**
 * The dashboard now aggregates the accountability view's rows (and names the area from the
 * directory): its own copy of every contribution and its checkpoint go. Down recreates the empty
 * tables; the older runner then builds them from the first event.
 */
export class PolicyAreaDashboardFromAccountability1796700000000 implements MigrationInterface {
  name = 'PolicyAreaDashboardFromAccountability1796700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE policy_area_dashboard_contribution');
    await q.query('DROP TABLE policy_area_dashboard');
    await q.query(`DELETE FROM projection_state WHERE name = 'policy-area-dashboard'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await new PolicyAreaDashboard1795500002100().up(q);
  }
}
