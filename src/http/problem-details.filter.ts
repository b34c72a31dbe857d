import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isDatabaseUnavailable } from '../database/database-errors.js';
import { IdempotencyMismatch, WrongExpectedRevision } from '../event-store/event-store.port.js';
import { DomainError, type DomainErrorKind } from '../shared/domain-error.js';
import { ProblemException, problemType, STATUS_TITLES } from './problem.js';
import { currentRequest } from './request-context.js';

const KIND_STATUS: Record<DomainErrorKind, number> = { invalid: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, busy: 429, unavailable: 503 };

/** A code whose problem type has a title of its own, the same wherever it is raised (RFC 9457: one type, one title). */
const CODE_TITLES: Readonly<Record<string, string>> = { 'VALIDATION.FAILED': 'Invalid request' };

/** Maps every error to one RFC 9457 shape; an unknown error is a 500 that tells nothing of the internals. */
export function toProblem(error: unknown): ProblemException {
  if (error instanceof ProblemException) return error;
  // Nest wraps body-parser's errors; their `type` says what went wrong.
  const cause = (error as { cause?: { type?: unknown } } | undefined)?.cause;
  if (error instanceof HttpException && typeof cause?.type === 'string') return toProblem(cause);
  if (error instanceof DomainError) {
    const status = KIND_STATUS[error.kind];
    const field = typeof error.details.field === 'string' ? error.details.field : undefined;
    return new ProblemException(status, error.code, CODE_TITLES[error.code] ?? STATUS_TITLES[status], error.message, {
      ...error.details,
      ...(field ? { errors: [{ field, reason: error.message }] } : {}),
    });
  }
  if (error instanceof WrongExpectedRevision) {
    return new ProblemException(409, 'CONCURRENCY.WRONG_EXPECTED_REVISION', 'Conflict', error.message, {
      expectedRevision: error.expected,
      actualRevision: error.actualRevision,
    });
  }
  if (error instanceof IdempotencyMismatch) {
    return new ProblemException(409, error.code, 'Conflict', error.message);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message =
      typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? error.message);
    return new ProblemException(status, `HTTP.${status}`, STATUS_TITLES[status] ?? 'Error', message);
  }
  const bodyParser = error as { type?: string; status?: number; limit?: number };
  if (bodyParser?.type === 'entity.too.large') {
    return new ProblemException(413, 'REQUEST.TOO_LARGE', STATUS_TITLES[413], `the request body is larger than ${bodyParser.limit} bytes`);
  }
  if (bodyParser?.type === 'entity.parse.failed') {
    return new ProblemException(400, 'REQUEST.MALFORMED_JSON', STATUS_TITLES[400], 'the request body is not valid JSON');
  }
  if (bodyParser?.type && typeof bodyParser.status === 'number' && bodyParser.status < 500) {
    return new ProblemException(bodyParser.status, 'REQUEST.UNREADABLE', STATUS_TITLES[bodyParser.status] ?? 'Error', String((error as Error).message));
  }
  if (isDatabaseUnavailable(error)) {
    // Nothing was acknowledged; with an Idempotency-Key the retry answers what a late success did.
    return new ProblemException(503, 'DATABASE.UNAVAILABLE', STATUS_TITLES[503], 'the database is unreachable for the moment; try again shortly');
  }
  return new ProblemException(500, 'INTERNAL', STATUS_TITLES[500], 'An unexpected error occurred; quote the requestId when reporting it.');
}

const logger = new Logger('HTTP');
const RETRY_AFTER_SECONDS = 5;

export function sendProblem(error: unknown, req: Request, res: Response): void {
  const problem = toProblem(error);
  const requestId = currentRequest()?.requestId ?? (res.getHeader('x-request-id') as string | undefined);
  if (problem.code === 'DATABASE.UNAVAILABLE') {
    logger.warn(`${req.method} ${req.originalUrl}: the database is unavailable [requestId ${requestId}]: ${(error as Error)?.message ?? String(error)}`);
  } else if (problem.status >= 500) {
    logger.error(`${req.method} ${req.originalUrl} failed [requestId ${requestId}]`, (error as Error)?.stack ?? String(error));
  }
  if (res.headersSent) {
    res.end();
    return;
  }
  // Every 503 is "not now": say when to come back.
  if (problem.status === 503 && !res.getHeader('Retry-After')) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  res
    .status(problem.status)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: problemType(problem.code),
        title: problem.title,
        status: problem.status,
        detail: problem.detail,
        code: problem.code,
        instance: req.originalUrl,
        requestId,
        ...problem.extensions,
      }),
    );
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(error, http.getRequest<Request>(), http.getResponse<Response>());
  }
}
