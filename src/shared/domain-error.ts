/**
 * How a rule says no. `kind` decides the HTTP status at the edge:
 * not_found → 404, conflict → 409, forbidden → 403, invalid → 400.
 */
export type DomainErrorKind = 'not_found' | 'conflict' | 'forbidden' | 'invalid';

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
