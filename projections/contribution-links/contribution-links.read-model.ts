import type { ReadModelKit } from '../shared/read-model-kit.js';
import { ContributionHistoryController } from './contribution-history.controller.js';
import { GetContributionHistoryHandler } from './contribution-history.queries.js';
import { ContributionLinks1795500004500 } from './migrations/1795500004500-contribution-links.js';
import { contributionLinksProjection } from './contribution-links.projection.js';

/** The events of other streams that name a contribution: with its own stream, they answer its history. */
export const contributionLinksReadModel: ReadModelKit = {
  projection: contributionLinksProjection,
  migrations: [ContributionLinks1795500004500],
  controllers: [ContributionHistoryController],
  providers: [GetContributionHistoryHandler],
};
