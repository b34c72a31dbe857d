import type { ReadModelKit } from '../shared/read-model-kit.js';
import { ComplianceController } from './compliance.controller.js';
import { GetComplianceHandler } from './compliance.queries.js';
import { Compliance1795500004600 } from './migrations/1795500004600-compliance.js';
import { complianceProjection } from './compliance.projection.js';

export const complianceReadModel: ReadModelKit = {
  projection: complianceProjection,
  migrations: [Compliance1795500004600],
  controllers: [ComplianceController],
  providers: [GetComplianceHandler],
};
