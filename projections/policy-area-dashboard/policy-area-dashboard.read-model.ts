import type { ReadModelKit } from '../shared/read-model-kit.js';
import { PolicyAreaDashboardController } from './policy-area-dashboard.controller.js';
import { GetPolicyAreaDashboardHandler } from './policy-area-dashboard.queries.js';
import { PolicyAreaDashboard1795500002100 } from './migrations/1795500002100-policy-area-dashboard.js';
import { PolicyAreaDashboardFromAccountability1796700000000 } from './migrations/1796700000000-policy-area-dashboard-from-accountability.js';

/** Queries only: the dashboard aggregates the accountability view and the directory (no projection of its own). */
export const policyAreaDashboardReadModel: ReadModelKit = {
  migrations: [PolicyAreaDashboard1795500002100, PolicyAreaDashboardFromAccountability1796700000000],
  controllers: [PolicyAreaDashboardController],
  providers: [GetPolicyAreaDashboardHandler],
};
