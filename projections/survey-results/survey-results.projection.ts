import type { ConsultationAnnounced, SurveyDefined, SurveyResponseSubmitted } from '../../src/consultations/domain/events.js';
import { on, type ProjectionDefinition } from '../../src/projection-runner/projection.js';
import { SurveyResultsAnswerRow, SurveyResultsQuestionRow, SurveyResultsResponseRow, SurveyResultsRow } from './survey-results.entity.js';

export const surveyResultsProjection: ProjectionDefinition = {
  name: 'survey-results',
  version: 1,
  tables: ['survey_results', 'survey_results_question', 'survey_results_response', 'survey_results_answer'],
  entities: [SurveyResultsRow, SurveyResultsQuestionRow, SurveyResultsResponseRow, SurveyResultsAnswerRow],
  handlers: {
    ConsultationAnnounced: on<ConsultationAnnounced>(async (d, event, store) => {
      store.put(SurveyResultsRow, {
        consultationId: d.consultationId,
        cycleId: d.cycleId,
        policyAreaId: d.policyAreaId,
        kind: d.kind,
        title: d.title,
        surveyDefined: false,
        position: event.position,
      });
    }),

    // A survey may be defined again until its first response: the new questions replace the old.
    SurveyDefined: on<SurveyDefined>(async (d, event, store) => {
      const row = await store.get(SurveyResultsRow, { consultationId: d.consultationId });
      if (!row) throw new Error(`no row for consultation ${d.consultationId}`);
      store.put(SurveyResultsRow, { ...row, surveyDefined: true, position: event.position });
      for (const old of await store.find(SurveyResultsQuestionRow, { consultationId: d.consultationId })) {
        store.remove(SurveyResultsQuestionRow, { consultationId: old.consultationId, questionId: old.questionId });
      }
      d.questions.forEach((q, ordinal) =>
        store.put(SurveyResultsQuestionRow, {
          consultationId: d.consultationId,
          questionId: q.id,
          ordinal,
          text: q.text,
          type: q.type,
          options: q.type === 'choice' ? (q.options ?? []) : null,
          position: event.position,
        }),
      );
    }),

    SurveyResponseSubmitted: on<SurveyResponseSubmitted>(async (d, event, store) => {
      const { consultationId, responseId } = d;
      store.put(SurveyResultsResponseRow, { consultationId, responseId, late: d.late, position: event.position });
      for (const answer of d.answers) {
        // Only a choice's value is read: a text answer is personal and merely counted.
        const choice = answer.type === 'choice' ? answer.value : null;
        store.put(SurveyResultsAnswerRow, { consultationId, questionId: answer.questionId, responseId, choice, position: event.position });
      }
    }),
  },
};
