import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ReasonedResponse1795500003400 } from './1795500003400-reasoned-response.js';
import { ReasonedResponseResponder1796100000300 } from './1796100000300-reasoned-response-responder.js';

/**
 * The matrix reads the accountability view's rows (accountability_published) and the cycles
 * view's: its own copy of every contribution, its table of cycles and its checkpoint go. Down
 * recreates the tables empty; the older runner then builds them from the first event.
 */
export class ReasonedResponseFromAccountability1796700000600 implements MigrationInterface {
  name = 'ReasonedResponseFromAccountability1796700000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE reasoned_response');
    await q.query('DROP TABLE reasoned_response_cycle');
    await q.query(`DELETE FROM projection_state WHERE name = 'reasoned-response'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await new ReasonedResponse1795500003400().up(q);
    await new ReasonedResponseResponder1796100000300().up(q);
  }
}
