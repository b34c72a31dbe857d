import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PersonalTextPresenter } from '../src/read-side/personal-text.js';
import { AccountabilityController } from './accountability/accountability.controller.js';
import { AccountabilityHotRead } from './accountability/accountability.hot-read.js';
import { DuplicateCandidatesController } from './accountability/duplicate-candidates.controller.js';
import { DuplicateCandidatesHandler } from './accountability/duplicate-candidates.queries.js';
import { AccountabilityRow } from './accountability/accountability.entity.js';
import { GetAccountabilityHandler, ListContributionsHandler } from './accountability/accountability.queries.js';
import { ConsultationSummaryController } from './consultation-summary/consultation-summary.controller.js';
import { ConsultationSummaryContributionRow, ConsultationSummaryRow } from './consultation-summary/consultation-summary.entity.js';
import { GetConsultationSummaryHandler, ListConsultationsHandler } from './consultation-summary/consultation-summary.queries.js';
import { DirectoryCommitmentRow, DirectoryConsultationRow, DirectoryPolicyAreaRow, DirectoryStakeholderRow } from './directory/directory.entity.js';
import { PolicyAreaDashboardController } from './policy-area-dashboard/policy-area-dashboard.controller.js';
import { PolicyAreaDashboardContributionRow, PolicyAreaDashboardRow } from './policy-area-dashboard/policy-area-dashboard.entity.js';
import { GetPolicyAreaDashboardHandler } from './policy-area-dashboard/policy-area-dashboard.queries.js';
import { SurveyResultsController } from './survey-results/survey-results.controller.js';
import { SurveyResultsAnswerRow, SurveyResultsQuestionRow, SurveyResultsResponseRow, SurveyResultsRow } from './survey-results/survey-results.entity.js';
import { GetSurveyResultsHandler } from './survey-results/survey-results.queries.js';

import { CommitmentTraceabilityController } from './commitment-traceability/commitment-traceability.controller.js';
import { CommitmentContributionRow, CommitmentRevisionRow, CommitmentTraceabilityRow } from './commitment-traceability/commitment-traceability.entity.js';
import { GetTraceabilityHandler, ListCommitmentsHandler } from './commitment-traceability/commitment-traceability.queries.js';
import { StakeholderContributionsController } from './stakeholder-contributions/stakeholder-contributions.controller.js';
import {
  StakeholderAttendanceRow,
  StakeholderConsultationRow,
  StakeholderContributionRow,
  StakeholderInvitationRow,
  StakeholderRow,
} from './stakeholder-contributions/stakeholder-contributions.entity.js';
import { GetStakeholderContributionsHandler } from './stakeholder-contributions/stakeholder-contributions.queries.js';
import { CyclesReadController } from './cycles/cycles.controller.js';
import { CycleRow } from './cycles/cycles.entity.js';
import { GetCycleHandler, ListCyclesHandler } from './cycles/cycles.queries.js';
import { CycleTimelineController } from './cycle-timeline/cycle-timeline.controller.js';
import {
  CycleTimelineConsultationRow,
  CycleTimelineDraftPlanRow,
  CycleTimelineForumMeetingRow,
  CycleTimelineMilestoneRow,
  CycleTimelineReportRow,
  CycleTimelineRow,
  CycleTimelineStageChangeRow,
} from './cycle-timeline/cycle-timeline.entity.js';
import { GetCycleTimelineHandler } from './cycle-timeline/cycle-timeline.queries.js';
import { StakeholdersReadController } from './directory/stakeholders.controller.js';
import { ListStakeholdersHandler } from './directory/stakeholders.queries.js';
import { ReportsReadController } from './reports/reports.controller.js';
import { ReportRow } from './reports/reports.entity.js';
import { GetReportHandler, ListReportsHandler } from './reports/reports.queries.js';
import { ReasonedResponseController } from './reasoned-response/reasoned-response.controller.js';
import { ReasonedResponseCycleRow, ReasonedResponseRow } from './reasoned-response/reasoned-response.entity.js';
import { ExportReasonedResponseHandler, GetReasonedResponseHandler } from './reasoned-response/reasoned-response.queries.js';

/** The query side: each read model's controller and query handlers. */
@Module({
  imports: [TypeOrmModule.forFeature([AccountabilityRow, ConsultationSummaryRow, ConsultationSummaryContributionRow, PolicyAreaDashboardRow, PolicyAreaDashboardContributionRow, SurveyResultsRow, SurveyResultsQuestionRow, SurveyResultsResponseRow, SurveyResultsAnswerRow, CommitmentTraceabilityRow, CommitmentRevisionRow, CommitmentContributionRow, StakeholderRow, StakeholderConsultationRow, StakeholderInvitationRow, StakeholderAttendanceRow, StakeholderContributionRow, CycleRow, CycleTimelineRow, CycleTimelineMilestoneRow, CycleTimelineStageChangeRow, CycleTimelineForumMeetingRow, CycleTimelineDraftPlanRow, CycleTimelineConsultationRow, CycleTimelineReportRow, ReasonedResponseCycleRow, ReasonedResponseRow, DirectoryPolicyAreaRow, DirectoryConsultationRow, DirectoryCommitmentRow, DirectoryStakeholderRow, ReportRow])],
  controllers: [AccountabilityController, DuplicateCandidatesController, ConsultationSummaryController, PolicyAreaDashboardController, SurveyResultsController, CommitmentTraceabilityController, StakeholderContributionsController, CyclesReadController, CycleTimelineController, ReasonedResponseController, ReportsReadController, StakeholdersReadController],
  providers: [PersonalTextPresenter, AccountabilityHotRead, GetAccountabilityHandler, DuplicateCandidatesHandler, ListContributionsHandler, GetConsultationSummaryHandler, ListConsultationsHandler, GetPolicyAreaDashboardHandler, GetSurveyResultsHandler, GetTraceabilityHandler, ListCommitmentsHandler, GetStakeholderContributionsHandler, GetCycleHandler, ListCyclesHandler, GetCycleTimelineHandler, GetReasonedResponseHandler, ExportReasonedResponseHandler, GetReportHandler, ListReportsHandler, ListStakeholdersHandler],
})
export class ReadModelsModule {}
