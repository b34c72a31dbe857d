import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ConsultationSummary1795500002000 implements MigrationInterface {
  name = 'ConsultationSummary1795500002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consultation_summary (
        consultation_id uuid PRIMARY KEY,
        cycle_id        uuid NOT NULL,
        policy_area_id  uuid,
        kind            text NOT NULL,
        title           text NOT NULL,
        announced_at    timestamptz NOT NULL,
        opens_at        timestamptz NOT NULL,
        closes_at       timestamptz NOT NULL,
        closed          boolean NOT NULL,
        closed_at       timestamptz,
        report_id       uuid,
        report_status   text NOT NULL,
        position        text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE consultation_summary_contribution (
        contribution_id    uuid PRIMARY KEY,
        consultation_id    uuid NOT NULL,
        late               boolean NOT NULL,
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
    await q.query('CREATE INDEX consultation_summary_contribution_consultation ON consultation_summary_contribution (consultation_id)');
    await q.query('CREATE INDEX consultation_summary_contribution_root ON consultation_summary_contribution (canonical_root)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE consultation_summary_contribution');
    await q.query('DROP TABLE consultation_summary');
  }
}
