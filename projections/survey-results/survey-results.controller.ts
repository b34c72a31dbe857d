import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../src/http/api-problems.js';
import { ApiOk } from '../../src/http/openapi.js';
import { ReadQuery } from '../../src/read-side/pagination.js';
import { SurveyResultsResponse } from './survey-results.dto.js';
import { Public } from '../../src/security/auth.guard.js';
import { GetSurveyResultsQuery } from './survey-results.queries.js';
import { UuidParam } from '../../src/http/uuid.pipe.js';

@ApiTags('views')
@ApiBearerAuth()
@Controller('v1/consultations')
export class SurveyResultsController {
  constructor(private readonly queries: QueryBus) {}

  // Counts only (text answers are never read): the same for every caller, anonymous included.
  @Get(':id/survey/results')
  @Public()
  @ApiOperation({ summary: 'Survey results: per choice question the count of each option, per text question the number of answers, total responses' })
  @ApiOk(SurveyResultsResponse)
  @ApiProblems(400, 401, 404, 503)
  results(@UuidParam('id', 'CONSULTATION.NOT_FOUND', 'consultation') id: string, @QueryParams() params: ReadQuery) {
    return this.queries.execute(new GetSurveyResultsQuery(id, params.consistentWith));
  }
}
