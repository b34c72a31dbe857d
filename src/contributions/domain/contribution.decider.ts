import type { Decider } from '../../shared/decider.js';
import { DomainError } from '../../shared/domain-error.js';
import { actingStakeholder, assertLeads, assertLeadsEach, assertSelf } from '../../shared/scope.js';
import { CommitmentErrors, commitmentsMissing } from '../../commitments/domain/errors.js';
import { ConsultationErrors } from '../../consultations/domain/errors.js';
import { stakeholdersMissing } from '../../stakeholders/domain/errors.js';
import { personalDataSubjectFor } from '../../stakeholders/domain/stakeholder.decider.js';
import type {
  ContributionCommand,
  MarkDuplicate,
  PublishResponse,
  ReceiveContribution,
  RedactContribution,
  RespondToContribution,
  ReviewResponse,
  WithdrawContribution,
} from './commands.js';
import { ContributionErrors as E, contributionNotFound } from './errors.js';
import {
  DECISIONS,
  DECISIONS_NEEDING_COMMITMENT,
  type ContributionEvent,
  type Decision,
  type ReviewVerdict,
} from './events.js';

export interface CurrentResponse {
  decision: Decision;
  commitmentIds: string[];
  verdict: ReviewVerdict | null;
  published: boolean;
}

export interface ExistingContribution {
  exists: true;
  consultationId: string;
  cycleId: string;
  policyAreaId: string | null;
  /** Scope of the LFP that may act on it; null: POC only. */
  leadInstitution: string | null;
  stakeholderId: string | null;
  withdrawn: boolean;
  redacted: boolean;
  duplicateOf: string | null;
  /** How many responses it has had; 0 before the first. */
  responseNumber: number;
  currentResponse: CurrentResponse | null;
}

export type ContributionState = { exists: false } | ExistingContribution;

export const CONTRIBUTION_STATUSES = [
  'received',
  'responded',
  'revision_requested',
  'endorsed',
  'published',
  'withdrawn',
  'duplicate',
] as const;
export type ContributionStatus = (typeof CONTRIBUTION_STATUSES)[number];

/** What a contribution's status depends on; projections keep these as columns. */
export interface StatusFacts {
  withdrawn: boolean;
  duplicateOf: string | null;
  responded: boolean;
  verdict: string | null;
  published: boolean;
}

export function statusFactsOf(state: ExistingContribution): StatusFacts {
  const response = state.currentResponse;
  return {
    withdrawn: state.withdrawn,
    duplicateOf: state.duplicateOf,
    responded: response !== null,
    verdict: response?.verdict ?? null,
    published: response?.published ?? false,
  };
}

/** The status projections show: withdrawn > duplicate > published > endorsed > revision_requested > responded > received. */
export function contributionStatus(facts: StatusFacts): ContributionStatus {
  if (facts.withdrawn) return 'withdrawn';
  if (facts.duplicateOf !== null) return 'duplicate';
  if (!facts.responded) return 'received';
  if (facts.published) return 'published';
  if (facts.verdict === 'endorsed') return 'endorsed';
  if (facts.verdict === 'revision_requested') return 'revision_requested';
  return 'responded';
}

/** Who the contribution is from (see actingStakeholder). */
export function contributorOf(command: Pick<ReceiveContribution, 'actor' | 'stakeholderId'>): string | null {
  return actingStakeholder(command.actor, command.stakeholderId);
}

const WHAT = 'this contribution';

