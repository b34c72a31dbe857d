import type { ReadModelKit } from '../shared/read-model-kit.js';
import { StakeholdersReadController } from './stakeholders.controller.js';
import { ListStakeholdersHandler } from './stakeholders.queries.js';
import { Directory1796100000000 } from './migrations/1796100000000-directory.js';
import { directoryProjection } from './directory.projection.js';

export const directoryReadModel: ReadModelKit = {
  projection: directoryProjection,
  migrations: [Directory1796100000000],
  controllers: [StakeholdersReadController],
  providers: [ListStakeholdersHandler],
};
