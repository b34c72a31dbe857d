import type { EventStore, RecordedEvent } from '../../event-store/event-store.port.js';
import { categoryOf } from '../../event-store/event-store.port.js';
import { streams } from '../../shared/streams.js';
import { DomainError } from '../../shared/domain-error.js';

/**
 * A point of the record's past by the recording clock. By position: the events up to and
 * including it. By time: the events the store had recorded by then (recordedAt ≤ time), i.e. what
 * the record said at that moment, whatever the events say about when things happened.
 */
export type AsOfPoint = { kind: 'position'; position: string } | { kind: 'time'; time: Date };

/** The query parameters that ask about the past. */
export interface PastQuery {
  /** The recording clock: a log position or an ISO time. */
  asOf?: string;
  /** The world's clock: an ISO time; only events that happened (occurredAt) by then. */
  asOfOccurred?: string;
}

export const asksAboutThePast = (q: PastQuery): boolean => q.asOf !== undefined || q.asOfOccurred !== undefined;

/**
 * Both clocks: "what did the record say at `recorded` about the world at `occurred`". Either may be
 * absent: no `recorded` is the record as it stands today; no `occurred` is every event it holds.
 */
export interface PastPoint {
  recorded: AsOfPoint | null;
  occurred: Date | null;
}

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

export function invalidPast(field: 'asOf' | 'asOfOccurred', reason: string): DomainError {
  return new DomainError('VALIDATION.FAILED', `${field}: ${reason}`, 'invalid', { errors: [{ field, reason }] });
}

/** Kept for the callers that only know asOf. */
export const invalidAsOf = (reason: string): DomainError => invalidPast('asOf', reason);

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
  if (!time) throw invalidPast('asOf', 'must be a log position (as a command answers it) or an ISO 8601 time such as 2020-11-30T12:00:00Z');
  if (time.getTime() > now.getTime()) throw invalidPast('asOf', 'must not be in the future');
  return { kind: 'time', time };
}

/** Parses ?asOfOccurred=: an ISO time (the world's clock has no log positions), not in the future. */
export function parseAsOfOccurred(value: string, now = new Date()): Date {
  const time = parseIsoTime(value.trim());
  if (!time) throw invalidPast('asOfOccurred', 'must be an ISO 8601 time such as 2020-11-30T12:00:00Z (or a date: 00:00 UTC of that day)');
  if (time.getTime() > now.getTime()) throw invalidPast('asOfOccurred', 'must not be in the future');
  return time;
}

/** Did the record hold this event at the point? */
export function heldAt(store: EventStore, point: AsOfPoint, event: RecordedEvent): boolean {
  return point.kind === 'position'
    ? store.comparePositions(event.position, point.position) <= 0
    : Date.parse(event.metadata.recordedAt) <= point.time.getTime();
}

/**
 * The streams an event needs to exist before it means anything to a handler that keeps it: a
 * duplicate mark needs its canonical's receipt, a report step its consultation's announcement.
 * Only checked where the projection handles the creating event (else it cannot need it).
 */
function dependencies(event: RecordedEvent, handled: ReadonlySet<string>): string[] {
  const d = event.data as { canonicalId?: unknown; consultationId?: unknown };
  if (event.type === 'ContributionMarkedDuplicate' && typeof d.canonicalId === 'string' && handled.has('ContributionReceived')) {
    return [streams.contribution(d.canonicalId)];
  }
  if (categoryOf(event.streamId) === 'report' && typeof d.consultationId === 'string' && handled.has('ConsultationAnnounced')) {
    return [streams.consultation(d.consultationId)];
  }
  return [];
}

/**
 * Which events an answer about the past keeps, asked of each candidate event IN LOG ORDER (it
 * remembers what it kept). By the recording clock: held at the point. By the world's clock: each
 * stream up to its first event that happened after the time (an event never outlives an earlier
 * one of its stream that is left out), and no event whose stream's prerequisite (see
 * dependencies) was left out — backfilled dates can disagree with the log's order, and an answer
 * must never show a response to a contribution it does not show.
 */
export function pastFilter(store: EventStore, past: PastPoint, handledTypes: readonly string[] = []): (event: RecordedEvent) => boolean {
  const handled = new Set(handledTypes);
  const open = new Set<string>();
  const closed = new Set<string>();
  return (event) => {
    if (past.recorded && !heldAt(store, past.recorded, event)) return false;
    if (!past.occurred) return true;
    if (closed.has(event.streamId)) return false;
    const happened = Date.parse(event.metadata.occurredAt) <= past.occurred.getTime();
    if (!happened || dependencies(event, handled).some((s) => !open.has(s))) {
      closed.add(event.streamId);
      return false;
    }
    open.add(event.streamId);
    return true;
  };
}
