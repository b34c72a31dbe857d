import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Accountability1795500001000 implements MigrationInterface {
  name = 'Accountability1795500001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE accountability (
        contribution_id    uuid PRIMARY KEY,
        cycle_id           uuid NOT NULL,
        consultation_id    uuid NOT NULL,
        policy_area_id     uuid,
        lead_institution   text,
        stakeholder_id     text,
        personal           boolean NOT NULL,
        channel            text NOT NULL,
        body               jsonb NOT NULL,
        commitment_id      uuid,
        received_at        timestamptz NOT NULL,
        late               boolean NOT NULL,
        source             jsonb,
        redacted           boolean NOT NULL,
        redaction_reason   text,
        withdrawn          boolean NOT NULL,
        withdrawn_at       timestamptz,
        withdrawal_reason  text,
        duplicate_of       uuid,
        canonical_root     uuid,
        response_number    integer NOT NULL,
        own_decision       text,
        own_rationale      text,
        own_commitment_ids text[] NOT NULL,
        own_verdict        text,
        review_comment     text,
        own_published_at   timestamptz,
        responded_at       timestamptz,
        last_responded_at  timestamptz,
        responded_by       jsonb,
        days_to_response   integer,
        status             text NOT NULL,
        addressed          boolean NOT NULL,
        decision           text,
        rationale          text,
        commitment_ids     text[] NOT NULL,
        published_at       timestamptz,
        position           text NOT NULL
      )`);
    await q.query('CREATE INDEX accountability_cycle ON accountability (cycle_id, received_at, contribution_id)');
    await q.query('CREATE INDEX accountability_consultation ON accountability (consultation_id, received_at, contribution_id)');
    await q.query('CREATE INDEX accountability_stakeholder ON accountability (stakeholder_id, received_at, contribution_id)');
    await q.query('CREATE INDEX accountability_root ON accountability (canonical_root)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE accountability');
  }
}
