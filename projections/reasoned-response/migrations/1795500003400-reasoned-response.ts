import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReasonedResponse1795500003400 implements MigrationInterface {
  name = 'ReasonedResponse1795500003400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reasoned_response_cycle (
        cycle_id uuid PRIMARY KEY,
        position text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE reasoned_response (
        contribution_id    uuid PRIMARY KEY,
        cycle_id           uuid NOT NULL,
        consultation_id    uuid NOT NULL,
        policy_area_id     uuid,
        channel            text NOT NULL,
        public_body        text,
        received_at        timestamptz NOT NULL,
        withdrawn          boolean NOT NULL,
        duplicate_of       uuid,
        canonical_root     uuid,
        own_decision       text,
        own_rationale      text,
        own_commitment_ids text[] NOT NULL,
        own_verdict        text,
        own_published_at   timestamptz,
        status             text NOT NULL,
        addressed          boolean NOT NULL,
        decision           text,
        rationale          text,
        commitment_ids     text[] NOT NULL,
        published_at       timestamptz,
        position           text NOT NULL
      )`);
    // The matrix reads only published rows, in received order: a partial index keeps it small.
    await q.query(
      'CREATE INDEX reasoned_response_published ON reasoned_response (cycle_id, received_at, contribution_id) WHERE published_at IS NOT NULL AND NOT withdrawn',
    );
    await q.query('CREATE INDEX reasoned_response_root ON reasoned_response (canonical_root)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE reasoned_response');
    await q.query('DROP TABLE reasoned_response_cycle');
  }
}
