import type { ReadModelKit } from '../shared/read-model-kit.js';
import { StakeholderContributionsController } from './stakeholder-contributions.controller.js';
import { GetStakeholderContributionsHandler } from './stakeholder-contributions.queries.js';
import { StakeholderContributions1795500003100 } from './migrations/1795500003100-stakeholder-contributions.js';
import { stakeholderContributionsProjection } from './stakeholder-contributions.projection.js';

export const stakeholderContributionsReadModel: ReadModelKit = {
  projection: stakeholderContributionsProjection,
  migrations: [StakeholderContributions1795500003100],
  controllers: [StakeholderContributionsController],
  providers: [GetStakeholderContributionsHandler],
};
