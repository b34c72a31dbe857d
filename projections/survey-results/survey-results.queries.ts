import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ReadModels } from '../../src/read-side/read-models.js';
import { SurveyResultsRow } from './survey-results.entity.js';
import { DomainError } from '../../src/shared/domain-error.js';
import { surveyResultsProjection } from './survey-results.projection.js';

export type QuestionResult =
  | { id: string; text: string; type: 'choice'; answers: number; options: Array<{ option: string; count: number }> }
  | { id: string; text: string; type: 'text'; answers: number };

export interface SurveyResultsView {
  consultationId: string;
  cycleId: string;
  policyAreaId: string | null;
  title: string;
  /** Every response, late ones included. */
  responses: number;
  lateResponses: number;
  /** In the order the survey defines them; choice options likewise, with zero counts. */
  questions: QuestionResult[];
}

export class GetSurveyResultsQuery extends Query<SurveyResultsView> {
  constructor(
    readonly consultationId: string,
    readonly consistentWith?: string,
  ) {
    super();
  }
}

interface Aggregates {
  responses: number;
  lateResponses: number;
  questions: Array<{ id: string; text: string; type: 'text' | 'choice'; options: string[] | null; answers: number; choices: Record<string, number> }>;
}

@QueryHandler(GetSurveyResultsQuery)
export class GetSurveyResultsHandler implements IQueryHandler<GetSurveyResultsQuery, SurveyResultsView> {
  constructor(
    @InjectRepository(SurveyResultsRow) private readonly surveys: Repository<SurveyResultsRow>,
    private readonly readModels: ReadModels,
  ) {}

  async execute({ consultationId, consistentWith }: GetSurveyResultsQuery): Promise<SurveyResultsView> {
    await this.readModels.today([surveyResultsProjection], consistentWith);
    const row = await this.surveys.findOneBy({ consultationId });
    if (!row) throw new DomainError('CONSULTATION.NOT_FOUND', `no consultation ${consultationId}`, 'not_found');
    if (!row.surveyDefined) {
      const why = row.kind === 'survey' ? 'has no survey defined yet' : `is a ${row.kind}, not a survey`;
      throw new DomainError('SURVEY.NOT_DEFINED', `consultation ${consultationId} ${why}`, 'not_found');
    }
    // One statement, one snapshot: the totals and the per-question counts agree.
    const [a] = (await this.surveys.query(
      `SELECT (SELECT count(*)::int FROM survey_results_response WHERE consultation_id = $1) AS responses,
              (SELECT count(*)::int FROM survey_results_response WHERE consultation_id = $1 AND late) AS "lateResponses",
              coalesce((
                SELECT jsonb_agg(jsonb_build_object(
                         'id', q.question_id, 'text', q.text, 'type', q.type, 'options', q.options,
                         'answers', (SELECT count(*) FROM survey_results_answer a
                                      WHERE a.consultation_id = q.consultation_id AND a.question_id = q.question_id),
                         'choices', (SELECT coalesce(jsonb_object_agg(g.choice, g.n), '{}'::jsonb)
                                       FROM (SELECT choice, count(*) AS n FROM survey_results_answer a
                                              WHERE a.consultation_id = q.consultation_id AND a.question_id = q.question_id AND a.choice IS NOT NULL
                                              GROUP BY choice) g)
                       ) ORDER BY q.ordinal)
                  FROM survey_results_question q WHERE q.consultation_id = $1), '[]'::jsonb) AS questions`,
      [consultationId],
    )) as Aggregates[];
    return {
      consultationId: row.consultationId,
      cycleId: row.cycleId,
      policyAreaId: row.policyAreaId,
      title: row.title,
      responses: a.responses,
      lateResponses: a.lateResponses,
      questions: a.questions.map((q): QuestionResult =>
        q.type === 'choice'
          ? { id: q.id, text: q.text, type: 'choice', answers: q.answers, options: (q.options ?? []).map((option) => ({ option, count: q.choices[option] ?? 0 })) }
          : { id: q.id, text: q.text, type: 'text', answers: q.answers },
      ),
    };
  }
}
