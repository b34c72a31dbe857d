import { COMMITMENT_EVENT_TYPES, type CommitmentDrafted, type CommitmentRevised, type CommitmentWithdrawn } from '../../src/commitments/domain/events.js';
import { on, type ProjectionDefinition, type ProjectionStore } from '../../src/projection-runner/projection.js';
import { trackRevision } from '../shared/revision.js';
import { CommitmentRevisionRow, CommitmentTraceabilityRow } from './commitment-traceability.entity.js';

async function commitment(store: ProjectionStore, commitmentId: string): Promise<CommitmentTraceabilityRow> {
  const row = await store.get(CommitmentTraceabilityRow, { commitmentId });
  if (!row) throw new Error(`no row for commitment ${commitmentId}`);
  return row;
}

const definition: ProjectionDefinition = {
  name: 'commitment-traceability',
  // 2: the commitment stream's revision. The contributions that shaped it are the accountability view's rows.
  version: 2,
  tables: ['commitment_traceability', 'commitment_traceability_revision'],
  entities: [CommitmentTraceabilityRow, CommitmentRevisionRow],
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

  },
};

export const commitmentTraceabilityProjection = trackRevision(definition, {
  entity: CommitmentTraceabilityRow,
  category: 'commitment',
  idProperty: 'commitmentId',
  ownTypes: COMMITMENT_EVENT_TYPES,
});