function receive(command: ReceiveContribution, state: ContributionState): ContributionEvent[] {
  if (state.exists) {
    throw new DomainError(E.ALREADY_EXISTS, `contribution ${command.contributionId} already exists`);
  }
  const { consultation, stakeholder, commitment } = command.context;
  if (!consultation.exists) {
    throw new DomainError(ConsultationErrors.NOT_FOUND, `consultation ${command.consultationId} does not exist`);
  }
  const leadInstitution = consultation.policyAreaId === null ? null : consultation.leadInstitution;
  const stakeholderId = contributorOf(command);
  if (command.actor.role === 'stakeholder') assertSelf(command.actor, stakeholderId, 'submit contributions');
  else assertLeads(command.actor, leadInstitution, 'the consultation');

  if (consultation.closed && command.late !== true) {
    throw new DomainError(ConsultationErrors.CLOSED, 'the consultation is closed: record the contribution as late');
  }
  if (stakeholderId !== null && (stakeholder === null || !stakeholder.exists)) {
    throw stakeholdersMissing([stakeholderId], 'stakeholderId');
  }
  const commitmentId = command.commitmentId ?? null;
  if (commitmentId !== null) {
    if (commitment === null || !commitment.exists) {
      throw commitmentsMissing([commitmentId], 'commitmentId');
    }
    if (commitment.cycleId !== consultation.cycleId) {
      throw new DomainError(CommitmentErrors.OTHER_CYCLE, `commitment ${commitmentId} belongs to another cycle`, 'conflict', {
        field: 'commitmentId',
      });
    }
  }
  return [
    {
      type: 'ContributionReceived',
      data: {
        contributionId: command.contributionId,
        consultationId: command.consultationId,
        cycleId: consultation.cycleId,
        policyAreaId: consultation.policyAreaId,
        leadInstitution,
        stakeholderId,
        channel: command.channel,
        body: command.body,
        commitmentId,
        receivedAt: command.receivedAt ?? command.occurredAt,
        // Only a closed consultation makes it late, whatever the client asked.
        late: consultation.closed,
        source: command.source ?? null,
        personalDataSubject: personalDataSubjectFor(stakeholderId, stakeholder?.kind ?? null),
      },
    },
  ];
}

function respond(command: RespondToContribution, state: ExistingContribution): ContributionEvent[] {
  assertLeads(command.actor, state.leadInstitution, WHAT);
  if (!(DECISIONS as readonly string[]).includes(command.decision)) {
    throw new DomainError(E.DECISION_REQUIRED, `decision must be one of ${DECISIONS.join(', ')}`, 'invalid', {
      field: 'decision',
    });
  }
  const rationale = command.rationale.trim();
  if (rationale === '') {
    throw new DomainError(E.RATIONALE_REQUIRED, 'a response needs a reasoned rationale', 'invalid', {
      field: 'rationale',
    });
  }
  const commitmentIds = [...new Set(command.commitmentIds ?? [])];
  if (DECISIONS_NEEDING_COMMITMENT.includes(command.decision) && commitmentIds.length === 0) {
    throw new DomainError(E.COMMITMENT_REQUIRED, `a decision of ${command.decision} names at least one commitment`, 'invalid', {
      field: 'commitmentIds',
    });
  }
  assertNotWithdrawn(state);
  if (state.duplicateOf !== null) {
    throw new DomainError(E.IS_DUPLICATE, `it duplicates ${state.duplicateOf}: respond to that one`);
  }
  const snapshots = new Map(command.context.commitments.map((c) => [c.id, c]));
  const missing = commitmentIds.filter((id) => !snapshots.get(id)?.exists);
  if (missing.length > 0) throw commitmentsMissing(missing, 'commitmentIds');
  const otherCycle = commitmentIds.filter((id) => snapshots.get(id)!.cycleId !== state.cycleId);
  if (otherCycle.length > 0) {
    throw new DomainError(CommitmentErrors.OTHER_CYCLE, `commitments of another cycle: ${otherCycle.join(', ')}`, 'conflict', {
      field: 'commitmentIds',
      commitmentIds: otherCycle,
    });
  }
  // An LFP answers with its own areas' commitments: naming another area's would commit that area's lead.
  assertLeadsEach(
    command.actor,
    commitmentIds.map((id) => ({ id, leadInstitution: snapshots.get(id)!.areaLeadInstitution })),
    'commitmentIds',
    'commitments',
  );
  const withdrawn = commitmentIds.filter((id) => snapshots.get(id)!.withdrawn);
  if (withdrawn.length > 0) {
    throw new DomainError(CommitmentErrors.WITHDRAWN, `withdrawn commitments: ${withdrawn.join(', ')}`, 'conflict', {
      field: 'commitmentIds',
      commitmentIds: withdrawn,
    });
  }
  return [
    {
      type: 'ContributionResponded',
      data: {
        contributionId: command.contributionId,
        cycleId: state.cycleId,
        policyAreaId: state.policyAreaId,
        responseNumber: state.responseNumber + 1,
        decision: command.decision,
        rationale,
        commitmentIds,
      },
    },
  ];
}

