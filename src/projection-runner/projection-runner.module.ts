import { Global, Module } from '@nestjs/common';
import { ALL_PROJECTIONS } from '../../projections/index.js';
import { BulkWriters } from './bulk-writers.js';
import { ConsistencyService } from './consistency.service.js';
import { PROJECTIONS } from './projection.js';
import { ProjectionRunner } from './projection-runner.service.js';
import { ProjectionsAdminController } from './projections-admin.controller.js';
import { READ_MODEL_CHANGES, type ReadModelChanges } from './row-changes.js';

@Global()
@Module({
  controllers: [ProjectionsAdminController],
  providers: [
    { provide: PROJECTIONS, useValue: ALL_PROJECTIONS },
    ProjectionRunner,
    ConsistencyService,
    BulkWriters,
    { provide: READ_MODEL_CHANGES, useFactory: (runner: ProjectionRunner): ReadModelChanges => runner.follower, inject: [ProjectionRunner] },
  ],
  exports: [ProjectionRunner, ConsistencyService, BulkWriters, READ_MODEL_CHANGES],
})
export class ProjectionRunnerModule {}
