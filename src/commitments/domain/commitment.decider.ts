import type { Decider } from '../../shared/decider.js';
import { DomainError } from '../../shared/domain-error.js';
import { assertLeads, assertLeadsEach } from '../../shared/scope.js';
import { ContributionErrors, contributionsMissing } from '../../contributions/domain/errors.js';
import { cycleAlreadySubmitted, cycleNotFound, policyAreaNotFound } from '../../cycles/domain/errors.js';
import type { CommitmentCommand, DraftCommitment, ReviseCommitment, WithdrawCommitment } from './commands.js';
import { CommitmentErrors as E, commitmentNotFound } from './errors.js';
import { OGP_VALUES, type CommitmentChanges, type CommitmentEvent, type Milestone, type OgpValue } from './events.js';

export interface ExistingCommitment {
  exists: true;
  cycleId: string;
  policyAreaId: string;
  /** Whose LFP may act on it: the policy area's lead institution. */
  areaLeadInstitution: string;
  withdrawn: boolean;
  title: string;
  problem: string;
  description: string;
  ogpValues: OgpValue[];
  milestones: Milestone[];
  /** 0 until the first revision. */
  revisionNumber: number;
}

export type CommitmentState = { exists: false } | ExistingCommitment;

const WHAT = 'this commitment';

function draft(command: DraftCommitment, state: CommitmentState): CommitmentEvent[] {
  if (state.exists) {
    throw new DomainError(E.ALREADY_EXISTS, `commitment ${command.commitmentId} already exists`);
  }
  const { cycle } = command.context;
  if (!cycle.exists) throw cycleNotFound(command.cycleId, 'conflict');
  const area = cycle.policyAreas.find((a) => a.id === command.policyAreaId);
  if (area === undefined) throw policyAreaNotFound(command.cycleId, command.policyAreaId);
  assertLeads(command.actor, area.leadInstitution, 'the policy area');
  assertOgpValues(command.ogpValues);
  assertMilestones(command.milestones);
  // The plan went to OGP: new commitments belong to the next cycle.
  if (cycle.submitted) throw cycleAlreadySubmitted(command.cycleId);
  return [
    {
      type: 'CommitmentDrafted',
      data: {
        commitmentId: command.commitmentId,
        cycleId: command.cycleId,
        policyAreaId: command.policyAreaId,
        title: command.title,
        problem: command.problem,
        description: command.description,
        ogpValues: command.ogpValues,
        milestones: command.milestones,
        leadInstitution: command.leadInstitution,
        supportingInstitutions: command.supportingInstitutions ?? [],
        areaLeadInstitution: area.leadInstitution,
      },
    },
  ];
}

function revise(command: ReviseCommitment, state: ExistingCommitment): CommitmentEvent[] {
  assertLeads(command.actor, state.areaLeadInstitution, WHAT);
  if (command.ogpValues !== undefined) assertOgpValues(command.ogpValues);
  if (command.milestones !== undefined) assertMilestones(command.milestones);
  if (state.withdrawn) throw new DomainError(E.WITHDRAWN, 'a withdrawn commitment is not revised');

  const changes: CommitmentChanges = {};
  if (command.title !== undefined && command.title !== state.title) changes.title = command.title;
  if (command.problem !== undefined && command.problem !== state.problem) changes.problem = command.problem;
  if (command.description !== undefined && command.description !== state.description) {
    changes.description = command.description;
  }
  if (command.ogpValues !== undefined && !sameSet(command.ogpValues, state.ogpValues)) changes.ogpValues = command.ogpValues;
  if (command.milestones !== undefined && !sameMilestones(command.milestones, state.milestones)) {
    changes.milestones = command.milestones;
  }
  if (Object.keys(changes).length === 0) {
    throw new DomainError(E.NO_CHANGE, 'the revision changes nothing', 'invalid', { field: 'changes' });
  }

  const inResponseTo = [...new Set(command.inResponseTo ?? [])];
  const snapshots = new Map(command.context.contributions.map((c) => [c.id, c]));
  const missing = inResponseTo.filter((id) => !snapshots.get(id)?.exists);
  if (missing.length > 0) throw contributionsMissing(missing, 'inResponseTo');
  const otherCycle = inResponseTo.filter((id) => snapshots.get(id)!.cycleId !== state.cycleId);
  if (otherCycle.length > 0) {
    throw new DomainError(ContributionErrors.OTHER_CYCLE, `contributions of another cycle: ${otherCycle.join(', ')}`, 'conflict', {
      field: 'inResponseTo',
      contributionIds: otherCycle,
    });
  }
  // Contributions of another area are that area's to act on; those of a consultation of the whole
  // cycle (the draft plan's public consultation) concern every commitment.
  assertLeadsEach(
    command.actor,
    inResponseTo.map((id) => ({ id, leadInstitution: snapshots.get(id)!.leadInstitution })).filter((c) => c.leadInstitution !== null),
    'inResponseTo',
    'contributions',
  );
  return [
    {
      type: 'CommitmentRevised',
      data: {
        commitmentId: command.commitmentId,
        cycleId: state.cycleId,
        policyAreaId: state.policyAreaId,
        revisionNumber: state.revisionNumber + 1,
        changes,
        inResponseTo,
      },
    },
  ];
}

