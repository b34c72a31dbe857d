import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per consultation (of any kind, so that "no survey here" differs from "no such consultation"). */
@Entity({ name: 'survey_results' })
export class SurveyResultsRow {
  @PrimaryColumn('uuid', { name: 'consultation_id' }) consultationId: string;
  @Column('uuid', { name: 'cycle_id' }) cycleId: string;
  @Column('uuid', { name: 'policy_area_id', nullable: true }) policyAreaId: string | null;
  @Column('text') kind: string;
  @Column('text') title: string;
  @Column('boolean', { name: 'survey_defined' }) surveyDefined: boolean;
  /** Log position of the last event that changed this row. */
  @Column('text') position: string;
}

/** The survey's questions as last defined, in their order. */
@Entity({ name: 'survey_results_question' })
export class SurveyResultsQuestionRow {
  @PrimaryColumn('uuid', { name: 'consultation_id' }) consultationId: string;
  @PrimaryColumn('text', { name: 'question_id' }) questionId: string;
  @Column('integer') ordinal: number;
  @Column('text') text: string;
  /** text | choice */
  @Column('text') type: string;
  /** The choices of a choice question; null for text. */
  @Column('text', { array: true, nullable: true }) options: string[] | null;
  @Column('text') position: string;
}

/** One row per response: the total, whatever it answered. */
@Entity({ name: 'survey_results_response' })
export class SurveyResultsResponseRow {
  @PrimaryColumn('uuid', { name: 'consultation_id' }) consultationId: string;
  @PrimaryColumn('uuid', { name: 'response_id' }) responseId: string;
  @Column('boolean') late: boolean;
  @Column('text') position: string;
}

/**
 * One row per answer, counted at query time. A text answer's value is personal data (encrypted
 * for individuals): only the fact that it was answered is kept, never the text.
 */
@Entity({ name: 'survey_results_answer' })
export class SurveyResultsAnswerRow {
  @PrimaryColumn('uuid', { name: 'consultation_id' }) consultationId: string;
  @PrimaryColumn('text', { name: 'question_id' }) questionId: string;
  @PrimaryColumn('uuid', { name: 'response_id' }) responseId: string;
  /** The option chosen; null for a text answer. */
  @Column('text', { nullable: true }) choice: string | null;
  @Column('text') position: string;
}
