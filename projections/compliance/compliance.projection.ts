import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import type { ProjectionDefinition, ProjectionHandler } from '../../src/projection-runner/projection.js';
import { ComplianceFactRow } from './compliance-fact.entity.js';

/** The events the compliance rules read, and the fields of each they keep (no personal data). */
const COMPLIANCE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  CycleOpened: ['title', 'periodStart', 'periodEnd'],
  ComplianceThresholdsSet: ['thresholds'],
  ForumMeetingHeld: ['meetingId', 'heldAt', 'minutesUrl'],
  MilestoneScheduled: ['milestoneId', 'stage', 'title', 'dueDate'],
  DraftPlanPublished: ['version', 'url'],
  PlanApproved: ['body', 'decisionRef', 'approvedAt'],
  PlanSubmitted: ['submittedAt'],
  ConsultationAnnounced: ['consultationId', 'kind', 'title', 'announcedAt', 'opensAt', 'closesAt'],
  ConsultationClosed: ['consultationId', 'closedAt'],
  MaterialPublished: ['consultationId', 'materialId', 'kind', 'title'],
  ReportPublished: ['reportId', 'consultationId'],
  ContributionReceived: ['contributionId', 'consultationId', 'receivedAt'],
  ContributionResponded: ['contributionId', 'responseNumber'],
  ResponsePublished: ['contributionId', 'responseNumber'],
  ContributionWithdrawn: ['contributionId'],
  ContributionMarkedDuplicate: ['contributionId', 'canonicalId'],
};

/** The event types the compliance rules read. */
export const COMPLIANCE_TYPES: readonly string[] = Object.keys(COMPLIANCE_FIELDS);

/** The row an event becomes (null for a type the rules do not read): what the read model holds of it. */
export function complianceFact(event: RecordedEvent): ComplianceFactRow | null {
  const fields = COMPLIANCE_FIELDS[event.type];
  if (!fields) return null;
  const d = event.data;
  return {
    cycleId: d.cycleId as string,
    eventId: event.eventId,
    position: event.position,
    type: event.type,
    occurredAt: new Date(event.metadata.occurredAt),
    data: Object.fromEntries(fields.filter((f) => f in d).map((f) => [f, d[f]])),
  };
}

const keepFact: ProjectionHandler = async (event, store) => {
  store.put(ComplianceFactRow, complianceFact(event)!);
};

export const complianceProjection: ProjectionDefinition = {
  name: 'compliance',
  version: 1,
  tables: ['compliance_fact'],
  entities: [ComplianceFactRow],
  // One fact per event, keyed by its id.
  insertOnly: [ComplianceFactRow],
  handlers: Object.fromEntries(COMPLIANCE_TYPES.map((type) => [type, keepFact])),
};
