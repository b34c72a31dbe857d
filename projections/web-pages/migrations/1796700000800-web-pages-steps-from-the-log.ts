import type { MigrationInterface, QueryRunner } from 'typeorm';
import { WebPages1796300000000 } from './1796300000000-web-pages.js';

/**
 * A contribution page reads its steps from the contribution's own stream in the store: the view's
 * copy of every contribution event goes. Down recreates the view's tables empty and drops its
 * checkpoint, so that the older runner builds them again from the first event.
 */
export class WebPagesStepsFromTheLog1796700000800 implements MigrationInterface {
  name = 'WebPagesStepsFromTheLog1796700000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE web_contribution_step');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['commitment', 'report', 'material', 'consultation']) await q.query(`DROP TABLE web_${table}`);
    await new WebPages1796300000000().up(q);
    await q.query(`DELETE FROM projection_state WHERE name = 'web-pages'`);
  }
}
