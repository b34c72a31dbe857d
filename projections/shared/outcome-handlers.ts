import type {
  ContributionMarkedDuplicate,
  ContributionResponded,
  ContributionWithdrawn,
  ResponsePublished,
  ResponseReviewed,
} from '../../src/contributions/domain/events.js';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { on, type ProjectionHandler } from '../../src/projection-runner/projection.js';
import { wholeDaysBetween } from '../../src/shared/time.js';
import type { OutcomeColumns, outcomeTracker } from './contribution-outcome.js';

/** A model's own columns set by an event, given the row as it was before. */
type Extra<T, E extends { data: object }> = (before: T, data: E['data'], event: RecordedEvent) => Partial<T>;

export interface OutcomeExtras<T> {
  responded?: Extra<T, ContributionResponded>;
  reviewed?: Extra<T, ResponseReviewed>;
  withdrawn?: Extra<T, ContributionWithdrawn>;
}

const none = () => ({});

/**
 * The handlers of a per-contribution read model for the outcome events (ContributionReceived,
 * which creates the row, is the model's). `extras` set the model's own columns from an event.
 */
export function outcomeHandlers<T extends OutcomeColumns>(
  rows: ReturnType<typeof outcomeTracker<T>>,
  { responded = none, reviewed = none, withdrawn = none }: OutcomeExtras<T> = {},
): Record<string, ProjectionHandler> {
  return {
    ContributionResponded: on<ContributionResponded>(async (d, event, store) => {
      const row = await rows.get(store, d.contributionId);
      await rows.save(store, { ...rows.responded(row, d), ...responded(row, d, event) }, event);
    }),
    ResponseReviewed: on<ResponseReviewed>(async (d, event, store) => {
      const row = await rows.get(store, d.contributionId);
      await rows.save(store, { ...row, ownVerdict: d.verdict, ...reviewed(row, d, event) }, event);
    }),
    ResponsePublished: on<ResponsePublished>(async (d, event, store) => {
      const row = await rows.get(store, d.contributionId);
      await rows.save(store, { ...row, ownPublishedAt: new Date(event.metadata.occurredAt) }, event);
    }),
    ContributionWithdrawn: on<ContributionWithdrawn>(async (d, event, store) => {
      const row = await rows.get(store, d.contributionId);
      await rows.save(store, { ...row, withdrawn: true, ...withdrawn(row, d, event) }, event);
    }),
    ContributionMarkedDuplicate: on<ContributionMarkedDuplicate>((d, event, store) => rows.markDuplicate(store, d.contributionId, d.canonicalId, event)),
  };
}

/** respondedAt is the first response's occurredAt (a later response does not move it). */
export function firstResponse(before: { receivedAt: Date; respondedAt: Date | null }, event: RecordedEvent): { respondedAt: Date; daysToResponse: number } {
  const respondedAt = before.respondedAt ?? new Date(event.metadata.occurredAt);
  return { respondedAt, daysToResponse: wholeDaysBetween(before.receivedAt, respondedAt) };
}

/** When and why a contribution was withdrawn. */
export const withdrawal = (_: unknown, d: ContributionWithdrawn['data'], event: RecordedEvent) => ({
  withdrawnAt: new Date(event.metadata.occurredAt),
  withdrawalReason: d.reason,
});
