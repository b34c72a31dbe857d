/**
 * The one list of read models: a new projection is a folder `projections/<name>/` with its
 * `<name>.read-model.ts`, and one line here. The runner's projections (ALL_PROJECTIONS), the
 * projection migrations (src/database/registry.ts runs them), the entities and the query side's
 * module (read-models.module.ts) are all derived from this list.
 */
import type { ProjectionDefinition } from '../src/projection-runner/projection.js';
import { accountabilityReadModel } from './accountability/accountability.read-model.js';
import { commitmentTraceabilityReadModel } from './commitment-traceability/commitment-traceability.read-model.js';
import { complianceReadModel } from './compliance/compliance.read-model.js';
import { consultationSummaryReadModel } from './consultation-summary/consultation-summary.read-model.js';
import { contributionLinksReadModel } from './contribution-links/contribution-links.read-model.js';
import { cycleTimelineReadModel } from './cycle-timeline/cycle-timeline.read-model.js';
import { cyclesReadModel } from './cycles/cycles.read-model.js';
import { directoryReadModel } from './directory/directory.read-model.js';
import { policyAreaDashboardReadModel } from './policy-area-dashboard/policy-area-dashboard.read-model.js';
import { reasonedResponseReadModel } from './reasoned-response/reasoned-response.read-model.js';
import { reportsReadModel } from './reports/reports.read-model.js';
import { OutcomeTablesFillfactor1796600000000 } from './shared/migrations/1796600000000-outcome-tables-fillfactor.js';
import type { ReadModelKit } from './shared/read-model-kit.js';
import { stakeholderContributionsReadModel } from './stakeholder-contributions/stakeholder-contributions.read-model.js';
import { surveyResultsReadModel } from './survey-results/survey-results.read-model.js';
import { webPagesReadModel } from './web-pages/web-pages.read-model.js';

/**
 * In the order the runner starts, rebuilds and lists them (the admin API, the tests). The order
 * does not matter to the migrations: TypeORM sorts them by the timestamp ending each class name.
 */
export const READ_MODELS: readonly ReadModelKit[] = [
  accountabilityReadModel,
  consultationSummaryReadModel,
  policyAreaDashboardReadModel,
  surveyResultsReadModel,
  contributionLinksReadModel,
  complianceReadModel,
  commitmentTraceabilityReadModel,
  stakeholderContributionsReadModel,
  cyclesReadModel,
  cycleTimelineReadModel,
  reasonedResponseReadModel,
  directoryReadModel,
  reportsReadModel,
  webPagesReadModel,
];

export const ALL_PROJECTIONS: ProjectionDefinition[] = READ_MODELS.flatMap((m) => (m.projection ? [m.projection] : []));

/** Migrations that span several read models (the outcome tables' storage): not any one kit's. */
const SHARED_MIGRATIONS = [OutcomeTablesFillfactor1796600000000];

export const PROJECTION_MIGRATIONS = [...READ_MODELS.flatMap((m) => m.migrations), ...SHARED_MIGRATIONS];
