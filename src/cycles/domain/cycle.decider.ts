import type { Decider } from '../../shared/decider.js';
import { DomainError } from '../../shared/domain-error.js';
import { registeredStakeholders } from '../../stakeholders/domain/stakeholder.decider.js';
import type {
  AddPolicyArea,
  AdvanceStage,
  ApprovePlan,
  CompleteMilestone,
  CycleCommand,
  OpenCycle,
  PublishDraftPlan,
  RecordForumMeeting,
  ScheduleMilestone,
  SetComplianceThresholds,
  SubmitPlan,
} from './commands.js';
import { CycleErrors, cycleAlreadySubmitted, cycleNotFound } from './errors.js';
import { STAGES, type ComplianceThresholds, type CycleEvent, type Stage } from './events.js';

export { STAGES, type Stage } from './events.js';

export const DEFAULT_THRESHOLDS: ComplianceThresholds = {
  forumMaxGapDays: 183,
  timelineNoticeDays: 14,
  consultationNoticeDays: 14,
  repositoryUpdatesPerYear: 2,
};

const THRESHOLD_NAMES = Object.keys(DEFAULT_THRESHOLDS) as (keyof ComplianceThresholds)[];

export interface PolicyArea {
  id: string;
  name: string;
  leadInstitution: string;
}

export interface Milestone {
  id: string;
  stage: Stage;
  title: string;
  dueDate: string;
  completedAt: string | null;
}

export interface CycleState {
  exists: boolean;
  cycleId: string | null;
  pocInstitution: string | null;
  /** Null only before the cycle is opened. */
  stage: Stage | null;
  policyAreas: readonly PolicyArea[];
  milestones: readonly Milestone[];
  forumMeetings: readonly { id: string; heldAt: string }[];
  draftVersions: readonly string[];
  approval: { body: string; decisionRef: string; approvedAt: string } | null;
  submitted: boolean;
  submittedAt: string | null;
  /** The effective thresholds: the defaults until ComplianceThresholdsSet. */
  thresholds: ComplianceThresholds;
}

/** What other aggregates' rules need to know of a cycle (the `cycle` context of their commands). */
export interface CycleSnapshot {
  exists: boolean;
  submitted: boolean;
  pocInstitution: string;
  policyAreas: { id: string; leadInstitution: string }[];
}

export const isStage = (value: string): value is Stage => (STAGES as readonly string[]).includes(value);

/** The stage after `stage`, or null after the last one. */
export function nextStage(stage: Stage): Stage | null {
  return STAGES[STAGES.indexOf(stage) + 1] ?? null;
}

/** Policy area names compare without case or whitespace: "Anti-Corruption" = " anti-corruption ". */
export const policyAreaNameKey = (name: string): string => name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

export function cycleSnapshot(state: CycleState): CycleSnapshot {
  return {
    exists: state.exists,
    submitted: state.submitted,
    pocInstitution: state.pocInstitution ?? '',
    policyAreas: state.policyAreas.map(({ id, leadInstitution }) => ({ id, leadInstitution })),
  };
}

const initialState: CycleState = {
  exists: false,
  cycleId: null,
  pocInstitution: null,
  stage: null,
  policyAreas: [],
  milestones: [],
  forumMeetings: [],
  draftVersions: [],
  approval: null,
  submitted: false,
  submittedAt: null,
  thresholds: DEFAULT_THRESHOLDS,
};

// Meetings of the forum and its thresholds still matter after submission (implementation follows).
const ALLOWED_AFTER_SUBMISSION: ReadonlySet<CycleCommand['type']> = new Set(['RecordForumMeeting', 'SetComplianceThresholds']);

const invalid = (code: string, message: string, field: string) => new DomainError(code, message, 'invalid', { field });

function decide(command: CycleCommand, state: CycleState): CycleEvent[] {
  if (command.type === 'OpenCycle') return openCycle(command, state);
  if (!state.exists) throw cycleNotFound(command.cycleId);
  if (state.submitted && !ALLOWED_AFTER_SUBMISSION.has(command.type)) throw cycleAlreadySubmitted(command.cycleId);
  switch (command.type) {
    case 'AddPolicyArea':
      return addPolicyArea(command, state);
    case 'ScheduleMilestone':
      return scheduleMilestone(command);
    case 'CompleteMilestone':
      return completeMilestone(command, state);
    case 'RecordForumMeeting':
      return recordForumMeeting(command);
    case 'AdvanceStage':
      return advanceStage(command, state);
    case 'PublishDraftPlan':
      return publishDraftPlan(command, state);
    case 'ApprovePlan':
      return approvePlan(command, state);
    case 'SubmitPlan':
      return submitPlan(command, state);
    case 'SetComplianceThresholds':
      return setComplianceThresholds(command, state);
  }
}

