import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CycleTimeline1795500003300 implements MigrationInterface {
  name = 'CycleTimeline1795500003300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cycle_timeline (
        cycle_id   uuid PRIMARY KEY,
        title      text NOT NULL,
        stage      text NOT NULL,
        opened_at  timestamptz NOT NULL,
        approval   jsonb,
        submission jsonb,
        position   text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE cycle_timeline_milestone (
        cycle_id     uuid NOT NULL,
        milestone_id uuid NOT NULL,
        stage        text NOT NULL,
        title        text NOT NULL,
        due_date     text NOT NULL,
        due_by       timestamptz,
        scheduled_at timestamptz NOT NULL,
        completed_at timestamptz,
        evidence     text,
        position     text NOT NULL,
        PRIMARY KEY (cycle_id, milestone_id)
      )`);
    await q.query(`
      CREATE TABLE cycle_timeline_stage_change (
        cycle_id    uuid NOT NULL,
        to_stage    text NOT NULL,
        from_stage  text,
        occurred_at timestamptz NOT NULL,
        position    text NOT NULL,
        PRIMARY KEY (cycle_id, to_stage)
      )`);
    await q.query(`
      CREATE TABLE cycle_timeline_forum_meeting (
        cycle_id       uuid NOT NULL,
        meeting_id     uuid NOT NULL,
        held_at        timestamptz NOT NULL,
        minutes_url    text,
        attendee_count integer NOT NULL,
        position       text NOT NULL,
        PRIMARY KEY (cycle_id, meeting_id)
      )`);
    await q.query(`
      CREATE TABLE cycle_timeline_draft_plan (
        cycle_id     uuid NOT NULL,
        version      text NOT NULL,
        url          text NOT NULL,
        published_at timestamptz NOT NULL,
        position     text NOT NULL,
        PRIMARY KEY (cycle_id, version)
      )`);
    await q.query(`
      CREATE TABLE cycle_timeline_consultation (
        consultation_id uuid PRIMARY KEY,
        cycle_id        uuid NOT NULL,
        policy_area_id  uuid,
        kind            text NOT NULL,
        title           text NOT NULL,
        announced_at    timestamptz NOT NULL,
        opens_at        timestamptz NOT NULL,
        closes_at       timestamptz NOT NULL,
        closed_at       timestamptz,
        position        text NOT NULL
      )`);
    await q.query('CREATE INDEX cycle_timeline_consultation_cycle ON cycle_timeline_consultation (cycle_id, opens_at, consultation_id)');
    await q.query(`
      CREATE TABLE cycle_timeline_report (
        report_id       uuid PRIMARY KEY,
        cycle_id        uuid NOT NULL,
        consultation_id uuid NOT NULL,
        policy_area_id  uuid,
        drafted_at      timestamptz NOT NULL,
        status          text NOT NULL,
        status_changes  jsonb NOT NULL,
        feedback_rounds integer NOT NULL,
        url             text,
        position        text NOT NULL
      )`);
    await q.query('CREATE INDEX cycle_timeline_report_cycle ON cycle_timeline_report (cycle_id, drafted_at, report_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['report', 'consultation', 'draft_plan', 'forum_meeting', 'stage_change', 'milestone']) {
      await q.query(`DROP TABLE cycle_timeline_${table}`);
    }
    await q.query('DROP TABLE cycle_timeline');
  }
}
