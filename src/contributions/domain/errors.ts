import { DomainError } from '../../shared/domain-error.js';

export const ContributionErrors = {
  ALREADY_EXISTS: 'CONTRIBUTION.ALREADY_EXISTS',
  NOT_FOUND: 'CONTRIBUTION.NOT_FOUND',
  WITHDRAWN: 'CONTRIBUTION.WITHDRAWN',
  IS_DUPLICATE: 'CONTRIBUTION.IS_DUPLICATE',
  DECISION_REQUIRED: 'CONTRIBUTION.DECISION_REQUIRED',
  RATIONALE_REQUIRED: 'CONTRIBUTION.RATIONALE_REQUIRED',
  COMMITMENT_REQUIRED: 'CONTRIBUTION.COMMITMENT_REQUIRED',
  NOT_RESPONDED: 'CONTRIBUTION.NOT_RESPONDED',
  ALREADY_REVIEWED: 'CONTRIBUTION.ALREADY_REVIEWED',
  NOT_ENDORSED: 'CONTRIBUTION.NOT_ENDORSED',
  ALREADY_PUBLISHED: 'CONTRIBUTION.ALREADY_PUBLISHED',
  NOT_AUTHOR: 'CONTRIBUTION.NOT_AUTHOR',
  ALREADY_WITHDRAWN: 'CONTRIBUTION.ALREADY_WITHDRAWN',
  REASON_REQUIRED: 'CONTRIBUTION.REASON_REQUIRED',
  ALREADY_REDACTED: 'CONTRIBUTION.ALREADY_REDACTED',
  SELF_DUPLICATE: 'CONTRIBUTION.SELF_DUPLICATE',
  CANONICAL_NOT_FOUND: 'CONTRIBUTION.CANONICAL_NOT_FOUND',
  /** Also raised by commitments and reports from contribution snapshots. */
  OTHER_CYCLE: 'CONTRIBUTION.OTHER_CYCLE',
  /** A report names a contribution of another consultation. */
  OTHER_CONSULTATION: 'CONTRIBUTION.OTHER_CONSULTATION',
  DUPLICATE_LOOP: 'CONTRIBUTION.DUPLICATE_LOOP',
  CANONICAL_WITHDRAWN: 'CONTRIBUTION.CANONICAL_WITHDRAWN',
  ALREADY_RESPONDED: 'CONTRIBUTION.ALREADY_RESPONDED',
  ALREADY_DUPLICATE: 'CONTRIBUTION.ALREADY_DUPLICATE',
} as const;

export const contributionNotFound = (contributionId: string): DomainError =>
  new DomainError(ContributionErrors.NOT_FOUND, `contribution ${contributionId} does not exist`, 'not_found');

/** Contribution ids named in a body (report, commitment revision) that do not exist: 409. */
export const contributionsMissing = (missing: string[], field: string): DomainError =>
  new DomainError(ContributionErrors.NOT_FOUND, `unknown contributions: ${missing.join(', ')}`, 'conflict', { field, missing });