function review(command: ReviewResponse, state: ExistingContribution): ContributionEvent[] {
  assertLeads(command.actor, null, 'response reviews');
  assertNotWithdrawn(state);
  const response = currentResponseOf(state);
  if (response.verdict !== null) {
    throw new DomainError(E.ALREADY_REVIEWED, `response ${state.responseNumber} was already reviewed (${response.verdict})`);
  }
  return [
    {
      type: 'ResponseReviewed',
      data: {
        contributionId: command.contributionId,
        cycleId: state.cycleId,
        policyAreaId: state.policyAreaId,
        responseNumber: state.responseNumber,
        verdict: command.verdict,
        comment: textOrNull(command.comment),
      },
    },
  ];
}

function publish(command: PublishResponse, state: ExistingContribution): ContributionEvent[] {
  assertLeads(command.actor, null, 'response publication');
  assertNotWithdrawn(state);
  if (state.duplicateOf !== null) {
    throw new DomainError(E.IS_DUPLICATE, `it duplicates ${state.duplicateOf}: publish that one`);
  }
  const response = currentResponseOf(state);
  if (response.verdict !== 'endorsed') {
    throw new DomainError(E.NOT_ENDORSED, 'only a response the POC endorsed is published');
  }
  if (response.published) {
    throw new DomainError(E.ALREADY_PUBLISHED, `response ${state.responseNumber} is already published`);
  }
  return [
    {
      type: 'ResponsePublished',
      data: {
        contributionId: command.contributionId,
        cycleId: state.cycleId,
        policyAreaId: state.policyAreaId,
        responseNumber: state.responseNumber,
      },
    },
  ];
}

function withdraw(command: WithdrawContribution, state: ExistingContribution): ContributionEvent[] {
  // Only the author, not even the POC: withdrawal is the contributor's own choice.
  if (command.actor.role !== 'stakeholder' || state.stakeholderId === null || command.actor.id !== state.stakeholderId) {
    throw new DomainError(E.NOT_AUTHOR, 'only its author may withdraw a contribution', 'forbidden');
  }
  if (state.withdrawn) throw new DomainError(E.ALREADY_WITHDRAWN, 'the contribution is already withdrawn');
  return [
    {
      type: 'ContributionWithdrawn',
      data: {
        contributionId: command.contributionId,
        cycleId: state.cycleId,
        policyAreaId: state.policyAreaId,
        reason: textOrNull(command.reason),
      },
    },
  ];
}

function redact(command: RedactContribution, state: ExistingContribution): ContributionEvent[] {
  assertLeads(command.actor, null, 'redaction');
  const reason = command.reason.trim();
  if (reason === '') {
    throw new DomainError(E.REASON_REQUIRED, 'a redaction needs a reason', 'invalid', { field: 'reason' });
  }
  if (state.redacted) throw new DomainError(E.ALREADY_REDACTED, 'the contribution is already redacted');
  return [
    {
      type: 'ContributionRedacted',
      data: { contributionId: command.contributionId, cycleId: state.cycleId, policyAreaId: state.policyAreaId, reason },
    },
  ];
}

