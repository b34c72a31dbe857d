import type { ReadModelKit } from '../shared/read-model-kit.js';
import { SurveyResultsController } from './survey-results.controller.js';
import { GetSurveyResultsHandler } from './survey-results.queries.js';
import { SurveyResults1795500002200 } from './migrations/1795500002200-survey-results.js';
import { surveyResultsProjection } from './survey-results.projection.js';

export const surveyResultsReadModel: ReadModelKit = {
  projection: surveyResultsProjection,
  migrations: [SurveyResults1795500002200],
  controllers: [SurveyResultsController],
  providers: [GetSurveyResultsHandler],
};
