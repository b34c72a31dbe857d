import type { ContributionReceived } from '../../src/contributions/domain/events.js';
import type { PolicyAreaAdded } from '../../src/cycles/domain/events.js';
import { on, type ProjectionDefinition } from '../../src/projection-runner/projection.js';
import { NO_OUTCOME, outcomeTracker } from '../shared/contribution-outcome.js';
import { firstResponse, outcomeHandlers } from '../shared/outcome-handlers.js';
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

    ...outcomeHandlers(contributions, { responded: (before, _, event) => firstResponse(before, event) }),
  },
};
