import type { CommandBase } from '../../shared/decider.js';
import type { ComplianceThresholds } from './events.js';

export type OpenCycle = CommandBase<'OpenCycle'> & {
  cycleId: string;
  country: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  pocInstitution: string;
  methodology?: string | null;
};

export type AddPolicyArea = CommandBase<'AddPolicyArea'> & {
  cycleId: string;
  policyAreaId: string;
  name: string;
  leadInstitution: string;
};

export type ScheduleMilestone = CommandBase<'ScheduleMilestone'> & {
  cycleId: string;
  milestoneId: string;
  /** Checked by the decider against STAGES. */
  stage: string;
  title: string;
  dueDate: string;
};

export type CompleteMilestone = CommandBase<'CompleteMilestone'> & {
  cycleId: string;
  milestoneId: string;
  /** A link to, or description of, what proves it was done. */
  evidence: string;
  /** Defaults to occurredAt. */
  completedAt?: string;
};

export type RecordForumMeeting = CommandBase<'RecordForumMeeting'> & {
  cycleId: string;
  meetingId: string;
  heldAt: string;
  minutesUrl?: string | null;
  attendeeIds?: string[];
  context: { attendees: { id: string; exists: boolean }[] };
};

export type AdvanceStage = CommandBase<'AdvanceStage'> & {
  cycleId: string;
  /** The stage to move to; checked by the decider against STAGES. */
  stage: string;
};

export type PublishDraftPlan = CommandBase<'PublishDraftPlan'> & {
  cycleId: string;
  version: string;
  url: string;
};

export type ApprovePlan = CommandBase<'ApprovePlan'> & {
  cycleId: string;
  body: string;
  decisionRef: string;
  approvedAt: string;
};

export type SubmitPlan = CommandBase<'SubmitPlan'> & {
  cycleId: string;
  submittedAt: string;
};

export type SetComplianceThresholds = CommandBase<'SetComplianceThresholds'> & {
  cycleId: string;
  /** Thresholds left out keep their current value; the event carries the full set. */
  thresholds: Partial<ComplianceThresholds>;
};

export type CycleCommand =
  | OpenCycle
  | AddPolicyArea
  | ScheduleMilestone
  | CompleteMilestone
  | RecordForumMeeting
  | AdvanceStage
  | PublishDraftPlan
  | ApprovePlan
  | SubmitPlan
  | SetComplianceThresholds;
