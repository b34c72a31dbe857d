import { DomainError } from '../../shared/domain-error.js';

export const CycleErrors = {
  NOT_FOUND: 'CYCLE.NOT_FOUND',
  ALREADY_EXISTS: 'CYCLE.ALREADY_EXISTS',
  INVALID_PERIOD: 'CYCLE.INVALID_PERIOD',
  POLICY_AREA_NAME_TAKEN: 'CYCLE.POLICY_AREA_NAME_TAKEN',
  /** Raised by other aggregates (consultation, commitment) from a cycle snapshot. */
  POLICY_AREA_NOT_FOUND: 'CYCLE.POLICY_AREA_NOT_FOUND',
  INVALID_STAGE: 'CYCLE.INVALID_STAGE',
  MILESTONE_NOT_FOUND: 'CYCLE.MILESTONE_NOT_FOUND',
  MILESTONE_ALREADY_COMPLETED: 'CYCLE.MILESTONE_ALREADY_COMPLETED',
  EVIDENCE_REQUIRED: 'CYCLE.EVIDENCE_REQUIRED',
  STAGE_NOT_NEXT: 'CYCLE.STAGE_NOT_NEXT',
  SUBMISSION_REQUIRED: 'CYCLE.SUBMISSION_REQUIRED',
  DRAFT_VERSION_EXISTS: 'CYCLE.DRAFT_VERSION_EXISTS',
  NOT_IN_APPROVAL_STAGE: 'CYCLE.NOT_IN_APPROVAL_STAGE',
  ALREADY_APPROVED: 'CYCLE.ALREADY_APPROVED',
  NOT_APPROVED: 'CYCLE.NOT_APPROVED',
  ALREADY_SUBMITTED: 'CYCLE.ALREADY_SUBMITTED',
  INVALID_THRESHOLDS: 'CYCLE.INVALID_THRESHOLDS',
} as const;

/** The cycle in the path is missing (404), or one named in a body or snapshot is (409). */
export const cycleNotFound = (cycleId: string, kind: 'not_found' | 'conflict' = 'not_found'): DomainError =>
  new DomainError(CycleErrors.NOT_FOUND, `cycle ${cycleId} does not exist`, kind);

export const cycleAlreadySubmitted = (cycleId: string): DomainError =>
  new DomainError(CycleErrors.ALREADY_SUBMITTED, `the action plan of cycle ${cycleId} has already been submitted`, 'conflict');

export const policyAreaNotFound = (cycleId: string, policyAreaId: string): DomainError =>
  new DomainError(
    CycleErrors.POLICY_AREA_NOT_FOUND,
    `policy area ${policyAreaId} is not part of cycle ${cycleId}`,
    'conflict',
    { field: 'policyAreaId' },
  );
