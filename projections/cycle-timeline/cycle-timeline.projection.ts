import type { ConsultationAnnounced, ConsultationClosed } from '../../src/consultations/domain/events.js';
import type {
  CycleOpened,
  CycleStageAdvanced,
  DraftPlanPublished,
  ForumMeetingHeld,
  MilestoneCompleted,
  MilestoneScheduled,
  PlanApproved,
  PlanSubmitted,
} from '../../src/cycles/domain/events.js';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { on, type ProjectionDefinition, type ProjectionHandler, type ProjectionStore } from '../../src/projection-runner/projection.js';
import type { ReportDrafted, ReportFeedbackGiven, ReportPublished, ReportStatus } from '../../src/reports/domain/events.js';
import {
  CycleTimelineConsultationRow,
  CycleTimelineDraftPlanRow,
  CycleTimelineForumMeetingRow,
  CycleTimelineMilestoneRow,
  CycleTimelineReportRow,
  CycleTimelineRow,
  CycleTimelineStageChangeRow,
} from './cycle-timeline.entity.js';

const occurredAt = (event: RecordedEvent) => new Date(event.metadata.occurredAt);

/** A due date without a time means the whole day (UTC); an unreadable one is never late. */
function dueBy(dueDate: string): Date | null {
  const at = new Date(/^\d{4}-\d{2}-\d{2}$/.test(dueDate) ? `${dueDate}T23:59:59.999Z` : dueDate);
  return Number.isNaN(at.getTime()) ? null : at;
}

async function cycle(store: ProjectionStore, cycleId: string): Promise<CycleTimelineRow> {
  const row = await store.get(CycleTimelineRow, { cycleId });
  if (!row) throw new Error(`no row for cycle ${cycleId}`);
  return row;
}

async function report(store: ProjectionStore, reportId: string): Promise<CycleTimelineReportRow> {
  const row = await store.get(CycleTimelineReportRow, { reportId });
  if (!row) throw new Error(`no row for report ${reportId}`);
  return row;
}

function enterStage(store: ProjectionStore, cycleId: string, from: string | null, to: string, event: RecordedEvent): void {
  store.put(CycleTimelineStageChangeRow, { cycleId, toStage: to, fromStage: from, occurredAt: occurredAt(event), position: event.position });
}

/** A report event that moves its status (and may set more of the row). */
const reportStep = <E extends { type: string; data: { reportId: string } }>(status: ReportStatus, more: (d: E['data']) => Partial<CycleTimelineReportRow> = () => ({})): ProjectionHandler =>
  on<E>(async (d, event, store) => {
    const row = await report(store, d.reportId);
    const statusChanges = [...row.statusChanges, { status, occurredAt: event.metadata.occurredAt }];
    store.put(CycleTimelineReportRow, { ...row, status, statusChanges, ...more(d), position: event.position });
  });

