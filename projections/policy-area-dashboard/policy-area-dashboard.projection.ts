import type { ContributionReceived } from '../../src/contributions/domain/events.js';
import type { PolicyAreaAdded } from '../../src/cycles/domain/events.js';
import { on, wholeDaysBetween, type ProjectionDefinition } from '../../src/projection-runner/projection.js';
import { NO_OUTCOME, outcomeTracker } from '../shared/contribution-outcome.js';
import { outcomeHandlers } from '../shared/outcome-handlers.js';
import { PolicyAreaDashboardContributionRow, PolicyAreaDashboardRow } from './policy-area-dashboard.entity.js';

const contributions = outcomeTracker(PolicyAreaDashboardContributionRow);

export const policyAreaDashboardProjection: ProjectionDefinition = {
  name: 'policy-area-dashboard',
  version: 1,
  tables: ['policy_area_dashboard', 'policy_area_dashboard_contribution'],
  entities: [PolicyAreaDashboardRow, PolicyAreaDashboardContributionRow],
  prefetch: (events, store) => contributions.prefetch(store, events),
  handlers: {
    PolicyAreaAdded: on<PolicyAreaAdded>(async (d, event, store) => {
      store.put(PolicyAreaDashboardRow, { policyAreaId: d.policyAreaId, cycleId: d.cycleId, name: d.name, leadInstitution: d.leadInstitution, position: event.position });
    }),

    ContributionReceived: on<ContributionReceived>((d, event, store) =>
      contributions.save(
        store,
        {
          contributionId: d.contributionId,
          cycleId: d.cycleId,
          policyAreaId: d.policyAreaId,
          receivedAt: new Date(d.receivedAt),
          respondedAt: null,
          daysToResponse: null,
          ...NO_OUTCOME,
          position: event.position,
        },
        event,
      ),
    ),

    // Also when the first response came: a later response does not move it.
    ...outcomeHandlers(contributions, (before, event) => {
      const respondedAt = before.respondedAt ?? new Date(event.metadata.occurredAt);
      return { respondedAt, daysToResponse: wholeDaysBetween(before.receivedAt, respondedAt) };
    }),
  },
};
