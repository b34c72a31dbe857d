import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One row per cycle: what the timeline is of, and its closing steps (approval, submission). */
@Entity({ name: 'cycle_timeline' })
export class CycleTimelineRow {
  @PrimaryColumn('uuid', { name: 'cycle_id' }) cycleId: string;
  @Column('text') title: string;
  @Column('text') stage: string;
  @Column('timestamptz', { name: 'opened_at' }) openedAt: Date;
  @Column('jsonb', { nullable: true }) approval: { body: string; decisionRef: string; approvedAt: string } | null;
  @Column('jsonb', { nullable: true }) submission: { submittedAt: string } | null;
  /** Log position of the last event that changed this row (every table of the model keeps one). */
  @Column('text') position: string;
}

@Entity({ name: 'cycle_timeline_milestone' })
export class CycleTimelineMilestoneRow {
  @PrimaryColumn('uuid', { name: 'cycle_id' }) cycleId: string;
  @PrimaryColumn('uuid', { name: 'milestone_id' }) milestoneId: string;
  @Column('text') stage: string;
  @Column('text') title: string;
  /** As scheduled: an ISO 8601 date or date-time. */
  @Column('text', { name: 'due_date' }) dueDate: string;
  /** The last instant still on time (a date means the whole day, UTC); null when unreadable. */
  @Column('timestamptz', { name: 'due_by', nullable: true }) dueBy: Date | null;
  @Column('timestamptz', { name: 'scheduled_at' }) scheduledAt: Date;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt: Date | null;
  @Column('text', { nullable: true }) evidence: string | null;
  @Column('text') position: string;
}

/** Stages only move forward, so a cycle enters each stage at most once. */
@Entity({ name: 'cycle_timeline_stage_change' })
export class CycleTimelineStageChangeRow {
  @PrimaryColumn('uuid', { name: 'cycle_id' }) cycleId: string;
  @PrimaryColumn('text', { name: 'to_stage' }) toStage: string;
  /** Null for the stage the cycle opened in. */
  @Column('text', { name: 'from_stage', nullable: true }) fromStage: string | null;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt: Date;
  @Column('text') position: string;
}

@Entity({ name: 'cycle_timeline_forum_meeting' })
export class CycleTimelineForumMeetingRow {
  @PrimaryColumn('uuid', { name: 'cycle_id' }) cycleId: string;
  @PrimaryColumn('uuid', { name: 'meeting_id' }) meetingId: string;
  @Column('timestamptz', { name: 'held_at' }) heldAt: Date;
  @Column('text', { name: 'minutes_url', nullable: true }) minutesUrl: string | null;
  /** How many, not who: the timeline is public and attendance of individuals is personal. */
  @Column('integer', { name: 'attendee_count' }) attendeeCount: number;
  @Column('text') position: string;
}

@Entity({ name: 'cycle_timeline_draft_plan' })
export class CycleTimelineDraftPlanRow {
  @PrimaryColumn('uuid', { name: 'cycle_id' }) cycleId: string;
  @PrimaryColumn('text') version: string;
  @Column('text') url: string;
  @Column('timestamptz', { name: 'published_at' }) publishedAt: Date;
  @Column('text') position: string;
}

@Entity({ name: 'cycle_timeline_consultation' })
@Index('cycle_timeline_consultation_cycle', ['cycleId', 'opensAt', 'consultationId'])
export class CycleTimelineConsultationRow {
  @PrimaryColumn('uuid', { name: 'consultation_id' }) consultationId: string;
  @Column('uuid', { name: 'cycle_id' }) cycleId: string;
  @Column('uuid', { name: 'policy_area_id', nullable: true }) policyAreaId: string | null;
  @Column('text') kind: string;
  @Column('text') title: string;
  @Column('timestamptz', { name: 'announced_at' }) announcedAt: Date;
  @Column('timestamptz', { name: 'opens_at' }) opensAt: Date;
  @Column('timestamptz', { name: 'closes_at' }) closesAt: Date;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt: Date | null;
  @Column('text') position: string;
}

export interface ReportStatusChange {
  status: string;
  occurredAt: string;
}

@Entity({ name: 'cycle_timeline_report' })
@Index('cycle_timeline_report_cycle', ['cycleId', 'draftedAt', 'reportId'])
export class CycleTimelineReportRow {
  @PrimaryColumn('uuid', { name: 'report_id' }) reportId: string;
  @Column('uuid', { name: 'cycle_id' }) cycleId: string;
  @Column('uuid', { name: 'consultation_id' }) consultationId: string;
  @Column('uuid', { name: 'policy_area_id', nullable: true }) policyAreaId: string | null;
  @Column('timestamptz', { name: 'drafted_at' }) draftedAt: Date;
  @Column('text') status: string;
  /** Every status it went through, in order (a revision returns it to draft). */
  @Column('jsonb', { name: 'status_changes' }) statusChanges: ReportStatusChange[];
  @Column('integer', { name: 'feedback_rounds' }) feedbackRounds: number;
  @Column('text', { nullable: true }) url: string | null;
  @Column('text') position: string;
}
