import type { EntityTarget } from 'typeorm';
import type { AttendanceRecorded, ConsultationAnnounced, StakeholdersInvited } from '../../src/consultations/domain/events.js';
import type { ContributionReceived, ContributionRedacted, ContributionWithdrawn } from '../../src/contributions/domain/events.js';
import { on, type ProjectionDefinition, type ProjectionStore } from '../../src/projection-runner/projection.js';
import type { StakeholderRegistered } from '../../src/stakeholders/domain/events.js';
import { NO_OUTCOME, outcomeTracker } from '../shared/contribution-outcome.js';
import { outcomeHandlers } from '../shared/outcome-handlers.js';
import {
  StakeholderAttendanceRow,
  StakeholderConsultationRow,
  StakeholderContributionRow,
  StakeholderInvitationRow,
  StakeholderRow,
} from './stakeholder-contributions.entity.js';

const contributions = outcomeTracker(StakeholderContributionRow);

/** Invitations and attendance name only new stakeholders; the first record of each stays. */
async function recordOnce<T extends { stakeholderId: string; consultationId: string }>(
  store: ProjectionStore,
  entity: EntityTarget<T>,
  stakeholderIds: string[],
  row: (stakeholderId: string) => T,
): Promise<void> {
  for (const stakeholderId of stakeholderIds) {
    const record = row(stakeholderId);
    if (!(await store.get(entity, { stakeholderId, consultationId: record.consultationId } as Partial<T>))) store.put(entity, record);
  }
}

export const stakeholderContributionsProjection: ProjectionDefinition = {
  name: 'stakeholder-contributions',
  version: 1,
  tables: [
    'stakeholder_contributions_stakeholder',
    'stakeholder_contributions_consultation',
    'stakeholder_contributions_invitation',
    'stakeholder_contributions_attendance',
    'stakeholder_contributions_contribution',
  ],
  entities: [StakeholderRow, StakeholderConsultationRow, StakeholderInvitationRow, StakeholderAttendanceRow, StakeholderContributionRow],
  prefetch: (events, store) => contributions.prefetch(store, events),
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
      recordOnce(store, StakeholderInvitationRow, d.stakeholderIds, (stakeholderId) => ({
        stakeholderId,
        consultationId: d.consultationId,
        cycleId: d.cycleId,
        invitedAt: new Date(event.metadata.occurredAt),
        position: event.position,
      })),
    ),
    AttendanceRecorded: on<AttendanceRecorded>((d, event, store) =>
      recordOnce(store, StakeholderAttendanceRow, d.stakeholderIds, (stakeholderId) => ({
        stakeholderId,
        consultationId: d.consultationId,
        cycleId: d.cycleId,
        recordedAt: new Date(event.metadata.occurredAt),
        position: event.position,
      })),
    ),

    ContributionReceived: on<ContributionReceived>((d, event, store) =>
      contributions.save(
        store,
        {
          contributionId: d.contributionId,
          stakeholderId: d.stakeholderId,
          cycleId: d.cycleId,
          consultationId: d.consultationId,
          policyAreaId: d.policyAreaId,
          channel: d.channel,
          body: d.body,
          commitmentId: d.commitmentId,
          receivedAt: new Date(d.receivedAt),
          late: d.late,
          redacted: false,
          redactionReason: null,
          withdrawnAt: null,
          withdrawalReason: null,
          ...NO_OUTCOME,
          position: event.position,
        },
        event,
      ),
    ),

    ContributionRedacted: on<ContributionRedacted>(async (d, event, store) => {
      const row = await contributions.get(store, d.contributionId);
      await contributions.save(store, { ...row, redacted: true, redactionReason: d.reason }, event);
    }),

    ...outcomeHandlers(contributions),
    // The shared handler, plus when and why.
    ContributionWithdrawn: on<ContributionWithdrawn>(async (d, event, store) => {
      const row = await contributions.get(store, d.contributionId);
      await contributions.save(store, { ...row, withdrawn: true, withdrawnAt: new Date(event.metadata.occurredAt), withdrawalReason: d.reason }, event);
    }),
  },
};
