import { DomainError } from '../../shared/domain-error.js';

export const ConsultationErrors = {
  NOT_FOUND: 'CONSULTATION.NOT_FOUND',
  ALREADY_EXISTS: 'CONSULTATION.ALREADY_EXISTS',
  INVALID_DATES: 'CONSULTATION.INVALID_DATES',
  CLOSED: 'CONSULTATION.CLOSED',
  ALREADY_CLOSED: 'CONSULTATION.ALREADY_CLOSED',
  NOT_A_SURVEY: 'CONSULTATION.NOT_A_SURVEY',
} as const;

export const SurveyErrors = {
  NOT_DEFINED: 'SURVEY.NOT_DEFINED',
  LOCKED: 'SURVEY.LOCKED',
  DUPLICATE_QUESTION: 'SURVEY.DUPLICATE_QUESTION',
  INVALID_OPTIONS: 'SURVEY.INVALID_OPTIONS',
  UNKNOWN_QUESTION: 'SURVEY.UNKNOWN_QUESTION',
  DUPLICATE_ANSWER: 'SURVEY.DUPLICATE_ANSWER',
  INVALID_CHOICE: 'SURVEY.INVALID_CHOICE',
} as const;

export const consultationNotFound = (consultationId: string): DomainError =>
  new DomainError(ConsultationErrors.NOT_FOUND, `consultation ${consultationId} does not exist`, 'not_found');

export const consultationClosed = (consultationId: string): DomainError =>
  new DomainError(ConsultationErrors.CLOSED, `consultation ${consultationId} is closed`, 'conflict');
