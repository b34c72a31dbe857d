import { COMMITMENT_EVENT_TYPES, type CommitmentDrafted, type CommitmentRevised, type CommitmentWithdrawn } from '../../src/commitments/domain/events.js';
import type { ContributionReceived } from '../../src/contributions/domain/events.js';
import { on, type ProjectionDefinition, type ProjectionStore } from '../../src/projection-runner/projection.js';
import { NO_OUTCOME, outcomeTracker } from '../shared/contribution-outcome.js';
import { outcomeHandlers } from '../shared/outcome-handlers.js';
import { trackRevision } from '../shared/revision.js';
import { CommitmentContributionRow, CommitmentRevisionRow, CommitmentTraceabilityRow } from './commitment-traceability.entity.js';

const contributions = outcomeTracker(CommitmentContributionRow);

async function commitment(store: ProjectionStore, commitmentId: string): Promise<CommitmentTraceabilityRow> {
  const row = await store.get(CommitmentTraceabilityRow, { commitmentId });
  if (!row) throw new Error(`no row for commitment ${commitmentId}`);
  return row;
}

const definition: ProjectionDefinition = {
  name: 'commitment-traceability',
  // 2: the commitment stream's revision.
  version: 2,
  tables: ['commitment_traceability', 'commitment_traceability_revision', 'commitment_traceability_contribution'],
  entities: [CommitmentTraceabilityRow, CommitmentRevisionRow, CommitmentContributionRow],
  prefetch: (events, store) => contributions.prefetch(store, events),
  handlers: {
    CommitmentDrafted: on<CommitmentDrafted>(async (d, event, store) => {
      store.put(CommitmentTraceabilityRow, {
        commitmentId: d.commitmentId,
        cycleId: d.cycleId,
        policyAreaId: d.policyAreaId,
        title: d.title,
        status: 'draft',
        leadInstitution: d.leadInstitution,
        draftedAt: new Date(event.metadata.occurredAt),
        withdrawnAt: null,
        withdrawalReason: null,
        revision: event.revision,
        position: event.position,
      });
    }),

    CommitmentRevised: on<CommitmentRevised>(async (d, event, store) => {
      const row = await commitment(store, d.commitmentId);
      store.put(CommitmentTraceabilityRow, { ...row, title: d.changes.title ?? row.title, position: event.position });
      store.put(CommitmentRevisionRow, {
        commitmentId: d.commitmentId,
        revisionNumber: d.revisionNumber,
        changes: d.changes,
        inResponseTo: d.inResponseTo,
        occurredAt: new Date(event.metadata.occurredAt),
        actorInstitution: event.metadata.actor.institution ?? null,
        position: event.position,
      });
    }),

    CommitmentWithdrawn: on<CommitmentWithdrawn>(async (d, event, store) => {
      const row = await commitment(store, d.commitmentId);
      store.put(CommitmentTraceabilityRow, { ...row, status: 'withdrawn', withdrawnAt: new Date(event.metadata.occurredAt), withdrawalReason: d.reason, position: event.position });
    }),

    ContributionReceived: on<ContributionReceived>((d, event, store) =>
      contributions.save(
        store,
        { contributionId: d.contributionId, cycleId: d.cycleId, stakeholderId: d.stakeholderId, receivedAt: new Date(d.receivedAt), ...NO_OUTCOME, position: event.position },
        event,
      ),
    ),

    // A response links the commitments it names; a new response replaces those links, and a
    // duplicate links what its canonical's current response does (the tracker keeps commitmentIds so).
    ...outcomeHandlers(contributions),
  },
};

export const commitmentTraceabilityProjection = trackRevision(definition, {
  entity: CommitmentTraceabilityRow,
  category: 'commitment',
  idProperty: 'commitmentId',
  ownTypes: COMMITMENT_EVENT_TYPES,
});
