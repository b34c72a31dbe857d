import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StakeholderContributions1795500003100 implements MigrationInterface {
  name = 'StakeholderContributions1795500003100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stakeholder_contributions_stakeholder (
        stakeholder_id uuid PRIMARY KEY,
        kind           text NOT NULL,
        name           jsonb NOT NULL,
        registered_at  timestamptz NOT NULL,
        position       text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE stakeholder_contributions_consultation (
        consultation_id uuid PRIMARY KEY,
        cycle_id        uuid NOT NULL,
        policy_area_id  uuid,
        kind            text NOT NULL,
        title           text NOT NULL,
        opens_at        timestamptz NOT NULL,
        closes_at       timestamptz NOT NULL,
        position        text NOT NULL
      )`);
    for (const [table, at] of [
      ['invitation', 'invited_at'],
      ['attendance', 'recorded_at'],
    ]) {
      await q.query(`
        CREATE TABLE stakeholder_contributions_${table} (
          stakeholder_id  uuid NOT NULL,
          consultation_id uuid NOT NULL,
          cycle_id        uuid NOT NULL,
          ${at}           timestamptz NOT NULL,
          position        text NOT NULL,
          PRIMARY KEY (stakeholder_id, consultation_id)
        )`);
    }
    await q.query(`
      CREATE TABLE stakeholder_contributions_contribution (
        contribution_id    uuid PRIMARY KEY,
        stakeholder_id     uuid,
        cycle_id           uuid NOT NULL,
        consultation_id    uuid NOT NULL,
        policy_area_id     uuid,
        channel            text NOT NULL,
        body               jsonb NOT NULL,
        commitment_id      uuid,
        received_at        timestamptz NOT NULL,
        late               boolean NOT NULL,
        redacted           boolean NOT NULL,
        redaction_reason   text,
        withdrawn_at       timestamptz,
        withdrawal_reason  text,
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
    await q.query(
      'CREATE INDEX stakeholder_contributions_contribution_stakeholder ON stakeholder_contributions_contribution (stakeholder_id, received_at, contribution_id)',
    );
    await q.query('CREATE INDEX stakeholder_contributions_contribution_root ON stakeholder_contributions_contribution (canonical_root)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['contribution', 'attendance', 'invitation', 'consultation', 'stakeholder']) {
      await q.query(`DROP TABLE stakeholder_contributions_${table}`);
    }
  }
}
