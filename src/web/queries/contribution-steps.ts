import type {
  ContributionMarkedDuplicate,
  ContributionReceived,
  ContributionRedacted,
  ContributionResponded,
  ResponsePublished,
  ResponseReviewed,
} from '../../contributions/domain/events.js';
import type { RecordedEvent } from '../../event-store/event-store.port.js';

/** A step of a contribution's own stream as its page shows it: public fields only. */
export interface ContributionStep {
  type: string;
  occurredAt: string;
  /** The institution of the official who acted (null for a stakeholder or the system). */
  institution: string | null;
  data: Record<string, unknown>;
}

type PublicFields<E extends { data: unknown }> = (d: E['data']) => Record<string, unknown>;

/**
 * What a contribution page keeps of each event of the contribution's stream. Never the body, the
 * stakeholder, the author's reason for withdrawing (their own words) or the POC's review comment
 * (internal to the review: only the verdict is public). A type not listed here is not shown.
 */
const PICKS: Readonly<Record<string, PublicFields<{ data: never }>>> = {
  ContributionReceived: ((d) => ({ channel: d.channel, receivedAt: d.receivedAt, late: d.late })) satisfies PublicFields<ContributionReceived>,
  ContributionResponded: ((d) => ({ responseNumber: d.responseNumber, decision: d.decision, rationale: d.rationale, commitmentIds: d.commitmentIds })) satisfies PublicFields<ContributionResponded>,
  ResponseReviewed: ((d) => ({ responseNumber: d.responseNumber, verdict: d.verdict })) satisfies PublicFields<ResponseReviewed>,
  ResponsePublished: ((d) => ({ responseNumber: d.responseNumber })) satisfies PublicFields<ResponsePublished>,
  ContributionWithdrawn: () => ({}),
  ContributionRedacted: ((d) => ({ reason: d.reason })) satisfies PublicFields<ContributionRedacted>,
  ContributionMarkedDuplicate: ((d) => ({ canonicalId: d.canonicalId })) satisfies PublicFields<ContributionMarkedDuplicate>,
};

/** The institution of an official who acted; a stakeholder's own id and name are not kept. */
const institutionOf = (event: RecordedEvent): string | null => (event.metadata.actor.role === 'stakeholder' ? null : (event.metadata.actor.institution ?? null));

/** The public steps of a contribution's events (read from its stream, in order). */
export function publicSteps(events: readonly RecordedEvent[]): ContributionStep[] {
  const steps: ContributionStep[] = [];
  for (const event of events) {
    const pick = PICKS[event.type];
    if (!pick) continue;
    steps.push({ type: event.type, occurredAt: new Date(event.metadata.occurredAt).toISOString(), institution: institutionOf(event), data: pick(event.data as never) });
  }
  return steps;
}
