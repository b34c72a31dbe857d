import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Cycles1795500003200 implements MigrationInterface {
  name = 'Cycles1795500003200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cycles (
        cycle_id        uuid PRIMARY KEY,
        country         text NOT NULL,
        title           text NOT NULL,
        period_start    text NOT NULL,
        period_end      text NOT NULL,
        poc_institution text NOT NULL,
        methodology     text,
        stage           text NOT NULL,
        policy_areas    jsonb NOT NULL,
        approval        jsonb,
        submission      jsonb,
        thresholds      jsonb NOT NULL,
        opened_at       timestamptz NOT NULL,
        position        text NOT NULL
      )`);
    await q.query('CREATE INDEX cycles_period ON cycles (period_start, cycle_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE cycles');
  }
}
