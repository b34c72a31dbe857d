import { CONTRIBUTION_EVENT_TYPES, type ContributionReceived, type ContributionRedacted } from '../../src/contributions/domain/events.js';
import { on, type ProjectionDefinition } from '../../src/projection-runner/projection.js';
import { NO_OUTCOME, outcomeTracker } from '../shared/contribution-outcome.js';
import { firstResponse, outcomeHandlers, withdrawal } from '../shared/outcome-handlers.js';
import { trackRevision } from '../shared/revision.js';
import { AccountabilityRow } from './accountability.entity.js';

type Row = AccountabilityRow;

const rows = outcomeTracker(AccountabilityRow);

const definition: ProjectionDefinition = {
  name: 'accountability',
  // 2: the contribution stream's revision.
  version: 2,
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
        revision: event.revision,
        ...NO_OUTCOME,
        position: event.position,
      };
      await rows.save(store, row, event);
    }),

    ContributionRedacted: on<ContributionRedacted>(async (d, event, store) => {
      const row = await rows.get(store, d.contributionId);
      await rows.save(store, { ...row, redacted: true, redactionReason: d.reason }, event);
    }),

    ...outcomeHandlers(rows, {
      // A new response starts its review over; who answered is the last responder.
      responded: (before, d, event) => ({
        responseNumber: d.responseNumber,
        reviewComment: null,
        ...firstResponse(before, event),
        lastRespondedAt: new Date(event.metadata.occurredAt),
        respondedBy: { id: event.metadata.actor.id, institution: event.metadata.actor.institution ?? null },
      }),
      reviewed: (_, d) => ({ reviewComment: d.comment }),
      withdrawn: withdrawal,
    }),
  },
};

export const accountabilityProjection = trackRevision(definition, {
  entity: AccountabilityRow,
  category: 'contribution',
  idProperty: 'contributionId',
  ownTypes: CONTRIBUTION_EVENT_TYPES,
});
