import type { ReadModelKit } from '../shared/read-model-kit.js';
import { CycleTimelineController } from './cycle-timeline.controller.js';
import { GetCycleTimelineHandler } from './cycle-timeline.queries.js';
import { CycleTimeline1795500003300 } from './migrations/1795500003300-cycle-timeline.js';
import { cycleTimelineProjection } from './cycle-timeline.projection.js';

export const cycleTimelineReadModel: ReadModelKit = {
  projection: cycleTimelineProjection,
  migrations: [CycleTimeline1795500003300],
  controllers: [CycleTimelineController],
  providers: [GetCycleTimelineHandler],
};