function markDuplicate(command: MarkDuplicate, state: ExistingContribution): ContributionEvent[] {
  assertLeads(command.actor, state.leadInstitution, WHAT);
  if (command.canonicalId === command.contributionId) {
    throw new DomainError(E.SELF_DUPLICATE, 'a contribution cannot duplicate itself');
  }
  assertNotWithdrawn(state);
  if (state.duplicateOf !== null) {
    throw new DomainError(E.ALREADY_DUPLICATE, `it is already a duplicate of ${state.duplicateOf}`);
  }
  if (state.responseNumber > 0) {
    throw new DomainError(E.ALREADY_RESPONDED, 'it already has a response of its own');
  }
  const { canonical } = command.context;
  if (!canonical.exists) {
    throw new DomainError(E.CANONICAL_NOT_FOUND, `contribution ${command.canonicalId} does not exist`);
  }
  if (canonical.cycleId !== state.cycleId) {
    throw new DomainError(E.OTHER_CYCLE, `contribution ${command.canonicalId} belongs to another cycle`);
  }
  // The canonical's response will answer this one too: only whoever may answer the canonical may say so.
  assertLeadsEach(command.actor, [{ id: command.canonicalId, leadInstitution: canonical.leadInstitution }], 'canonicalId', 'a canonical contribution');
  if (canonical.chain.includes(command.contributionId)) {
    throw new DomainError(E.DUPLICATE_LOOP, `${command.canonicalId} already leads back to this contribution`, 'conflict', {
      chain: canonical.chain,
    });
  }
  if (canonical.withdrawn) {
    throw new DomainError(E.CANONICAL_WITHDRAWN, `contribution ${command.canonicalId} was withdrawn`);
  }
  return [
    {
      type: 'ContributionMarkedDuplicate',
      data: {
        contributionId: command.contributionId,
        cycleId: state.cycleId,
        policyAreaId: state.policyAreaId,
        canonicalId: command.canonicalId,
      },
    },
  ];
}

function assertNotWithdrawn(state: ExistingContribution): void {
  if (state.withdrawn) throw new DomainError(E.WITHDRAWN, 'the contribution was withdrawn by its author');
}

function currentResponseOf(state: ExistingContribution): CurrentResponse {
  if (state.currentResponse === null) throw new DomainError(E.NOT_RESPONDED, 'the contribution has no response yet');
  return state.currentResponse;
}

function textOrNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

export const contributionDecider: Decider<ContributionCommand, ContributionEvent, ContributionState> = {
  initialState: { exists: false },

  decide(command, state) {
    if (command.type === 'ReceiveContribution') return receive(command, state);
    if (!state.exists) throw contributionNotFound(command.contributionId);
    switch (command.type) {
      case 'RespondToContribution':
        return respond(command, state);
      case 'ReviewResponse':
        return review(command, state);
      case 'PublishResponse':
        return publish(command, state);
      case 'WithdrawContribution':
        return withdraw(command, state);
      case 'RedactContribution':
        return redact(command, state);
      case 'MarkDuplicate':
        return markDuplicate(command, state);
    }
  },

  evolve(state, event) {
    if (event.type === 'ContributionReceived') {
      const d = event.data;
      return {
        exists: true,
        consultationId: d.consultationId,
        cycleId: d.cycleId,
        policyAreaId: d.policyAreaId,
        leadInstitution: d.leadInstitution,
        stakeholderId: d.stakeholderId,
        withdrawn: false,
        redacted: false,
        duplicateOf: null,
        responseNumber: 0,
        currentResponse: null,
      };
    }
    if (!state.exists) return state;
    switch (event.type) {
      case 'ContributionResponded':
        return {
          ...state,
          responseNumber: event.data.responseNumber,
          // A new response starts over: no verdict, not published.
          currentResponse: {
            decision: event.data.decision,
            commitmentIds: event.data.commitmentIds,
            verdict: null,
            published: false,
          },
        };
      case 'ResponseReviewed':
        return state.currentResponse === null
          ? state
          : { ...state, currentResponse: { ...state.currentResponse, verdict: event.data.verdict } };
      case 'ResponsePublished':
        return state.currentResponse === null
          ? state
          : { ...state, currentResponse: { ...state.currentResponse, published: true } };
      case 'ContributionWithdrawn':
        return { ...state, withdrawn: true };
      case 'ContributionRedacted':
        return { ...state, redacted: true };
      case 'ContributionMarkedDuplicate':
        return { ...state, duplicateOf: event.data.canonicalId };
    }
  },
};
