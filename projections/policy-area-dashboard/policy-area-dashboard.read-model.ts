import type { ReadModelKit } from '../shared/read-model-kit.js';
import { PolicyAreaDashboardController } from './policy-area-dashboard.controller.js';
import { GetPolicyAreaDashboardHandler } from './policy-area-dashboard.queries.js';
import { PolicyAreaDashboard1795500002100 } from './migrations/1795500002100-policy-area-dashboard.js';
import { policyAreaDashboardProjection } from './policy-area-dashboard.projection.js';

export const policyAreaDashboardReadModel: ReadModelKit = {
  projection: policyAreaDashboardProjection,
  migrations: [PolicyAreaDashboard1795500002100],
  controllers: [PolicyAreaDashboardController],
  providers: [GetPolicyAreaDashboardHandler],
};
