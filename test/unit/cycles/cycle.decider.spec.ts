import type { AddPolicyArea, AdvanceStage, CycleCommand, RecordForumMeeting } from '../../../src/cycles/domain/commands.js';
import {
  DEFAULT_THRESHOLDS,
  STAGES,
  cycleDecider,
  cycleSnapshot,
  nextStage,
  policyAreaNameKey,
  type Stage,
} from '../../../src/cycles/domain/cycle.decider.js';
import { CYCLE_EVENT_TYPES, type CycleEvent } from '../../../src/cycles/domain/events.js';
import { poc, spec } from '../../support/decider-spec.js';

// Albania's 2020–2022 action plan, as co-created July–December 2020.
const cycleId = 'c0a1b2c3-0000-4000-8000-000000002020';
const POC_INSTITUTION = 'Development and Good Governance Department, Office of the Prime Minister';
const at = '2020-07-01T09:00:00Z';

const opened: CycleEvent = {
  type: 'CycleOpened',
  data: {
    cycleId,
    country: 'Albania',
    title: 'Albania NAP 2020–2022',
    periodStart: '2020-07-01',
    periodEnd: '2022-06-30',
    pocInstitution: POC_INSTITUTION,
    methodology: 'Methodological package based on the Integrated Planning System',
    stage: 'preparation',
  },
};

const areaAdded = (policyAreaId: string, name: string, leadInstitution: string): CycleEvent => ({
  type: 'PolicyAreaAdded',
  data: { cycleId, policyAreaId, name, leadInstitution },
});
const antiCorruption = areaAdded('area-anti-corruption', 'Anti-Corruption', 'Ministry of Justice');

const advanced = (from: Stage, to: Stage): CycleEvent => ({ type: 'CycleStageAdvanced', data: { cycleId, from, to } });
/** Every stage change from preparation up to (and including) `stage`. */
function advancedTo(stage: Stage): CycleEvent[] {
  const events: CycleEvent[] = [];
  for (let s: Stage = 'preparation'; s !== stage; ) {
    const next = nextStage(s) as Stage;
    events.push(advanced(s, next));
    s = next;
  }
  return events;
}

const milestoneScheduled: CycleEvent = {
  type: 'MilestoneScheduled',
  data: { cycleId, milestoneId: 'ms-surveys', stage: 'pre_consultation', title: 'Pre-consultation surveys published on the OGP web', dueDate: '2020-08-15' },
};
const approved: CycleEvent = {
  type: 'PlanApproved',
  data: { cycleId, body: 'Integrated Policy Management Group (GMIP) Good Governance and Public Administration', decisionRef: 'GMIP-2020-12', approvedAt: '2020-12-10' },
};
const submitted: CycleEvent = { type: 'PlanSubmitted', data: { cycleId, submittedAt: '2020-12-22' } };
const inApproval = [opened, ...advancedTo('approval')];
const afterSubmission = [...inApproval, approved, submitted];

const base = { actor: poc, occurredAt: at, cycleId };
const open = (overrides: Partial<Extract<CycleCommand, { type: 'OpenCycle' }>> = {}): CycleCommand => ({
  ...base,
  type: 'OpenCycle',
  country: 'Albania',
  title: 'Albania NAP 2020–2022',
  periodStart: '2020-07-01',
  periodEnd: '2022-06-30',
  pocInstitution: POC_INSTITUTION,
  methodology: 'Methodological package based on the Integrated Planning System',
  ...overrides,
});
const addArea = (name: string, leadInstitution = 'Ministry of Finance', policyAreaId = 'area-new'): AddPolicyArea => ({
  ...base,
  type: 'AddPolicyArea',
  policyAreaId,
  name,
  leadInstitution,
});
const advance = (stage: string): AdvanceStage => ({ ...base, type: 'AdvanceStage', stage });
const forumMeeting = (attendeeIds: string[], known: string[] = attendeeIds): RecordForumMeeting => ({
  ...base,
  type: 'RecordForumMeeting',
  meetingId: 'forum-1',
  heldAt: '2020-07-20T10:00:00Z',
  minutesUrl: 'https://ogp.gov.al/forum/2020-07-20',
  attendeeIds,
  context: { attendees: known.map((id) => ({ id, exists: true })) },
});
const complete = (evidence = 'https://ogp.gov.al/pre-consultation/surveys', completedAt?: string): CycleCommand => ({
  ...base,
  type: 'CompleteMilestone',
  milestoneId: 'ms-surveys',
  evidence,
  ...(completedAt ? { completedAt } : {}),
});
const publishDraft = (version: string): CycleCommand => ({ ...base, type: 'PublishDraftPlan', version, url: `https://ogp.gov.al/draft/${version}` });
const approve: CycleCommand = { ...base, type: 'ApprovePlan', ...approved.data };
const submit: CycleCommand = { ...base, type: 'SubmitPlan', submittedAt: '2020-12-22' };
const setThresholds = (thresholds: Record<string, number>): CycleCommand => ({ ...base, type: 'SetComplianceThresholds', thresholds });

