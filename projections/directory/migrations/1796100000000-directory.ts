import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Directory1796100000000 implements MigrationInterface {
  name = 'Directory1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE directory_policy_area (
        policy_area_id   uuid PRIMARY KEY,
        cycle_id         uuid NOT NULL,
        name             text NOT NULL,
        lead_institution text NOT NULL,
        position         text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE directory_consultation (
        consultation_id uuid PRIMARY KEY,
        cycle_id        uuid NOT NULL,
        policy_area_id  uuid,
        kind             text NOT NULL,
        title            text NOT NULL,
        lead_institution text NOT NULL,
        position         text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE directory_commitment (
        commitment_id  uuid PRIMARY KEY,
        cycle_id       uuid NOT NULL,
        policy_area_id uuid NOT NULL,
        title          text NOT NULL,
        position       text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE directory_stakeholder (
        stakeholder_id uuid PRIMARY KEY,
        kind           text NOT NULL,
        name           jsonb NOT NULL,
        search_name    text,
        email          jsonb,
        registry_ref   text,
        registered_at  timestamptz NOT NULL,
        erased         boolean NOT NULL,
        position       text NOT NULL
      )`);
    await q.query('CREATE INDEX directory_stakeholder_order ON directory_stakeholder (registered_at, stakeholder_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE directory_stakeholder');
    await q.query('DROP TABLE directory_commitment');
    await q.query('DROP TABLE directory_consultation');
    await q.query('DROP TABLE directory_policy_area');
  }
}
