import type { ReadModelKit } from '../shared/read-model-kit.js';
import { Compliance1795500004600 } from './migrations/1795500004600-compliance.js';
import { complianceProjection } from './compliance.projection.js';

export const complianceReadModel: ReadModelKit = {
  projection: complianceProjection,
  migrations: [Compliance1795500004600],
};