describe('cycle decider', () => {
  describe('OpenCycle', () => {
    it('opens the cycle in the preparation stage', () => {
      spec(cycleDecider).given([]).when(open()).then([opened]);
    });

    it('records a missing methodology as null', () => {
      const [event] = spec(cycleDecider).given([]).when(open({ methodology: undefined })).events();
      expect(event).toMatchObject({ type: 'CycleOpened', data: { methodology: null } });
    });

    it('refuses to open the same cycle twice', () => {
      spec(cycleDecider).given([opened]).when(open()).thenThrows('CYCLE.ALREADY_EXISTS', 'conflict');
    });

    it.each([
      ['ends before it starts', '2022-06-30', '2020-07-01', 'periodEnd'],
      ['ends when it starts', '2020-07-01', '2020-07-01', 'periodEnd'],
      ['has no valid start', 'not-a-date', '2022-06-30', 'periodStart'],
      ['has no valid end', '2020-07-01', 'soon', 'periodEnd'],
    ])('refuses a period that %s', (_, periodStart, periodEnd, field) => {
      const error = spec(cycleDecider).given([]).when(open({ periodStart, periodEnd })).thenThrows('CYCLE.INVALID_PERIOD', 'invalid');
      expect(error.details).toEqual({ field });
    });
  });

  it('answers CYCLE.NOT_FOUND to any other command on a cycle that was never opened', () => {
    spec(cycleDecider).given([]).when(addArea('Anti-Corruption')).thenThrows('CYCLE.NOT_FOUND', 'not_found');
    spec(cycleDecider).given([]).when(advance('pre_consultation')).thenThrows('CYCLE.NOT_FOUND', 'not_found');
  });

  describe('AddPolicyArea', () => {
    it('adds a policy area with its lead institution', () => {
      spec(cycleDecider)
        .given([opened])
        .when(addArea('Anti-Corruption', 'Ministry of Justice', 'area-anti-corruption'))
        .then([antiCorruption]);
    });

    it.each(['Anti-Corruption', 'anti-corruption', '  ANTI-CORRUPTION ', 'Anti - Corruption', 'Anti-\tCorruption'])(
      'refuses "%s" when Anti-Corruption exists',
      (name) => {
        const error = spec(cycleDecider).given([opened, antiCorruption]).when(addArea(name)).thenThrows('CYCLE.POLICY_AREA_NAME_TAKEN', 'conflict');
        expect(error.details).toMatchObject({ field: 'name', policyAreaId: 'area-anti-corruption' });
      },
    );

    it('accepts another name', () => {
      spec(cycleDecider)
        .given([opened, antiCorruption])
        .when(addArea('Fiscal Transparency', 'Ministry of Finance', 'area-fiscal'))
        .then([areaAdded('area-fiscal', 'Fiscal Transparency', 'Ministry of Finance')]);
    });
  });

  describe('ScheduleMilestone', () => {
    it('schedules a milestone in a stage', () => {
      spec(cycleDecider)
        .given([opened])
        .when({ ...base, type: 'ScheduleMilestone', ...milestoneScheduled.data })
        .then([milestoneScheduled]);
    });

    it('refuses a stage that does not exist', () => {
      const error = spec(cycleDecider)
        .given([opened])
        .when({ ...base, type: 'ScheduleMilestone', ...milestoneScheduled.data, stage: 'implementation' })
        .thenThrows('CYCLE.INVALID_STAGE', 'invalid');
      expect(error.details).toEqual({ field: 'stage' });
    });
  });

  describe('CompleteMilestone', () => {
    it('completes a scheduled milestone with its evidence', () => {
      spec(cycleDecider)
        .given([opened, milestoneScheduled])
        .when(complete('https://ogp.gov.al/pre-consultation/surveys', '2020-08-14T16:00:00Z'))
        .then([
          {
            type: 'MilestoneCompleted',
            data: { cycleId, milestoneId: 'ms-surveys', completedAt: '2020-08-14T16:00:00Z', evidence: 'https://ogp.gov.al/pre-consultation/surveys' },
          },
        ]);
    });

    it('dates the completion at the command when no date is given', () => {
      const [event] = spec(cycleDecider).given([opened, milestoneScheduled]).when(complete()).events();
      expect(event.data).toMatchObject({ completedAt: at });
    });

    it('answers MILESTONE_NOT_FOUND for a milestone never scheduled', () => {
      spec(cycleDecider).given([opened]).when(complete()).thenThrows('CYCLE.MILESTONE_NOT_FOUND', 'not_found');
    });

    it('refuses to complete a milestone twice', () => {
      const done: CycleEvent = { type: 'MilestoneCompleted', data: { cycleId, milestoneId: 'ms-surveys', completedAt: at, evidence: 'x' } };
      spec(cycleDecider).given([opened, milestoneScheduled, done]).when(complete()).thenThrows('CYCLE.MILESTONE_ALREADY_COMPLETED', 'conflict');
    });

    it('refuses a completion without evidence', () => {
      const error = spec(cycleDecider).given([opened, milestoneScheduled]).when(complete('   ')).thenThrows('CYCLE.EVIDENCE_REQUIRED', 'invalid');
      expect(error.details).toEqual({ field: 'evidence' });
    });
  });

  describe('RecordForumMeeting', () => {
    it('records a meeting of the multi-stakeholder forum, each attendee once', () => {
      spec(cycleDecider)
        .given([opened])
        .when(forumMeeting(['sh-idm', 'sh-aldi', 'sh-idm']))
        .then([
          {
            type: 'ForumMeetingHeld',
            data: { cycleId, meetingId: 'forum-1', heldAt: '2020-07-20T10:00:00Z', minutesUrl: 'https://ogp.gov.al/forum/2020-07-20', attendeeIds: ['sh-idm', 'sh-aldi'] },
          },
        ]);
    });

    it('defaults minutes to null and attendees to none', () => {
      const [event] = spec(cycleDecider)
        .given([opened])
        .when({ ...base, type: 'RecordForumMeeting', meetingId: 'forum-2', heldAt: '2020-11-05', context: { attendees: [] } })
        .events();
      expect(event.data).toEqual({ cycleId, meetingId: 'forum-2', heldAt: '2020-11-05', minutesUrl: null, attendeeIds: [] });
    });

    it('refuses attendees that are not registered stakeholders, naming them', () => {
      const command = forumMeeting(['sh-idm', 'sh-ghost', 'sh-gone'], ['sh-idm']);
      command.context.attendees.push({ id: 'sh-gone', exists: false });
      const error = spec(cycleDecider).given([opened]).when(command).thenThrows('STAKEHOLDER.NOT_FOUND', 'conflict');
      expect(error.details).toMatchObject({ missing: ['sh-ghost', 'sh-gone'] });
    });

    it('is still recorded after the plan was submitted', () => {
      const [event] = spec(cycleDecider).given(afterSubmission).when(forumMeeting([])).events();
      expect(event.type).toBe('ForumMeetingHeld');
    });
  });

  describe('AdvanceStage', () => {
    const forwardSteps = STAGES.slice(0, -2).map((from) => [from, nextStage(from) as Stage] as const);

    it.each(forwardSteps)('moves from %s to %s', (from, to) => {
      spec(cycleDecider).given([opened, ...advancedTo(from)]).when(advance(to)).then([advanced(from, to)]);
    });

    it.each([
      ['skips a stage', 'preparation', 'thematic_consultation'],
      ['goes back', 'drafting', 'thematic_consultation'],
      ['stays put', 'drafting', 'drafting'],
    ] as const)('refuses a move that %s', (_, from, to) => {
      const error = spec(cycleDecider).given([opened, ...advancedTo(from)]).when(advance(to)).thenThrows('CYCLE.STAGE_NOT_NEXT', 'conflict');
      expect(error.details).toMatchObject({ from, expected: nextStage(from) });
    });

    it('reaches "submitted" only through SubmitPlan', () => {
      spec(cycleDecider).given([...inApproval, approved]).when(advance('submitted')).thenThrows('CYCLE.SUBMISSION_REQUIRED', 'conflict');
      spec(cycleDecider).given([opened]).when(advance('submitted')).thenThrows('CYCLE.SUBMISSION_REQUIRED', 'conflict');
    });

    it('refuses a stage that does not exist', () => {
      const error = spec(cycleDecider).given([opened]).when(advance('co_creation')).thenThrows('CYCLE.INVALID_STAGE', 'invalid');
      expect(error.details).toEqual({ field: 'stage' });
    });
  });

  describe('PublishDraftPlan', () => {
    const published = (version: string): CycleEvent => ({
      type: 'DraftPlanPublished',
      data: { cycleId, version, url: `https://ogp.gov.al/draft/${version}` },
    });

    it('publishes a draft version', () => {
      spec(cycleDecider).given([opened]).when(publishDraft('1.0')).then([published('1.0')]);
    });

    it('publishes a new version after an earlier one', () => {
      spec(cycleDecider).given([opened, published('1.0')]).when(publishDraft('1.1')).then([published('1.1')]);
    });

    it('refuses a version already published', () => {
      spec(cycleDecider).given([opened, published('1.0')]).when(publishDraft('1.0')).thenThrows('CYCLE.DRAFT_VERSION_EXISTS', 'conflict');
    });
  });

  describe('ApprovePlan', () => {
    it('records the GMIP approval in the approval stage', () => {
      spec(cycleDecider).given(inApproval).when(approve).then([approved]);
    });

    it('refuses approval before the approval stage', () => {
      spec(cycleDecider)
        .given([opened, ...advancedTo('public_consultation')])
        .when(approve)
        .thenThrows('CYCLE.NOT_IN_APPROVAL_STAGE', 'conflict');
    });

    it('refuses a second approval', () => {
      spec(cycleDecider).given([...inApproval, approved]).when(approve).thenThrows('CYCLE.ALREADY_APPROVED', 'conflict');
    });
  });

  describe('SubmitPlan', () => {
    it('submits an approved plan', () => {
      spec(cycleDecider).given([...inApproval, approved]).when(submit).then([submitted]);
    });

    it('refuses to submit a plan that is not approved', () => {
      spec(cycleDecider).given(inApproval).when(submit).thenThrows('CYCLE.NOT_APPROVED', 'conflict');
    });

    it('moves the cycle to the submitted stage', () => {
      const { state } = spec(cycleDecider).given(afterSubmission);
      expect(state.stage).toBe('submitted');
      expect(state.submitted).toBe(true);
      expect(state.submittedAt).toBe('2020-12-22');
    });
  });

  describe('after submission', () => {
    it.each<[string, CycleCommand]>([
      ['SubmitPlan', submit],
      ['ApprovePlan', approve],
      ['AddPolicyArea', addArea('Public Services')],
      ['ScheduleMilestone', { ...base, type: 'ScheduleMilestone', ...milestoneScheduled.data, milestoneId: 'ms-late' }],
      ['CompleteMilestone', complete()],
      ['AdvanceStage', advance('approval')],
      ['PublishDraftPlan', publishDraft('2.0')],
    ])('refuses %s', (_, command) => {
      spec(cycleDecider).given([...afterSubmission, milestoneScheduled]).when(command).thenThrows('CYCLE.ALREADY_SUBMITTED', 'conflict');
    });

    it('still accepts new compliance thresholds', () => {
      const [event] = spec(cycleDecider).given(afterSubmission).when(setThresholds({ forumMaxGapDays: 120 })).events();
      expect(event.type).toBe('ComplianceThresholdsSet');
    });
  });

  describe('SetComplianceThresholds', () => {
    it('merges the thresholds given into the defaults', () => {
      spec(cycleDecider)
        .given([opened])
        .when(setThresholds({ consultationNoticeDays: 21 }))
        .then([{ type: 'ComplianceThresholdsSet', data: { cycleId, thresholds: { ...DEFAULT_THRESHOLDS, consultationNoticeDays: 21 } } }]);
    });

    it('keeps thresholds set before', () => {
      const earlier: CycleEvent = { type: 'ComplianceThresholdsSet', data: { cycleId, thresholds: { ...DEFAULT_THRESHOLDS, forumMaxGapDays: 90 } } };
      const [event] = spec(cycleDecider).given([opened, earlier]).when(setThresholds({ repositoryUpdatesPerYear: 4 })).events();
      expect(event.data).toEqual({
        cycleId,
        thresholds: { forumMaxGapDays: 90, timelineNoticeDays: 14, consultationNoticeDays: 14, repositoryUpdatesPerYear: 4 },
      });
    });

    it('ignores a threshold present but undefined instead of wiping the stored one', () => {
      const earlier: CycleEvent = { type: 'ComplianceThresholdsSet', data: { cycleId, thresholds: { ...DEFAULT_THRESHOLDS, forumMaxGapDays: 90 } } };
      const [event] = spec(cycleDecider)
        .given([opened, earlier])
        .when(setThresholds({ forumMaxGapDays: undefined as unknown as number, timelineNoticeDays: 21 }))
        .events();
      expect(event.data).toEqual({
        cycleId,
        thresholds: { forumMaxGapDays: 90, timelineNoticeDays: 21, consultationNoticeDays: 14, repositoryUpdatesPerYear: 2 },
      });
    });

    it.each([0, -14, 1.5, Number.NaN])('refuses %p as a threshold', (value) => {
      const error = spec(cycleDecider).given([opened]).when(setThresholds({ timelineNoticeDays: value })).thenThrows('CYCLE.INVALID_THRESHOLDS', 'invalid');
      expect(error.details).toEqual({ field: 'thresholds.timelineNoticeDays' });
    });

    it('refuses a command that sets nothing', () => {
      const error = spec(cycleDecider).given([opened]).when(setThresholds({})).thenThrows('CYCLE.INVALID_THRESHOLDS', 'invalid');
      expect(error.details).toEqual({ field: 'thresholds' });
    });
  });

  describe('state', () => {
    it('exposes what handlers and other rules need', () => {
      const { state } = spec(cycleDecider).given([opened, antiCorruption, ...advancedTo('drafting'), milestoneScheduled]);
      expect(state).toMatchObject({
        exists: true,
        cycleId,
        pocInstitution: POC_INSTITUTION,
        stage: 'drafting',
        submitted: false,
        approval: null,
        policyAreas: [{ id: 'area-anti-corruption', name: 'Anti-Corruption', leadInstitution: 'Ministry of Justice' }],
        milestones: [{ id: 'ms-surveys', stage: 'pre_consultation', completedAt: null }],
        thresholds: { forumMaxGapDays: 183, timelineNoticeDays: 14, consultationNoticeDays: 14, repositoryUpdatesPerYear: 2 },
      });
    });

    it('snapshots the cycle for the rules of consultations and commitments', () => {
      const { state } = spec(cycleDecider).given([opened, antiCorruption]);
      expect(cycleSnapshot(state)).toEqual({
        exists: true,
        submitted: false,
        pocInstitution: POC_INSTITUTION,
        policyAreas: [{ id: 'area-anti-corruption', leadInstitution: 'Ministry of Justice' }],
      });
      expect(cycleSnapshot(cycleDecider.initialState).exists).toBe(false);
    });

    it('orders the stages and names the next one', () => {
      expect(STAGES[0]).toBe('preparation');
      expect(nextStage('public_consultation')).toBe('approval');
      expect(nextStage('approval')).toBe('submitted');
      expect(nextStage('submitted')).toBeNull();
    });

    it('compares policy area names without case or whitespace', () => {
      expect(policyAreaNameKey(' Access to  Justice ')).toBe(policyAreaNameKey('access to justice'));
      expect(policyAreaNameKey('Access to Justice')).not.toBe(policyAreaNameKey('Digital Governance'));
    });

    it('lists every event type once', () => {
      expect(new Set(CYCLE_EVENT_TYPES).size).toBe(10);
    });
  });
});
