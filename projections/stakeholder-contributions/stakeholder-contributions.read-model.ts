import type { ReadModelKit } from '../shared/read-model-kit.js';
import { StakeholderContributionsController } from './stakeholder-contributions.controller.js';
import { GetStakeholderContributionsHandler } from './stakeholder-contributions.queries.js';
import { StakeholderContributions1795500003100 } from './migrations/1795500003100-stakeholder-contributions.js';
import { StakeholderContributionsFromAccountability1796700000300 } from './migrations/1796700000300-stakeholder-contributions-from-accountability.js';
import { stakeholderContributionsProjection } from './stakeholder-contributions.projection.js';

export const stakeholderContributionsReadModel: ReadModelKit = {
  projection: stakeholderContributionsProjection,
  migrations: [StakeholderContributions1795500003100, StakeholderContributionsFromAccountability1796700000300],
  controllers: [StakeholderContributionsController],
  providers: [GetStakeholderContributionsHandler],
};
