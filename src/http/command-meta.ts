import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, Max, Min } from 'class-validator';
import { ProblemException } from './problem.js';
import type { AuthenticatedRequest } from '../security/auth.guard.js';
import { Optional } from './validation.js';
import { currentRequest } from './request-context.js';
import type { CommandMeta } from '../command-handling/command-meta.js';

/** Fields every command body may carry besides its own. */
export class CommandRequest {
  @ApiPropertyOptional({
    description: 'When it happened in the world (e.g. a meeting last week); defaults to now. recordedAt is always the server clock.',
    example: '2020-10-14T09:00:00Z',
  })
  @Optional()
  @IsISO8601({ strict: true, strictSeparator: true })
  occurredAt?: string;

  @ApiPropertyOptional({ description: 'Insist on the revision you saw (as If-Match does): 409 if the record moved on.', minimum: -1 })
  @Optional()
  @IsInt()
  @Min(-1)
  @Max(Number.MAX_SAFE_INTEGER)
  expectedRevision?: number;
}

// Clocks drift; a backfilled fact may be old, but not from the future.
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * What command handling needs of the request, taken from it once at the edge: who, when, the revision
 * insisted on, the request id and (under an Idempotency-Key) the seed of the command's new ids.
 */
export function commandMeta(req: AuthenticatedRequest, body: CommandRequest | undefined, now = new Date()): CommandMeta {
  if (!req.actor) throw new ProblemException(401, 'AUTH.REQUIRED', 'Unauthorized', 'this endpoint needs a bearer token');
  let occurredAt = now.toISOString();
  if (body?.occurredAt) {
    const t = Date.parse(body.occurredAt);
    if (t > now.getTime() + FUTURE_TOLERANCE_MS) {
      throw new ProblemException(400, 'VALIDATION.FAILED', 'Invalid request', 'occurredAt: must not be in the future', {
        errors: [{ field: 'occurredAt', reason: 'must not be in the future' }],
      });
    }
    occurredAt = new Date(t).toISOString();
  }
  let expectedRevision = body?.expectedRevision;
  const ifMatch = req.headers['if-match'];
  if (expectedRevision === undefined && typeof ifMatch === 'string' && ifMatch.trim() !== '') {
    const match = /^(?:W\/)?"?(-?\d+)"?$/.exec(ifMatch.trim());
    if (!match) {
      throw new ProblemException(400, 'VALIDATION.FAILED', 'Invalid request', 'If-Match: must be a stream revision such as "3"', {
        errors: [{ field: 'If-Match', reason: 'must be a stream revision such as "3"' }],
      });
    }
    expectedRevision = Number(match[1]);
  }
  const request = currentRequest();
  return {
    actor: req.actor,
    occurredAt,
    ...(expectedRevision !== undefined ? { expectedRevision } : {}),
    ...(request?.requestId ? { requestId: request.requestId } : {}),
    ...(request?.idempotencySeed ? { idempotencySeed: request.idempotencySeed } : {}),
  };
}
