/**
 * Telling "the database is not there right now" from "the database refuses this": the first is
 * retried (and answered 503 with Retry-After at the edge), the second is a fact about the data.
 */

// Sockets that could not connect or were cut.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ENOENT']);

// SQLSTATE: 08 connection exception, 53 insufficient resources (too many connections, disk full),
// 57P01–57P03 the server shutting down, crashed or still starting, 40001/40P01 serialization
// failure and deadlock, 55P03 lock not available, 58 system errors (I/O).
const TRANSIENT_SQLSTATE = /^(08|53|57P0[1-3]|40001|40P01|55P03|58)/;

// What pg and its pool say when the connection is gone, with no code to go by.
const TRANSIENT_MESSAGES = [
  'Connection terminated',
  'connection timeout',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection ended unexpectedly',
  'the database system is',
  'terminating connection',
  'server closed the connection unexpectedly',
  'Cannot use a pool after calling end',
  // TypeORM releases a query runner whose connection broke; the transaction's next query says this.
  'Query runner already released',
];

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** True when the error says the database is unreachable or temporarily unable, not that the request is wrong. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 5) return false;
  const e = error as ErrorLike;
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || (/^[0-9A-Z]{5}$/.test(e.code) && TRANSIENT_SQLSTATE.test(e.code)))) return true;
  if (typeof e.message === 'string' && TRANSIENT_MESSAGES.some((m) => (e.message as string).includes(m))) return true;
  // AggregateError (a connection tried on IPv4 and IPv6), TypeORM's QueryFailedError, wrapped causes.
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.driverError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}