function withdraw(command: WithdrawCommitment, state: ExistingCommitment): CommitmentEvent[] {
  assertLeads(command.actor, state.areaLeadInstitution, WHAT);
  if (state.withdrawn) throw new DomainError(E.ALREADY_WITHDRAWN, 'the commitment is already withdrawn');
  const reason = command.reason?.trim() ?? '';
  return [
    {
      type: 'CommitmentWithdrawn',
      data: {
        commitmentId: command.commitmentId,
        cycleId: state.cycleId,
        policyAreaId: state.policyAreaId,
        reason: reason === '' ? null : reason,
      },
    },
  ];
}

function assertOgpValues(values: readonly string[]): void {
  const known = values.every((v) => (OGP_VALUES as readonly string[]).includes(v));
  if (values.length === 0 || !known || new Set(values).size !== values.length) {
    throw new DomainError(
      E.INVALID_OGP_VALUES,
      `name at least one of ${OGP_VALUES.join(', ')}, each once`,
      'invalid',
      { field: 'ogpValues' },
    );
  }
}

function assertMilestones(milestones: readonly Milestone[]): void {
  if (milestones.length === 0) {
    throw new DomainError(E.MILESTONES_REQUIRED, 'a commitment has at least one milestone', 'invalid', {
      field: 'milestones',
    });
  }
}

// OGP values are a set: reordering them changes nothing.
function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v) => b.includes(v));
}

function sameMilestones(a: readonly Milestone[], b: readonly Milestone[]): boolean {
  return a.length === b.length && a.every((m, i) => m.title === b[i].title && m.dueDate === b[i].dueDate);
}

export const commitmentDecider: Decider<CommitmentCommand, CommitmentEvent, CommitmentState> = {
  initialState: { exists: false },

  decide(command, state) {
    if (command.type === 'DraftCommitment') return draft(command, state);
    if (!state.exists) throw commitmentNotFound(command.commitmentId);
    switch (command.type) {
      case 'ReviseCommitment':
        return revise(command, state);
      case 'WithdrawCommitment':
        return withdraw(command, state);
    }
  },

  evolve(state, event) {
    if (event.type === 'CommitmentDrafted') {
      const d = event.data;
      return {
        exists: true,
        cycleId: d.cycleId,
        policyAreaId: d.policyAreaId,
        areaLeadInstitution: d.areaLeadInstitution,
        withdrawn: false,
        title: d.title,
        problem: d.problem,
        description: d.description,
        ogpValues: d.ogpValues,
        milestones: d.milestones,
        revisionNumber: 0,
      };
    }
    if (!state.exists) return state;
    switch (event.type) {
      case 'CommitmentRevised':
        return { ...state, ...event.data.changes, revisionNumber: event.data.revisionNumber };
      case 'CommitmentWithdrawn':
        return { ...state, withdrawn: true };
    }
  },
};
