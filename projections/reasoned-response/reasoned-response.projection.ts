import type { ContributionReceived, ContributionRedacted } from '../../src/contributions/domain/events.js';
import type { CycleOpened } from '../../src/cycles/domain/events.js';
import { on, type ProjectionDefinition } from '../../src/projection-runner/projection.js';
import { NO_OUTCOME, outcomeTracker } from '../shared/contribution-outcome.js';
import { outcomeHandlers } from '../shared/outcome-handlers.js';
import { ReasonedResponseCycleRow, ReasonedResponseRow } from './reasoned-response.entity.js';

const rows = outcomeTracker(ReasonedResponseRow);

export const reasonedResponseProjection: ProjectionDefinition = {
  name: 'reasoned-response',
  // 2: respondedAt and respondedByInstitution.
  version: 2,
  tables: ['reasoned_response_cycle', 'reasoned_response'],
  entities: [ReasonedResponseCycleRow, ReasonedResponseRow],
  prefetch: (events, store) => rows.prefetch(store, events),
  handlers: {
    CycleOpened: on<CycleOpened>(async (d, event, store) => {
      store.put(ReasonedResponseCycleRow, { cycleId: d.cycleId, position: event.position });
    }),

    ContributionReceived: on<ContributionReceived>((d, event, store) =>
      rows.save(
        store,
        {
          contributionId: d.contributionId,
          cycleId: d.cycleId,
          consultationId: d.consultationId,
          policyAreaId: d.policyAreaId,
          channel: d.channel,
          // An individual's text is personal data: the open matrix never holds it, not even encrypted.
          publicBody: d.personalDataSubject === null && typeof d.body === 'string' ? d.body : null,
          receivedAt: new Date(d.receivedAt),
          respondedAt: null,
          respondedByInstitution: null,
          ...NO_OUTCOME,
          position: event.position,
        },
        event,
      ),
    ),

    ContributionRedacted: on<ContributionRedacted>(async (d, event, store) => {
      await rows.save(store, { ...(await rows.get(store, d.contributionId)), publicBody: null }, event);
    }),

    ...outcomeHandlers(rows, {
      responded: (before, _, event) => ({
        respondedAt: before.respondedAt ?? new Date(event.metadata.occurredAt),
        respondedByInstitution: event.metadata.actor.institution ?? null,
      }),
    }),
  },
};
