import type { CommitmentRevised } from '../../src/commitments/domain/events.js';
import type { ContributionMarkedDuplicate } from '../../src/contributions/domain/events.js';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { on, type ProjectionDefinition, type ProjectionHandler } from '../../src/projection-runner/projection.js';
import type { ReportDrafted, ReportRevised } from '../../src/reports/domain/events.js';
import { ContributionLinkRow } from './contribution-link.entity.js';

/** The contributions an event of another stream names (each once). */
const LINKED_CONTRIBUTIONS: Record<string, (data: Record<string, unknown>) => string[]> = {
  ContributionMarkedDuplicate: (d) => [(d as ContributionMarkedDuplicate['data']).canonicalId],
  CommitmentRevised: (d) => (d as CommitmentRevised['data']).inResponseTo ?? [],
  ReportDrafted: (d) => (d as ReportDrafted['data']).contributionIds ?? [],
  ReportRevised: (d) => (d as ReportRevised['data']).contributionIds ?? [],
};

export function linkedContributions(event: RecordedEvent): string[] {
  const of = LINKED_CONTRIBUTIONS[event.type];
  return of ? [...new Set(of(event.data))] : [];
}

const link: ProjectionHandler = on<{ type: string; data: object }>(async (_, event, store) => {
  for (const contributionId of linkedContributions(event)) {
    store.put(ContributionLinkRow, {
      contributionId,
      eventId: event.eventId,
      position: event.position,
      streamId: event.streamId,
      revision: event.revision,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
      recordedAt: new Date(event.metadata.recordedAt),
    });
  }
});

export const contributionLinksProjection: ProjectionDefinition = {
  name: 'contribution-links',
  version: 1,
  tables: ['contribution_link'],
  entities: [ContributionLinkRow],
  handlers: Object.fromEntries(Object.keys(LINKED_CONTRIBUTIONS).map((type) => [type, link])),
};
