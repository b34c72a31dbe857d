/**
 * Every projection the runner drives (ALL_PROJECTIONS; their entities come from each definition)
 * and every projection migration (PROJECTION_MIGRATIONS, new ones appended at the end;
 * src/database/registry.ts runs them). Each projection lives in a folder of its own with its
 * entity, migrations and handlers; one with queries also registers its entities, query handlers
 * and controller in read-models.module.ts. Issue 13 plans one registration per read model instead.
 */
import type { ProjectionDefinition } from '../src/projection-runner/projection.js';
import { accountabilityProjection } from './accountability/accountability.projection.js';
import { Accountability1795500001000 } from './accountability/migrations/1795500001000-accountability.js';
import { consultationSummaryProjection } from './consultation-summary/consultation-summary.projection.js';
import { ConsultationSummary1795500002000 } from './consultation-summary/migrations/1795500002000-consultation-summary.js';
import { PolicyAreaDashboard1795500002100 } from './policy-area-dashboard/migrations/1795500002100-policy-area-dashboard.js';
import { policyAreaDashboardProjection } from './policy-area-dashboard/policy-area-dashboard.projection.js';
import { SurveyResults1795500002200 } from './survey-results/migrations/1795500002200-survey-results.js';
import { surveyResultsProjection } from './survey-results/survey-results.projection.js';
import { complianceProjection } from './compliance/compliance.projection.js';
import { Compliance1795500004600 } from './compliance/migrations/1795500004600-compliance.js';
import { contributionLinksProjection } from './contribution-links/contribution-links.projection.js';
import { ContributionLinks1795500004500 } from './contribution-links/migrations/1795500004500-contribution-links.js';

import { commitmentTraceabilityProjection } from './commitment-traceability/commitment-traceability.projection.js';
import { CommitmentTraceability1795500003000 } from './commitment-traceability/migrations/1795500003000-commitment-traceability.js';
import { stakeholderContributionsProjection } from './stakeholder-contributions/stakeholder-contributions.projection.js';
import { StakeholderContributions1795500003100 } from './stakeholder-contributions/migrations/1795500003100-stakeholder-contributions.js';
import { cyclesProjection } from './cycles/cycles.projection.js';
import { Cycles1795500003200 } from './cycles/migrations/1795500003200-cycles.js';
import { cycleTimelineProjection } from './cycle-timeline/cycle-timeline.projection.js';
import { CycleTimeline1795500003300 } from './cycle-timeline/migrations/1795500003300-cycle-timeline.js';
import { reasonedResponseProjection } from './reasoned-response/reasoned-response.projection.js';
import { ReasonedResponse1795500003400 } from './reasoned-response/migrations/1795500003400-reasoned-response.js';
import { ReasonedResponseResponder1796100000300 } from './reasoned-response/migrations/1796100000300-reasoned-response-responder.js';
import { reportsProjection } from './reports/reports.projection.js';
import { Reports1796100000100 } from './reports/migrations/1796100000100-reports.js';
import { directoryProjection } from './directory/directory.projection.js';
import { Directory1796100000000 } from './directory/migrations/1796100000000-directory.js';
import { AccountabilityRevision1796100000200 } from './accountability/migrations/1796100000200-accountability-revision.js';
import { CommitmentTraceabilityRevision1796100000500 } from './commitment-traceability/migrations/1796100000500-commitment-traceability-revision.js';
import { CyclesRevision1796100000600 } from './cycles/migrations/1796100000600-cycles-revision.js';
import { WebPages1796300000000 } from './web-pages/migrations/1796300000000-web-pages.js';
import { webPagesProjection } from './web-pages/web-pages.projection.js';
import { ConsultationSummaryRevision1796100000400 } from './consultation-summary/migrations/1796100000400-consultation-summary-revision.js';

export const ALL_PROJECTIONS: ProjectionDefinition[] = [accountabilityProjection, consultationSummaryProjection, policyAreaDashboardProjection, surveyResultsProjection, contributionLinksProjection, complianceProjection, commitmentTraceabilityProjection, stakeholderContributionsProjection, cyclesProjection, cycleTimelineProjection, reasonedResponseProjection, directoryProjection, reportsProjection, webPagesProjection];

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const PROJECTION_MIGRATIONS: Function[] = [Accountability1795500001000, ConsultationSummary1795500002000, PolicyAreaDashboard1795500002100, SurveyResults1795500002200, ContributionLinks1795500004500, Compliance1795500004600, CommitmentTraceability1795500003000, StakeholderContributions1795500003100, Cycles1795500003200, CycleTimeline1795500003300, ReasonedResponse1795500003400,
  Directory1796100000000, Reports1796100000100, AccountabilityRevision1796100000200, ReasonedResponseResponder1796100000300, ConsultationSummaryRevision1796100000400, CommitmentTraceabilityRevision1796100000500, CyclesRevision1796100000600, WebPages1796300000000];
