export const STAGES = [
  'preparation',
  'pre_consultation',
  'thematic_consultation',
  'drafting',
  'public_consultation',
  'approval',
  'submitted',
] as const;
export type Stage = (typeof STAGES)[number];

export interface ComplianceThresholds {
  forumMaxGapDays: number;
  timelineNoticeDays: number;
  consultationNoticeDays: number;
  repositoryUpdatesPerYear: number;
}

export interface CycleOpened {
  type: 'CycleOpened';
  data: {
    cycleId: string;
    country: string;
    title: string;
    periodStart: string;
    periodEnd: string;
    pocInstitution: string;
    methodology: string | null;
    stage: 'preparation';
  };
}

export interface PolicyAreaAdded {
  type: 'PolicyAreaAdded';
  data: { cycleId: string; policyAreaId: string; name: string; leadInstitution: string };
}

export interface MilestoneScheduled {
  type: 'MilestoneScheduled';
  data: { cycleId: string; milestoneId: string; stage: Stage; title: string; dueDate: string };
}

export interface MilestoneCompleted {
  type: 'MilestoneCompleted';
  data: { cycleId: string; milestoneId: string; completedAt: string; evidence: string };
}

export interface ForumMeetingHeld {
  type: 'ForumMeetingHeld';
  data: { cycleId: string; meetingId: string; heldAt: string; minutesUrl: string | null; attendeeIds: string[] };
}

export interface CycleStageAdvanced {
  type: 'CycleStageAdvanced';
  data: { cycleId: string; from: Stage; to: Stage };
}

export interface DraftPlanPublished {
  type: 'DraftPlanPublished';
  data: { cycleId: string; version: string; url: string };
}

export interface PlanApproved {
  type: 'PlanApproved';
  data: { cycleId: string; body: string; decisionRef: string; approvedAt: string };
}

export interface PlanSubmitted {
  type: 'PlanSubmitted';
  data: { cycleId: string; submittedAt: string };
}

export interface ComplianceThresholdsSet {
  type: 'ComplianceThresholdsSet';
  data: { cycleId: string; thresholds: ComplianceThresholds };
}

export type CycleEvent =
  | CycleOpened
  | PolicyAreaAdded
  | MilestoneScheduled
  | MilestoneCompleted
  | ForumMeetingHeld
  | CycleStageAdvanced
  | DraftPlanPublished
  | PlanApproved
  | PlanSubmitted
  | ComplianceThresholdsSet;

export const CYCLE_EVENT_TYPES = [
  'CycleOpened',
  'PolicyAreaAdded',
  'MilestoneScheduled',
  'MilestoneCompleted',
  'ForumMeetingHeld',
  'CycleStageAdvanced',
  'DraftPlanPublished',
  'PlanApproved',
  'PlanSubmitted',
  'ComplianceThresholdsSet',
] as const satisfies readonly CycleEvent['type'][];
