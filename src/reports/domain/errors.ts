import { DomainError } from '../../shared/domain-error.js';

export const ReportErrors = {
  ALREADY_EXISTS: 'REPORT.ALREADY_EXISTS',
  NOT_FOUND: 'REPORT.NOT_FOUND',
  NOT_DRAFT: 'REPORT.NOT_DRAFT',
  NOT_SUBMITTED: 'REPORT.NOT_SUBMITTED',
  ALREADY_ACCEPTED: 'REPORT.ALREADY_ACCEPTED',
  NOT_ACCEPTED: 'REPORT.NOT_ACCEPTED',
  FEEDBACK_REQUIRED: 'REPORT.FEEDBACK_REQUIRED',
} as const;

export const reportNotFound = (reportId: string): DomainError =>
  new DomainError(ReportErrors.NOT_FOUND, `report ${reportId} does not exist`, 'not_found');
