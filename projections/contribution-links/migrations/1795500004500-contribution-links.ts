import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ContributionLinks1795500004500 implements MigrationInterface {
  name = 'ContributionLinks1795500004500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contribution_link (
        contribution_id uuid NOT NULL,
        event_id        uuid NOT NULL,
        position        text NOT NULL,
        stream_id       text NOT NULL,
        revision        integer NOT NULL,
        type            text NOT NULL,
        data            jsonb NOT NULL,
        metadata        jsonb NOT NULL,
        recorded_at     timestamptz NOT NULL,
        PRIMARY KEY (contribution_id, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE contribution_link');
  }
}
