import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WebPages1796300000000 implements MigrationInterface {
  name = 'WebPages1796300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE web_consultation (
        consultation_id  uuid PRIMARY KEY,
        cycle_id         uuid NOT NULL,
        lead_institution text NOT NULL,
        description      text,
        position         text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE web_material (
        material_id     uuid PRIMARY KEY,
        consultation_id uuid NOT NULL,
        kind            text NOT NULL,
        title           text NOT NULL,
        url             text NOT NULL,
        published_at    timestamptz NOT NULL,
        position        text NOT NULL
      )`);
    await q.query('CREATE INDEX web_material_consultation ON web_material (consultation_id, published_at)');
    await q.query(`
      CREATE TABLE web_report (
        report_id       uuid PRIMARY KEY,
        consultation_id uuid NOT NULL,
        summary         text NOT NULL,
        status          text NOT NULL,
        url             text,
        drafted_at      timestamptz NOT NULL,
        published_at    timestamptz,
        position        text NOT NULL
      )`);
    await q.query('CREATE INDEX web_report_consultation ON web_report (consultation_id)');
    await q.query(`
      CREATE TABLE web_commitment (
        commitment_id           uuid PRIMARY KEY,
        problem                 text NOT NULL,
        description             text NOT NULL,
        ogp_values              text[] NOT NULL,
        milestones              jsonb NOT NULL,
        supporting_institutions text[] NOT NULL,
        position                text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE web_contribution_step (
        contribution_id uuid NOT NULL,
        revision        integer NOT NULL,
        type            text NOT NULL,
        occurred_at     timestamptz NOT NULL,
        institution     text,
        data            jsonb NOT NULL,
        position        text NOT NULL,
        PRIMARY KEY (contribution_id, revision)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE web_contribution_step');
    await q.query('DROP TABLE web_commitment');
    await q.query('DROP TABLE web_report');
    await q.query('DROP TABLE web_material');
    await q.query('DROP TABLE web_consultation');
  }
}
