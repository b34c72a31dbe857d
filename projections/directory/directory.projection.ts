import type { CommitmentDrafted, CommitmentRevised } from '../../src/commitments/domain/events.js';
import type { ConsultationAnnounced } from '../../src/consultations/domain/events.js';
import type { PolicyAreaAdded } from '../../src/cycles/domain/events.js';
import { on, type ProjectionDefinition } from '../../src/projection-runner/projection.js';
import type { PersonalDataErased, StakeholderRegistered } from '../../src/stakeholders/domain/events.js';
import { DirectoryCommitmentRow, DirectoryConsultationRow, DirectoryPolicyAreaRow, DirectoryStakeholderRow } from './directory.entity.js';

export const directoryProjection: ProjectionDefinition = {
  name: 'directory',
  version: 1,
  tables: ['directory_policy_area', 'directory_consultation', 'directory_commitment', 'directory_stakeholder'],
  entities: [DirectoryPolicyAreaRow, DirectoryConsultationRow, DirectoryCommitmentRow, DirectoryStakeholderRow],
  handlers: {
    PolicyAreaAdded: on<PolicyAreaAdded>(async (d, event, store) => {
      store.put(DirectoryPolicyAreaRow, { policyAreaId: d.policyAreaId, cycleId: d.cycleId, name: d.name, leadInstitution: d.leadInstitution, position: event.position });
    }),
    ConsultationAnnounced: on<ConsultationAnnounced>(async (d, event, store) => {
      store.put(DirectoryConsultationRow, {
        consultationId: d.consultationId,
        cycleId: d.cycleId,
        policyAreaId: d.policyAreaId,
        kind: d.kind,
        title: d.title,
        leadInstitution: d.leadInstitution,
        position: event.position,
      });
    }),
    CommitmentDrafted: on<CommitmentDrafted>(async (d, event, store) => {
      store.put(DirectoryCommitmentRow, { commitmentId: d.commitmentId, cycleId: d.cycleId, policyAreaId: d.policyAreaId, title: d.title, position: event.position });
    }),
    CommitmentRevised: on<CommitmentRevised>(async (d, event, store) => {
      const row = await store.get(DirectoryCommitmentRow, { commitmentId: d.commitmentId });
      if (row && d.changes.title !== undefined) store.put(DirectoryCommitmentRow, { ...row, title: d.changes.title, position: event.position });
    }),
    StakeholderRegistered: on<StakeholderRegistered>(async (d, event, store) => {
      store.put(DirectoryStakeholderRow, {
        stakeholderId: d.stakeholderId,
        kind: d.kind,
        name: d.name,
        searchName: d.kind !== 'individual' && typeof d.name === 'string' ? d.name.toLowerCase() : null,
        email: d.email,
        registryRef: d.registryRef,
        registeredAt: new Date(event.metadata.occurredAt),
        erased: false,
        position: event.position,
      });
    }),
    PersonalDataErased: on<PersonalDataErased>(async (d, event, store) => {
      const row = await store.get(DirectoryStakeholderRow, { stakeholderId: d.stakeholderId });
      if (row) store.put(DirectoryStakeholderRow, { ...row, erased: true, position: event.position });
    }),
  },
};
