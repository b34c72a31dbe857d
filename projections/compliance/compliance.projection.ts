import { on, type ProjectionDefinition, type ProjectionHandler } from '../../src/projection-runner/projection.js';
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

const keepFact = (fields: readonly string[]): ProjectionHandler =>
  on<{ type: string; data: { cycleId: string } }>(async (d, event, store) => {
    store.put(ComplianceFactRow, {
      cycleId: d.cycleId,
      eventId: event.eventId,
      position: event.position,
      type: event.type,
      occurredAt: new Date(event.metadata.occurredAt),
      data: Object.fromEntries(fields.filter((f) => f in d).map((f) => [f, (d as Record<string, unknown>)[f]])),
    });
  });

export const complianceProjection: ProjectionDefinition = {
  name: 'compliance',
  version: 1,
  tables: ['compliance_fact'],
  entities: [ComplianceFactRow],
  handlers: Object.fromEntries(Object.entries(COMPLIANCE_FIELDS).map(([type, fields]) => [type, keepFact(fields)])),
};
