import { Module } from '@nestjs/common';
import { PersonalTextPresenter } from '../../read-side/personal-text.js';
import { ExportsController } from './exports.controller.js';
import { ExportsService } from './exports.service.js';

/** Open data for anyone: GET /v1/exports/{reasoned-response.csv, contributions.ndjson, events.ndjson}. */
@Module({
  controllers: [ExportsController],
  providers: [ExportsService, PersonalTextPresenter],
})
export class ExportsModule {}
