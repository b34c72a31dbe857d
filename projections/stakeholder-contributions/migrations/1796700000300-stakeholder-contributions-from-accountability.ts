import type { MigrationInterface, QueryRunner } from 'typeorm';
import { StakeholderContributions1795500003100 } from './1795500003100-stakeholder-contributions.js';

/**
 * A stakeholder's contributions are the accountability view's rows of that stakeholder: this
 * view's own copy of every contribution goes. Down recreates the view's tables empty and drops its
 * checkpoint, so that the older runner builds them again from the first event.
 */
export class StakeholderContributionsFromAccountability1796700000300 implements MigrationInterface {
  name = 'StakeholderContributionsFromAccountability1796700000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE stakeholder_contributions_contribution');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['attendance', 'invitation', 'consultation', 'stakeholder']) await q.query(`DROP TABLE stakeholder_contributions_${table}`);
    await new StakeholderContributions1795500003100().up(q);
    await q.query(`DELETE FROM projection_state WHERE name = 'stakeholder-contributions'`);
  }
}
