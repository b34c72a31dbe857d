import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../src/http/api-problems.js';
import { ApiOk } from '../../src/http/openapi.js';
import { ReadQuery } from '../../src/read-side/pagination.js';
import { CycleTimelineResponse } from './cycle-timeline.dto.js';
import { Public } from '../../src/security/auth.guard.js';
import { GetCycleTimelineQuery } from './cycle-timeline.queries.js';
import { UuidParam } from '../../src/http/uuid.pipe.js';

@ApiTags('views')
@Controller('v1/cycles')
export class CycleTimelineController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/timeline')
  @Public()
  @ApiOperation({
    summary: "A cycle's timeline: milestones planned vs done (late, overdue), stage changes, forum meetings, draft plans, consultations, reports, approval, submission",
    description: 'Public: it holds no personal data (forum attendance is a count). `overdue` is judged at the time of the query (`evaluatedAt`).',
  })
  @ApiOk(CycleTimelineResponse)
  @ApiProblems(400, 401, 404, 503)
  timeline(@UuidParam('id', 'CYCLE.NOT_FOUND', 'cycle') id: string, @QueryParams() params: ReadQuery) {
    return this.queries.execute(new GetCycleTimelineQuery(id, params.consistentWith));
  }
}
