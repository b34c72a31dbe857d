import type {
  ContributionMarkedDuplicate,
  ContributionResponded,
  ContributionWithdrawn,
  ResponsePublished,
  ResponseReviewed,
} from '../../src/contributions/domain/events.js';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { on, type ProjectionHandler } from '../../src/projection-runner/projection.js';
import type { OutcomeColumns, outcomeTracker } from './contribution-outcome.js';

/**
 * The handlers of a per-contribution read model that keeps only outcome columns plus its own
 * (ContributionReceived, which creates the row, is the model's). `onResponded` sets the model's
 * own columns from a response; it is given the row as it was before.
 */
export function outcomeHandlers<T extends OutcomeColumns>(
  rows: ReturnType<typeof outcomeTracker<T>>,
  onResponded: (before: T, event: RecordedEvent) => Partial<T> = () => ({}),
): Record<string, ProjectionHandler> {
  return {
    ContributionResponded: on<ContributionResponded>(async (d, event, store) => {
      const row = await rows.get(store, d.contributionId);
      await rows.save(store, { ...rows.responded(row, d), ...onResponded(row, event) }, event);
    }),
    ResponseReviewed: on<ResponseReviewed>(async (d, event, store) => {
      const row = await rows.get(store, d.contributionId);
      await rows.save(store, { ...row, ownVerdict: d.verdict }, event);
    }),
    ResponsePublished: on<ResponsePublished>(async (d, event, store) => {
      const row = await rows.get(store, d.contributionId);
      await rows.save(store, { ...row, ownPublishedAt: new Date(event.metadata.occurredAt) }, event);
    }),
    ContributionWithdrawn: on<ContributionWithdrawn>(async (d, event, store) => {
      const row = await rows.get(store, d.contributionId);
      await rows.save(store, { ...row, withdrawn: true }, event);
    }),
    ContributionMarkedDuplicate: on<ContributionMarkedDuplicate>((d, event, store) => rows.markDuplicate(store, d.contributionId, d.canonicalId, event)),
  };
}
