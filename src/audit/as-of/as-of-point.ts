import type { EventStore, RecordedEvent } from '../../event-store/event-store.port.js';
import { ProblemException } from '../../http/problem.js';

/**
 * A point of the record's past. By position: the events up to and including it. By time: the
 * events the store had recorded by then (recordedAt ≤ time), i.e. what the record said at that
 * moment, whatever the events say about when things happened in the world.
 */
export type AsOfPoint = { kind: 'position'; position: string } | { kind: 'time'; time: Date };

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

export function invalidAsOf(reason: string): ProblemException {
  return new ProblemException(400, 'VALIDATION.FAILED', 'Invalid request', `asOf: ${reason}`, { errors: [{ field: 'asOf', reason }] });
}

/** An ISO 8601 time with its zone (or a date alone: 00:00 UTC of that day); null when it is not one. */
function parseIsoTime(value: string): Date | null {
  // A '+' offset that reached us unencoded in a query string arrives as a space.
  const iso = value.replace(/ (\d{2}:?\d{2})$/, '+$1');
  const m = ISO_TIME.exec(iso);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (day.getUTCFullYear() !== Number(y) || day.getUTCMonth() !== Number(mo) - 1 || day.getUTCDate() !== Number(d)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const t = Date.parse(m[4] === undefined ? `${y}-${mo}-${d}T00:00:00Z` : iso);
  return Number.isNaN(t) ? null : new Date(t);
}

/** Parses ?asOf= without the log: a position the store could have produced, or a time not in the future. */
export function parseAsOf(store: EventStore, value: string, now = new Date()): AsOfPoint {
  const trimmed = value.trim();
  if (store.isPosition(trimmed)) return { kind: 'position', position: trimmed };
  const time = parseIsoTime(trimmed);
  if (!time) throw invalidAsOf('must be a log position (as a command answers it) or an ISO 8601 time such as 2020-11-30T12:00:00Z');
  if (time.getTime() > now.getTime()) throw invalidAsOf('must not be in the future');
  return { kind: 'time', time };
}

/** Did the record hold this event at the point? */
export function heldAt(store: EventStore, point: AsOfPoint, event: RecordedEvent): boolean {
  return point.kind === 'position'
    ? store.comparePositions(event.position, point.position) <= 0
    : Date.parse(event.metadata.recordedAt) <= point.time.getTime();
}
