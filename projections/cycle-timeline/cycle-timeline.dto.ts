import { ApiProperty } from '@nestjs/swagger';
import { CONSULTATION_KINDS } from '../../src/consultations/domain/events.js';
import { STAGES } from '../../src/cycles/domain/events.js';
import { REPORT_STATUSES } from '../../src/reports/domain/events.js';
import { CycleApprovalResponse, CycleSubmissionResponse } from '../cycles/cycles.dto.js';

class MilestoneResponse {
  @ApiProperty({ format: 'uuid' }) milestoneId: string;
  @ApiProperty({ enum: STAGES }) stage: string;
  @ApiProperty({ example: 'Pre-consultation surveys' }) title: string;
  @ApiProperty({ example: '2020-08-31' }) dueDate: string;
  @ApiProperty() done: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) completedAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'https://ogp.gov.al/surveys-2020' }) evidence: string | null;
  @ApiProperty({ description: 'Not done and past its due date, at evaluatedAt' }) overdue: boolean;
  @ApiProperty({ description: 'Completed after its due date, or overdue' }) late: boolean;
}

class MilestoneCountsResponse {
  @ApiProperty({ example: 6 }) planned: number;
  @ApiProperty({ example: 4 }) done: number;
  @ApiProperty({ example: 1 }) late: number;
  @ApiProperty({ example: 0 }) overdue: number;
}

class StageChangeResponse {
  @ApiProperty({ type: String, nullable: true, enum: STAGES }) from: string | null;
  @ApiProperty({ enum: STAGES }) to: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
}

class ForumMeetingResponse {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ example: '2020-10-01T09:00:00Z' }) heldAt: string;
  @ApiProperty({ type: String, nullable: true, example: null }) minutesUrl: string | null;
  @ApiProperty({ example: 12 }) attendeeCount: number;
}

class DraftPlanResponse {
  @ApiProperty({ example: '0.9' }) version: string;
  @ApiProperty({ example: 'https://www.opengovpartnership.al/draft-0.9.pdf' }) url: string;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
}

class TimelineConsultationResponse {
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) policyAreaId: string | null;
  @ApiProperty({ enum: CONSULTATION_KINDS }) kind: string;
  @ApiProperty({ example: 'Anti-Corruption thematic meeting' }) title: string;
  @ApiProperty({ format: 'date-time' }) announcedAt: string;
  @ApiProperty({ format: 'date-time' }) opensAt: string;
  @ApiProperty({ format: 'date-time' }) closesAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt: string | null;
}

class ReportStatusChangeResponse {
  @ApiProperty({ enum: REPORT_STATUSES }) status: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
}

class TimelineReportResponse {
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) policyAreaId: string | null;
  @ApiProperty({ format: 'date-time' }) draftedAt: string;
  @ApiProperty({ enum: REPORT_STATUSES }) status: string;
  @ApiProperty({ type: [ReportStatusChangeResponse] }) statusChanges: ReportStatusChangeResponse[];
  @ApiProperty({ example: 1 }) feedbackRounds: number;
  @ApiProperty({ type: String, nullable: true, example: null }) url: string | null;
}

export class CycleTimelineResponse {
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ example: 'Albania NAP 2020–2022' }) title: string;
  @ApiProperty({ enum: STAGES }) stage: string;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ format: 'date-time', description: 'The instant overdue was judged against' }) evaluatedAt: string;
  @ApiProperty({ type: () => MilestoneCountsResponse }) milestoneCounts: MilestoneCountsResponse;
  @ApiProperty({ type: [MilestoneResponse] }) milestones: MilestoneResponse[];
  @ApiProperty({ type: [StageChangeResponse] }) stageChanges: StageChangeResponse[];
  @ApiProperty({ type: [ForumMeetingResponse] }) forumMeetings: ForumMeetingResponse[];
  @ApiProperty({ type: [DraftPlanResponse] }) draftPlans: DraftPlanResponse[];
  @ApiProperty({ type: [TimelineConsultationResponse] }) consultations: TimelineConsultationResponse[];
  @ApiProperty({ type: [TimelineReportResponse] }) reports: TimelineReportResponse[];
  @ApiProperty({ type: () => CycleApprovalResponse, nullable: true, example: null }) approval: CycleApprovalResponse | null;
  @ApiProperty({ type: () => CycleSubmissionResponse, nullable: true, example: null }) submission: CycleSubmissionResponse | null;
}
