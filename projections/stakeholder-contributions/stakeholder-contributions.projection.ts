import type { EntityTarget, FindOptionsWhere } from 'typeorm';
import type { AttendanceRecorded, ConsultationAnnounced, StakeholdersInvited } from '../../src/consultations/domain/events.js';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { on, type ProjectionDefinition, type ProjectionStore } from '../../src/projection-runner/projection.js';
import type { StakeholderRegistered } from '../../src/stakeholders/domain/events.js';
import { StakeholderAttendanceRow, StakeholderConsultationRow, StakeholderInvitationRow, StakeholderRow } from './stakeholder-contributions.entity.js';

/** Invitations and attendance name only new stakeholders; the first record of each stays. */
async function recordOnce<T extends { stakeholderId: string; consultationId: string }>(
  store: ProjectionStore,
  entity: EntityTarget<T>,
  consultationId: string,
  stakeholderIds: string[],
  row: (stakeholderId: string) => T,
): Promise<void> {
  // Prefetched by consultation: one lookup from the cache, not one query per stakeholder.
  const recorded = new Set((await store.find(entity, { consultationId } as FindOptionsWhere<T>)).map((r) => r.stakeholderId));
  for (const stakeholderId of stakeholderIds) {
    if (recorded.has(stakeholderId)) continue;
    recorded.add(stakeholderId);
    store.put(entity, row(stakeholderId));
  }
}

const consultationsOf = (events: readonly RecordedEvent[], type: string) =>
  events.filter((e) => e.type === type).map((e) => (e.data as { consultationId: string }).consultationId);

export const stakeholderContributionsProjection: ProjectionDefinition = {
  name: 'stakeholder-contributions',
  version: 1,
  tables: [
    'stakeholder_contributions_stakeholder',
    'stakeholder_contributions_consultation',
    'stakeholder_contributions_invitation',
    'stakeholder_contributions_attendance',
  ],
  entities: [StakeholderRow, StakeholderConsultationRow, StakeholderInvitationRow, StakeholderAttendanceRow],
  prefetch: async (events, store) => {
    await store.prefetch(StakeholderInvitationRow, 'consultationId', consultationsOf(events, 'StakeholdersInvited'));
    await store.prefetch(StakeholderAttendanceRow, 'consultationId', consultationsOf(events, 'AttendanceRecorded'));
  },
  handlers: {
    StakeholderRegistered: on<StakeholderRegistered>(async (d, event, store) => {
      store.put(StakeholderRow, { stakeholderId: d.stakeholderId, kind: d.kind, name: d.name, registeredAt: new Date(event.metadata.occurredAt), position: event.position });
    }),

    ConsultationAnnounced: on<ConsultationAnnounced>(async (d, event, store) => {
      store.put(StakeholderConsultationRow, {
        consultationId: d.consultationId,
        cycleId: d.cycleId,
        policyAreaId: d.policyAreaId,
        kind: d.kind,
        title: d.title,
        opensAt: new Date(d.opensAt),
        closesAt: new Date(d.closesAt),
        position: event.position,
      });
    }),

    StakeholdersInvited: on<StakeholdersInvited>((d, event, store) =>
      recordOnce(store, StakeholderInvitationRow, d.consultationId, d.stakeholderIds, (stakeholderId) => ({
        stakeholderId,
        consultationId: d.consultationId,
        cycleId: d.cycleId,
        invitedAt: new Date(event.metadata.occurredAt),
        position: event.position,
      })),
    ),
    AttendanceRecorded: on<AttendanceRecorded>((d, event, store) =>
      recordOnce(store, StakeholderAttendanceRow, d.consultationId, d.stakeholderIds, (stakeholderId) => ({
        stakeholderId,
        consultationId: d.consultationId,
        cycleId: d.cycleId,
        recordedAt: new Date(event.metadata.occurredAt),
        position: event.position,
      })),
    ),
  },
};
