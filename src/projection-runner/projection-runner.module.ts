import { Global, Module } from '@nestjs/common';
import { ALL_PROJECTIONS } from '../../projections/index.js';
import { BulkWriters } from './bulk-writers.js';
import { ConsistencyService } from './consistency.service.js';
import { PROJECTIONS } from './projection.js';
import { ProjectionRunner } from './projection-runner.service.js';
import { ProjectionsAdminController } from './projections-admin.controller.js';

@Global()
@Module({
  controllers: [ProjectionsAdminController],
  providers: [{ provide: PROJECTIONS, useValue: ALL_PROJECTIONS }, ProjectionRunner, ConsistencyService, BulkWriters],
  exports: [ProjectionRunner, ConsistencyService, BulkWriters],
})
export class ProjectionRunnerModule {}
