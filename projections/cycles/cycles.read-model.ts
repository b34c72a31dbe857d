import type { ReadModelKit } from '../shared/read-model-kit.js';
import { CyclesReadController } from './cycles.controller.js';
import { GetCycleHandler, ListCyclesHandler } from './cycles.queries.js';
import { Cycles1795500003200 } from './migrations/1795500003200-cycles.js';
import { CyclesRevision1796100000600 } from './migrations/1796100000600-cycles-revision.js';
import { cyclesProjection } from './cycles.projection.js';

export const cyclesReadModel: ReadModelKit = {
  projection: cyclesProjection,
  migrations: [Cycles1795500003200, CyclesRevision1796100000600],
  controllers: [CyclesReadController],
  providers: [GetCycleHandler, ListCyclesHandler],
};
