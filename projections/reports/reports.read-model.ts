import type { ReadModelKit } from '../shared/read-model-kit.js';
import { ReportsReadController } from './reports.controller.js';
import { GetReportHandler, ListReportsHandler } from './reports.queries.js';
import { Reports1796100000100 } from './migrations/1796100000100-reports.js';
import { reportsProjection } from './reports.projection.js';

export const reportsReadModel: ReadModelKit = {
  projection: reportsProjection,
  migrations: [Reports1796100000100],
  controllers: [ReportsReadController],
  providers: [GetReportHandler, ListReportsHandler],
};
