import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { STAGES, type Stage } from '../../src/cycles/domain/events.js';
import { ReadModels } from '../../src/read-side/read-models.js';
import {
  CycleTimelineConsultationRow,
  CycleTimelineDraftPlanRow,
  CycleTimelineForumMeetingRow,
  CycleTimelineMilestoneRow,
  CycleTimelineReportRow,
  CycleTimelineRow,
  CycleTimelineStageChangeRow,
  type ReportStatusChange,
} from './cycle-timeline.entity.js';
import { DomainError } from '../../src/shared/domain-error.js';
import { cycleTimelineProjection } from './cycle-timeline.projection.js';

export interface MilestoneView {
  milestoneId: string;
  stage: string;
  title: string;
  dueDate: string;
  done: boolean;
  completedAt: string | null;
  evidence: string | null;
  /** Not done and past its due date, at evaluatedAt. */
  overdue: boolean;
  /** Completed after its due date, or overdue. */
  late: boolean;
}

export interface CycleTimelineView {
  cycleId: string;
  title: string;
  stage: string;
  openedAt: string;
  /** The instant `overdue` was judged against: the time of the query. */
  evaluatedAt: string;
  milestoneCounts: { planned: number; done: number; late: number; overdue: number };
  milestones: MilestoneView[];
  stageChanges: { from: string | null; to: string; occurredAt: string }[];
  forumMeetings: { meetingId: string; heldAt: string; minutesUrl: string | null; attendeeCount: number }[];
  draftPlans: { version: string; url: string; publishedAt: string }[];
  consultations: {
    consultationId: string;
    policyAreaId: string | null;
    kind: string;
    title: string;
    announcedAt: string;
    opensAt: string;
    closesAt: string;
    closedAt: string | null;
  }[];
  reports: {
    reportId: string;
    consultationId: string;
    policyAreaId: string | null;
    draftedAt: string;
    status: string;
    statusChanges: ReportStatusChange[];
    feedbackRounds: number;
    url: string | null;
  }[];
  approval: { body: string; decisionRef: string; approvedAt: string } | null;
  submission: { submittedAt: string } | null;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Rows of the timeline as answers say them (the API's timeline and the website's cycle page). */
export const presentTimeline = {
  forumMeeting: (f: CycleTimelineForumMeetingRow) => ({ meetingId: f.meetingId, heldAt: f.heldAt.toISOString(), minutesUrl: f.minutesUrl, attendeeCount: f.attendeeCount }),
  draftPlan: (p: CycleTimelineDraftPlanRow) => ({ version: p.version, url: p.url, publishedAt: p.publishedAt.toISOString() }),
  consultation: (c: CycleTimelineConsultationRow) => ({
    consultationId: c.consultationId,
    policyAreaId: c.policyAreaId,
    kind: c.kind,
    title: c.title,
    announcedAt: c.announcedAt.toISOString(),
    opensAt: c.opensAt.toISOString(),
    closesAt: c.closesAt.toISOString(),
    closedAt: iso(c.closedAt),
  }),
};

function presentMilestone(m: CycleTimelineMilestoneRow, now: Date): MilestoneView {
  const overdue = m.completedAt === null && m.dueBy !== null && m.dueBy < now;
  const completedLate = m.completedAt !== null && m.dueBy !== null && m.completedAt > m.dueBy;
  return {
    milestoneId: m.milestoneId,
    stage: m.stage,
    title: m.title,
    dueDate: m.dueDate,
    done: m.completedAt !== null,
    completedAt: iso(m.completedAt),
    evidence: m.evidence,
    overdue,
    late: completedLate || overdue,
  };
}

export class GetCycleTimelineQuery extends Query<CycleTimelineView> {
  constructor(
    readonly cycleId: string,
    readonly consistentWith?: string,
  ) {
    super();
  }
}

@QueryHandler(GetCycleTimelineQuery)
export class GetCycleTimelineHandler implements IQueryHandler<GetCycleTimelineQuery, CycleTimelineView> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly readModels: ReadModels,
  ) {}

  async execute({ cycleId, consistentWith }: GetCycleTimelineQuery): Promise<CycleTimelineView> {
    await this.readModels.today([cycleTimelineProjection], consistentWith);
    const now = new Date();
    // One snapshot for all the tables: the runner may commit a batch between two reads.
    const view = await this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const cycle = await m.findOneBy(CycleTimelineRow, { cycleId });
      if (!cycle) return null;
      const where = { cycleId };
      const milestones = await m.find(CycleTimelineMilestoneRow, { where, order: { dueBy: 'ASC', milestoneId: 'ASC' } });
      const stages = await m.find(CycleTimelineStageChangeRow, { where });
      const meetings = await m.find(CycleTimelineForumMeetingRow, { where, order: { heldAt: 'ASC', meetingId: 'ASC' } });
      const drafts = await m.find(CycleTimelineDraftPlanRow, { where, order: { publishedAt: 'ASC', version: 'ASC' } });
      const consultations = await m.find(CycleTimelineConsultationRow, { where, order: { opensAt: 'ASC', consultationId: 'ASC' } });
      const reports = await m.find(CycleTimelineReportRow, { where, order: { draftedAt: 'ASC', reportId: 'ASC' } });
      const shown = milestones.map((row) => presentMilestone(row, now));
      const stageIndex = (s: string) => STAGES.indexOf(s as Stage);
      return {
        cycleId: cycle.cycleId,
        title: cycle.title,
        stage: cycle.stage,
        openedAt: cycle.openedAt.toISOString(),
        evaluatedAt: now.toISOString(),
        milestoneCounts: {
          planned: shown.length,
          done: shown.filter((s) => s.done).length,
          late: shown.filter((s) => s.late).length,
          overdue: shown.filter((s) => s.overdue).length,
        },
        milestones: shown,
        // Stages only move forward: their order is the order they were entered in.
        stageChanges: stages
          .sort((a, b) => stageIndex(a.toStage) - stageIndex(b.toStage))
          .map((s) => ({ from: s.fromStage, to: s.toStage, occurredAt: s.occurredAt.toISOString() })),
        forumMeetings: meetings.map(presentTimeline.forumMeeting),
        draftPlans: drafts.map(presentTimeline.draftPlan),
        consultations: consultations.map(presentTimeline.consultation),
        reports: reports.map((r) => ({
          reportId: r.reportId,
          consultationId: r.consultationId,
          policyAreaId: r.policyAreaId,
          draftedAt: r.draftedAt.toISOString(),
          status: r.status,
          statusChanges: r.statusChanges,
          feedbackRounds: r.feedbackRounds,
          url: r.url,
        })),
        approval: cycle.approval,
        submission: cycle.submission,
      };
    });
    if (!view) throw new DomainError('CYCLE.NOT_FOUND', `no cycle ${cycleId}`, 'not_found');
    return view;
  }
}