function openCycle(command: OpenCycle, state: CycleState): CycleEvent[] {
  if (state.exists) {
    throw new DomainError(CycleErrors.ALREADY_EXISTS, `cycle ${command.cycleId} already exists`, 'conflict');
  }
  const start = Date.parse(command.periodStart);
  const end = Date.parse(command.periodEnd);
  if (Number.isNaN(start)) {
    throw invalid(CycleErrors.INVALID_PERIOD, 'periodStart is not a date', 'periodStart');
  }
  if (Number.isNaN(end) || start >= end) {
    throw invalid(CycleErrors.INVALID_PERIOD, 'periodEnd must be a date after periodStart', 'periodEnd');
  }
  return [
    {
      type: 'CycleOpened',
      data: {
        cycleId: command.cycleId,
        country: command.country,
        title: command.title,
        periodStart: command.periodStart,
        periodEnd: command.periodEnd,
        pocInstitution: command.pocInstitution,
        methodology: command.methodology ?? null,
        stage: 'preparation',
      },
    },
  ];
}

function addPolicyArea(command: AddPolicyArea, state: CycleState): CycleEvent[] {
  const key = policyAreaNameKey(command.name);
  const taken = state.policyAreas.find((area) => policyAreaNameKey(area.name) === key);
  if (taken) {
    throw new DomainError(
      CycleErrors.POLICY_AREA_NAME_TAKEN,
      `the cycle already has a policy area named "${taken.name}"`,
      'conflict',
      { field: 'name', policyAreaId: taken.id },
    );
  }
  const { cycleId, policyAreaId, name, leadInstitution } = command;
  return [{ type: 'PolicyAreaAdded', data: { cycleId, policyAreaId, name, leadInstitution } }];
}

function scheduleMilestone(command: ScheduleMilestone): CycleEvent[] {
  const { cycleId, milestoneId, stage, title, dueDate } = command;
  if (!isStage(stage)) {
    throw invalid(CycleErrors.INVALID_STAGE, `stage must be one of ${STAGES.join(', ')}`, 'stage');
  }
  return [{ type: 'MilestoneScheduled', data: { cycleId, milestoneId, stage, title, dueDate } }];
}

function completeMilestone(command: CompleteMilestone, state: CycleState): CycleEvent[] {
  const milestone = state.milestones.find((m) => m.id === command.milestoneId);
  if (!milestone) {
    throw new DomainError(CycleErrors.MILESTONE_NOT_FOUND, `milestone ${command.milestoneId} does not exist`, 'not_found');
  }
  if (milestone.completedAt !== null) {
    throw new DomainError(
      CycleErrors.MILESTONE_ALREADY_COMPLETED,
      `milestone "${milestone.title}" was completed on ${milestone.completedAt}`,
      'conflict',
    );
  }
  if (command.evidence.trim() === '') {
    throw invalid(CycleErrors.EVIDENCE_REQUIRED, 'a completed milestone needs evidence', 'evidence');
  }
  const { cycleId, milestoneId, evidence } = command;
  return [{ type: 'MilestoneCompleted', data: { cycleId, milestoneId, completedAt: command.completedAt ?? command.occurredAt, evidence } }];
}

function recordForumMeeting(command: RecordForumMeeting): CycleEvent[] {
  const attendeeIds = registeredStakeholders(command.attendeeIds ?? [], command.context.attendees, 'attendeeIds');
  const { cycleId, meetingId, heldAt } = command;
  return [{ type: 'ForumMeetingHeld', data: { cycleId, meetingId, heldAt, minutesUrl: command.minutesUrl ?? null, attendeeIds } }];
}

function advanceStage(command: AdvanceStage, state: CycleState): CycleEvent[] {
  const from = state.stage as Stage;
  const to = command.stage;
  if (!isStage(to)) {
    throw invalid(CycleErrors.INVALID_STAGE, `stage must be one of ${STAGES.join(', ')}`, 'stage');
  }
  if (to === 'submitted') {
    throw new DomainError(CycleErrors.SUBMISSION_REQUIRED, 'the cycle reaches "submitted" only by submitting the plan', 'conflict');
  }
  const next = nextStage(from);
  if (to !== next) {
    throw new DomainError(CycleErrors.STAGE_NOT_NEXT, `the stage after "${from}" is "${next}", not "${to}"`, 'conflict', {
      from,
      expected: next,
    });
  }
  return [{ type: 'CycleStageAdvanced', data: { cycleId: command.cycleId, from, to } }];
}

