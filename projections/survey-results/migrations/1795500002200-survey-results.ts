import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SurveyResults1795500002200 implements MigrationInterface {
  name = 'SurveyResults1795500002200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE survey_results (
        consultation_id uuid PRIMARY KEY,
        cycle_id        uuid NOT NULL,
        policy_area_id  uuid,
        kind            text NOT NULL,
        title           text NOT NULL,
        survey_defined  boolean NOT NULL,
        position        text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE survey_results_question (
        consultation_id uuid NOT NULL,
        question_id     text NOT NULL,
        ordinal         integer NOT NULL,
        text            text NOT NULL,
        type            text NOT NULL,
        options         text[],
        position        text NOT NULL,
        PRIMARY KEY (consultation_id, question_id)
      )`);
    await q.query(`
      CREATE TABLE survey_results_response (
        consultation_id uuid NOT NULL,
        response_id     uuid NOT NULL,
        late            boolean NOT NULL,
        position        text NOT NULL,
        PRIMARY KEY (consultation_id, response_id)
      )`);
    // The key's order serves the query: per consultation, per question, then grouped by choice.
    await q.query(`
      CREATE TABLE survey_results_answer (
        consultation_id uuid NOT NULL,
        question_id     text NOT NULL,
        response_id     uuid NOT NULL,
        choice          text,
        position        text NOT NULL,
        PRIMARY KEY (consultation_id, question_id, response_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE survey_results_answer');
    await q.query('DROP TABLE survey_results_response');
    await q.query('DROP TABLE survey_results_question');
    await q.query('DROP TABLE survey_results');
  }
}
