import { DomainError } from '../../shared/domain-error.js';

export const StakeholderErrors = {
  NOT_FOUND: 'STAKEHOLDER.NOT_FOUND',
  ALREADY_EXISTS: 'STAKEHOLDER.ALREADY_EXISTS',
  ALREADY_ERASED: 'STAKEHOLDER.ALREADY_ERASED',
  REASON_REQUIRED: 'STAKEHOLDER.REASON_REQUIRED',
} as const;

export const stakeholderNotFound = (stakeholderId: string): DomainError =>
  new DomainError(StakeholderErrors.NOT_FOUND, `stakeholder ${stakeholderId} does not exist`, 'not_found');

/** Stakeholder ids named in a body (invitations, attendance, forum meetings) that do not exist: 409. */
export const stakeholdersMissing = (missing: string[], field: string): DomainError =>
  new DomainError(StakeholderErrors.NOT_FOUND, `unknown stakeholders: ${missing.join(', ')}`, 'conflict', { field, missing });
