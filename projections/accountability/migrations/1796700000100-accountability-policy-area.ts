import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The policy area dashboard aggregates an area's rows here. */
export class AccountabilityPolicyArea1796700000100 implements MigrationInterface {
  name = 'AccountabilityPolicyArea1796700000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX accountability_policy_area ON accountability (policy_area_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX accountability_policy_area');
  }
}
