import type { ReadModelKit } from '../shared/read-model-kit.js';
import { ConsultationSummaryController } from './consultation-summary.controller.js';
import { GetConsultationSummaryHandler, ListConsultationsHandler } from './consultation-summary.queries.js';
import { ConsultationSummary1795500002000 } from './migrations/1795500002000-consultation-summary.js';
import { ConsultationSummaryRevision1796100000400 } from './migrations/1796100000400-consultation-summary-revision.js';
import { ConsultationSummaryFromAccountability1796700000200 } from './migrations/1796700000200-consultation-summary-from-accountability.js';
import { consultationSummaryProjection } from './consultation-summary.projection.js';

export const consultationSummaryReadModel: ReadModelKit = {
  projection: consultationSummaryProjection,
  migrations: [ConsultationSummary1795500002000, ConsultationSummaryRevision1796100000400, ConsultationSummaryFromAccountability1796700000200],
  controllers: [ConsultationSummaryController],
  providers: [GetConsultationSummaryHandler, ListConsultationsHandler],
};
