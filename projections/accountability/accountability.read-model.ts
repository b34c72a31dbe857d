import type { ReadModelKit } from '../shared/read-model-kit.js';
import { AccountabilityController } from './accountability.controller.js';
import { DuplicateCandidatesController } from './duplicate-candidates.controller.js';
import { AccountabilityCache } from './accountability.cache.js';
import { AccountabilityHotRead } from './accountability.hot-read.js';
import { GetAccountabilityHandler, ListContributionsHandler } from './accountability.queries.js';
import { DuplicateCandidatesHandler } from './duplicate-candidates.queries.js';
import { Accountability1795500001000 } from './migrations/1795500001000-accountability.js';
import { AccountabilityRevision1796100000200 } from './migrations/1796100000200-accountability-revision.js';
import { AccountabilityPolicyArea1796700000100 } from './migrations/1796700000100-accountability-policy-area.js';
import { AccountabilityCommitments1796700000500 } from './migrations/1796700000500-accountability-commitments.js';
import { AccountabilityPublished1796700000700 } from './migrations/1796700000700-accountability-published.js';
import { accountabilityProjection } from './accountability.projection.js';

export const accountabilityReadModel: ReadModelKit = {
  projection: accountabilityProjection,
  migrations: [Accountability1795500001000, AccountabilityRevision1796100000200, AccountabilityPolicyArea1796700000100, AccountabilityCommitments1796700000500, AccountabilityPublished1796700000700],
  controllers: [AccountabilityController, DuplicateCandidatesController],
  providers: [AccountabilityHotRead, AccountabilityCache, GetAccountabilityHandler, ListContributionsHandler, DuplicateCandidatesHandler],
};
