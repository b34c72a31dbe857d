import type {
  ContributionMarkedDuplicate,
  ContributionReceived,
  ContributionRedacted,
  ContributionResponded,
  ContributionWithdrawn,
  ResponsePublished,
  ResponseReviewed,
} from '../../src/contributions/domain/events.js';
import { on, wholeDaysBetween, type ProjectionDefinition } from '../../src/projection-runner/projection.js';
import { NO_OUTCOME, outcomeTracker } from '../shared/contribution-outcome.js';
import { AccountabilityRow } from './accountability.entity.js';

type Row = AccountabilityRow;

const rows = outcomeTracker(AccountabilityRow);

export const accountabilityProjection: ProjectionDefinition = {
  name: 'accountability',
  version: 1,
  tables: ['accountability'],
  entities: [AccountabilityRow],
  prefetch: (events, store) => rows.prefetch(store, events),
  handlers: {
    ContributionReceived: on<ContributionReceived>(async (d, event, store) => {
      const row: Row = {
        contributionId: d.contributionId,
        cycleId: d.cycleId,
        consultationId: d.consultationId,
        policyAreaId: d.policyAreaId,
        leadInstitution: d.leadInstitution,
        stakeholderId: d.stakeholderId,
        personal: d.personalDataSubject !== null,
        channel: d.channel,
        body: d.body,
        commitmentId: d.commitmentId,
        receivedAt: new Date(d.receivedAt),
        late: d.late,
        source: d.source,
        redacted: false,
        redactionReason: null,
        withdrawnAt: null,
        withdrawalReason: null,
        responseNumber: 0,
        reviewComment: null,
        respondedAt: null,
        lastRespondedAt: null,
        respondedBy: null,
        daysToResponse: null,
        ...NO_OUTCOME,
        position: event.position,
      };
      await rows.save(store, row, event);
    }),

    ContributionResponded: on<ContributionResponded>(async (d, event, store) => {
      const row = await rows.get(store, d.contributionId);
      const at = new Date(event.metadata.occurredAt);
      const respondedAt = row.respondedAt ?? at;
      await rows.save(
        store,
        {
          ...rows.responded(row, d),
          responseNumber: d.responseNumber,
          reviewComment: null,
          respondedAt,
          lastRespondedAt: at,
          respondedBy: { id: event.metadata.actor.id, institution: event.metadata.actor.institution ?? null },
          daysToResponse: wholeDaysBetween(row.receivedAt, respondedAt),
        },
        event,
      );
    }),

    ResponseReviewed: on<ResponseReviewed>(async (d, event, store) => {
      const row = await rows.get(store, d.contributionId);
      await rows.save(store, { ...row, ownVerdict: d.verdict, reviewComment: d.comment }, event);
    }),

    ResponsePublished: on<ResponsePublished>(async (d, event, store) => {
      const row = await rows.get(store, d.contributionId);
      await rows.save(store, { ...row, ownPublishedAt: new Date(event.metadata.occurredAt) }, event);
    }),

    ContributionWithdrawn: on<ContributionWithdrawn>(async (d, event, store) => {
      const row = await rows.get(store, d.contributionId);
      await rows.save(store, { ...row, withdrawn: true, withdrawnAt: new Date(event.metadata.occurredAt), withdrawalReason: d.reason }, event);
    }),

    ContributionRedacted: on<ContributionRedacted>(async (d, event, store) => {
      const row = await rows.get(store, d.contributionId);
      await rows.save(store, { ...row, redacted: true, redactionReason: d.reason }, event);
    }),

    ContributionMarkedDuplicate: on<ContributionMarkedDuplicate>((d, event, store) => rows.markDuplicate(store, d.contributionId, d.canonicalId, event)),
  },
};