export const cycleTimelineProjection: ProjectionDefinition = {
  name: 'cycle-timeline',
  version: 1,
  tables: [
    'cycle_timeline',
    'cycle_timeline_milestone',
    'cycle_timeline_stage_change',
    'cycle_timeline_forum_meeting',
    'cycle_timeline_draft_plan',
    'cycle_timeline_consultation',
    'cycle_timeline_report',
  ],
  entities: [
    CycleTimelineRow,
    CycleTimelineMilestoneRow,
    CycleTimelineStageChangeRow,
    CycleTimelineForumMeetingRow,
    CycleTimelineDraftPlanRow,
    CycleTimelineConsultationRow,
    CycleTimelineReportRow,
  ],
  handlers: {
    CycleOpened: on<CycleOpened>(async (d, event, store) => {
      store.put(CycleTimelineRow, { cycleId: d.cycleId, title: d.title, stage: d.stage, openedAt: occurredAt(event), approval: null, submission: null, position: event.position });
      enterStage(store, d.cycleId, null, d.stage, event);
    }),

    MilestoneScheduled: on<MilestoneScheduled>(async (d, event, store) => {
      store.put(CycleTimelineMilestoneRow, {
        cycleId: d.cycleId,
        milestoneId: d.milestoneId,
        stage: d.stage,
        title: d.title,
        dueDate: d.dueDate,
        dueBy: dueBy(d.dueDate),
        scheduledAt: occurredAt(event),
        completedAt: null,
        evidence: null,
        position: event.position,
      });
    }),

    MilestoneCompleted: on<MilestoneCompleted>(async (d, event, store) => {
      const row = await store.get(CycleTimelineMilestoneRow, { cycleId: d.cycleId, milestoneId: d.milestoneId });
      if (!row) throw new Error(`no row for milestone ${d.milestoneId}`);
      store.put(CycleTimelineMilestoneRow, { ...row, completedAt: new Date(d.completedAt), evidence: d.evidence, position: event.position });
    }),

    ForumMeetingHeld: on<ForumMeetingHeld>(async (d, event, store) => {
      store.put(CycleTimelineForumMeetingRow, {
        cycleId: d.cycleId,
        meetingId: d.meetingId,
        heldAt: new Date(d.heldAt),
        minutesUrl: d.minutesUrl,
        attendeeCount: d.attendeeIds.length,
        position: event.position,
      });
    }),

    CycleStageAdvanced: on<CycleStageAdvanced>(async (d, event, store) => {
      store.put(CycleTimelineRow, { ...(await cycle(store, d.cycleId)), stage: d.to, position: event.position });
      enterStage(store, d.cycleId, d.from, d.to, event);
    }),

    DraftPlanPublished: on<DraftPlanPublished>(async (d, event, store) => {
      store.put(CycleTimelineDraftPlanRow, { cycleId: d.cycleId, version: d.version, url: d.url, publishedAt: occurredAt(event), position: event.position });
    }),

    PlanApproved: on<PlanApproved>(async (d, event, store) => {
      const approval = { body: d.body, decisionRef: d.decisionRef, approvedAt: d.approvedAt };
      store.put(CycleTimelineRow, { ...(await cycle(store, d.cycleId)), approval, position: event.position });
    }),

    // Submission moves the cycle to its last stage by itself: a stage change like the others.
    PlanSubmitted: on<PlanSubmitted>(async (d, event, store) => {
      const row = await cycle(store, d.cycleId);
      store.put(CycleTimelineRow, { ...row, stage: 'submitted', submission: { submittedAt: d.submittedAt }, position: event.position });
      enterStage(store, d.cycleId, row.stage, 'submitted', event);
    }),

    ConsultationAnnounced: on<ConsultationAnnounced>(async (d, event, store) => {
      store.put(CycleTimelineConsultationRow, {
        consultationId: d.consultationId,
        cycleId: d.cycleId,
        policyAreaId: d.policyAreaId,
        kind: d.kind,
        title: d.title,
        announcedAt: new Date(d.announcedAt),
        opensAt: new Date(d.opensAt),
        closesAt: new Date(d.closesAt),
        closedAt: null,
        position: event.position,
      });
    }),

    ConsultationClosed: on<ConsultationClosed>(async (d, event, store) => {
      const row = await store.get(CycleTimelineConsultationRow, { consultationId: d.consultationId });
      if (!row) throw new Error(`no row for consultation ${d.consultationId}`);
      store.put(CycleTimelineConsultationRow, { ...row, closedAt: new Date(d.closedAt), position: event.position });
    }),

    ReportDrafted: on<ReportDrafted>(async (d, event, store) => {
      store.put(CycleTimelineReportRow, {
        reportId: d.reportId,
        cycleId: d.cycleId,
        consultationId: d.consultationId,
        policyAreaId: d.policyAreaId,
        draftedAt: occurredAt(event),
        status: 'draft',
        statusChanges: [{ status: 'draft', occurredAt: event.metadata.occurredAt }],
        feedbackRounds: 0,
        url: null,
        position: event.position,
      });
    }),
    ReportSubmitted: reportStep('submitted'),
    ReportFeedbackGiven: on<ReportFeedbackGiven>(async (d, event, store) => {
      store.put(CycleTimelineReportRow, { ...(await report(store, d.reportId)), feedbackRounds: d.round, position: event.position });
    }),
    ReportRevised: reportStep('draft'),
    ReportAccepted: reportStep('accepted'),
    ReportPublished: reportStep<ReportPublished>('published', (d) => ({ url: d.url })),
  },
};
