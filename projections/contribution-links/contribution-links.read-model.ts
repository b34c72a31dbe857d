import type { ReadModelKit } from '../shared/read-model-kit.js';
import { ContributionLinks1795500004500 } from './migrations/1795500004500-contribution-links.js';
import { contributionLinksProjection } from './contribution-links.projection.js';

export const contributionLinksReadModel: ReadModelKit = {
  projection: contributionLinksProjection,
  migrations: [ContributionLinks1795500004500],
};
