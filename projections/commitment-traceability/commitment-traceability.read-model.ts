import type { ReadModelKit } from '../shared/read-model-kit.js';
import { CommitmentTraceabilityController } from './commitment-traceability.controller.js';
import { GetTraceabilityHandler, ListCommitmentsHandler } from './commitment-traceability.queries.js';
import { CommitmentTraceability1795500003000 } from './migrations/1795500003000-commitment-traceability.js';
import { CommitmentTraceabilityRevision1796100000500 } from './migrations/1796100000500-commitment-traceability-revision.js';
import { CommitmentTraceabilityFromAccountability1796700000400 } from './migrations/1796700000400-commitment-traceability-from-accountability.js';
import { commitmentTraceabilityProjection } from './commitment-traceability.projection.js';

export const commitmentTraceabilityReadModel: ReadModelKit = {
  projection: commitmentTraceabilityProjection,
  migrations: [CommitmentTraceability1795500003000, CommitmentTraceabilityRevision1796100000500, CommitmentTraceabilityFromAccountability1796700000400],
  controllers: [CommitmentTraceabilityController],
  providers: [GetTraceabilityHandler, ListCommitmentsHandler],
};
