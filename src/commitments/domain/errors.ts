import { DomainError } from '../../shared/domain-error.js';

export const CommitmentErrors = {
  ALREADY_EXISTS: 'COMMITMENT.ALREADY_EXISTS',
  NOT_FOUND: 'COMMITMENT.NOT_FOUND',
  /** Raised by contributions: a commitment of another cycle. */
  OTHER_CYCLE: 'COMMITMENT.OTHER_CYCLE',
  WITHDRAWN: 'COMMITMENT.WITHDRAWN',
  ALREADY_WITHDRAWN: 'COMMITMENT.ALREADY_WITHDRAWN',
  NO_CHANGE: 'COMMITMENT.NO_CHANGE',
  INVALID_OGP_VALUES: 'COMMITMENT.INVALID_OGP_VALUES',
  MILESTONES_REQUIRED: 'COMMITMENT.MILESTONES_REQUIRED',
} as const;

export const commitmentNotFound = (commitmentId: string): DomainError =>
  new DomainError(CommitmentErrors.NOT_FOUND, `commitment ${commitmentId} does not exist`, 'not_found');

/** Commitment ids named in a body (a contribution, a response) that do not exist: 409. */
export const commitmentsMissing = (missing: string[], field: string): DomainError =>
  new DomainError(CommitmentErrors.NOT_FOUND, `unknown commitments: ${missing.join(', ')}`, 'conflict', { field, missing });