function publishDraftPlan(command: PublishDraftPlan, state: CycleState): CycleEvent[] {
  const version = command.version.trim();
  if (state.draftVersions.includes(version)) {
    throw new DomainError(CycleErrors.DRAFT_VERSION_EXISTS, `draft plan version "${version}" is already published`, 'conflict', {
      field: 'version',
    });
  }
  return [{ type: 'DraftPlanPublished', data: { cycleId: command.cycleId, version, url: command.url } }];
}

function approvePlan(command: ApprovePlan, state: CycleState): CycleEvent[] {
  if (state.stage !== 'approval') {
    throw new DomainError(CycleErrors.NOT_IN_APPROVAL_STAGE, `the cycle is in stage "${state.stage}", not "approval"`, 'conflict');
  }
  if (state.approval) {
    throw new DomainError(CycleErrors.ALREADY_APPROVED, `the plan was approved on ${state.approval.approvedAt}`, 'conflict');
  }
  const { cycleId, body, decisionRef, approvedAt } = command;
  return [{ type: 'PlanApproved', data: { cycleId, body, decisionRef, approvedAt } }];
}

function submitPlan(command: SubmitPlan, state: CycleState): CycleEvent[] {
  // ALREADY_SUBMITTED is caught by the guard in decide.
  if (!state.approval) {
    throw new DomainError(CycleErrors.NOT_APPROVED, 'the plan must be approved before it is submitted', 'conflict');
  }
  return [{ type: 'PlanSubmitted', data: { cycleId: command.cycleId, submittedAt: command.submittedAt } }];
}

function setComplianceThresholds(command: SetComplianceThresholds, state: CycleState): CycleEvent[] {
  const given = THRESHOLD_NAMES.filter((name) => command.thresholds[name] !== undefined);
  if (given.length === 0) {
    throw invalid(CycleErrors.INVALID_THRESHOLDS, 'name at least one threshold', 'thresholds');
  }
  for (const name of given) {
    const value = command.thresholds[name];
    if (!Number.isInteger(value) || (value as number) <= 0) {
      throw invalid(CycleErrors.INVALID_THRESHOLDS, `${name} must be a positive integer`, `thresholds.${name}`);
    }
  }
  // Only the thresholds given: a key present as undefined must not wipe a stored one.
  const changes = Object.fromEntries(given.map((name) => [name, command.thresholds[name]]));
  return [{ type: 'ComplianceThresholdsSet', data: { cycleId: command.cycleId, thresholds: { ...state.thresholds, ...changes } } }];
}

function evolve(state: CycleState, event: CycleEvent): CycleState {
  switch (event.type) {
    case 'CycleOpened':
      return { ...state, exists: true, cycleId: event.data.cycleId, pocInstitution: event.data.pocInstitution, stage: event.data.stage };
    case 'PolicyAreaAdded': {
      const { policyAreaId: id, name, leadInstitution } = event.data;
      return { ...state, policyAreas: [...state.policyAreas, { id, name, leadInstitution }] };
    }
    case 'MilestoneScheduled': {
      const { milestoneId: id, stage, title, dueDate } = event.data;
      return { ...state, milestones: [...state.milestones, { id, stage, title, dueDate, completedAt: null }] };
    }
    case 'MilestoneCompleted':
      return {
        ...state,
        milestones: state.milestones.map((m) => (m.id === event.data.milestoneId ? { ...m, completedAt: event.data.completedAt } : m)),
      };
    case 'ForumMeetingHeld':
      return { ...state, forumMeetings: [...state.forumMeetings, { id: event.data.meetingId, heldAt: event.data.heldAt }] };
    case 'CycleStageAdvanced':
      return { ...state, stage: event.data.to };
    case 'DraftPlanPublished':
      return { ...state, draftVersions: [...state.draftVersions, event.data.version] };
    case 'PlanApproved': {
      const { body, decisionRef, approvedAt } = event.data;
      return { ...state, approval: { body, decisionRef, approvedAt } };
    }
    case 'PlanSubmitted':
      return { ...state, stage: 'submitted', submitted: true, submittedAt: event.data.submittedAt };
    case 'ComplianceThresholdsSet':
      return { ...state, thresholds: { ...event.data.thresholds } };
  }
}

export const cycleDecider: Decider<CycleCommand, CycleEvent, CycleState> = { initialState, decide, evolve };
