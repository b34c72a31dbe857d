/**
 * How a rule, a query or an engine says no, with a stable code. `kind` decides the HTTP status in one
 * place, the edge's filter (src/http/problem-details.filter.ts): invalid → 400, unauthenticated → 401,
 * forbidden → 403, not_found → 404, conflict → 409, busy → 429, unavailable → 503.
 */
export type DomainErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'busy' | 'unavailable';

export class DomainError extends Error {
  constructor(
    /** Stable code, e.g. CONTRIBUTION.WITHDRAWN. */
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'conflict',
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
