import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CommitmentTraceability1795500003000 implements MigrationInterface {
  name = 'CommitmentTraceability1795500003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE commitment_traceability (
        commitment_id     uuid PRIMARY KEY,
        cycle_id          uuid NOT NULL,
        policy_area_id    uuid NOT NULL,
        title             text NOT NULL,
        status            text NOT NULL,
        lead_institution  text NOT NULL,
        drafted_at        timestamptz NOT NULL,
        withdrawn_at      timestamptz,
        withdrawal_reason text,
        position          text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE commitment_traceability_revision (
        commitment_id     uuid NOT NULL,
        revision_number   integer NOT NULL,
        changes           jsonb NOT NULL,
        in_response_to    uuid[] NOT NULL,
        occurred_at       timestamptz NOT NULL,
        actor_institution text,
        position          text NOT NULL,
        PRIMARY KEY (commitment_id, revision_number)
      )`);
    await q.query(`
      CREATE TABLE commitment_traceability_contribution (
        contribution_id    uuid PRIMARY KEY,
        cycle_id           uuid NOT NULL,
        stakeholder_id     uuid,
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
    await q.query('CREATE INDEX commitment_traceability_contribution_root ON commitment_traceability_contribution (canonical_root)');
    // "Which contributions does a commitment's current responses link": commitment_ids @> ARRAY[id].
    await q.query('CREATE INDEX commitment_traceability_contribution_commitments ON commitment_traceability_contribution USING gin (commitment_ids)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE commitment_traceability_contribution');
    await q.query('DROP TABLE commitment_traceability_revision');
    await q.query('DROP TABLE commitment_traceability');
  }
}
