import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../src/http/api-problems.js';
import { RevisionETag } from '../../src/http/etag.js';
import { ApiOk, ApiPage } from '../../src/http/openapi.js';
import { ListQuery, ReadQuery } from '../../src/read-side/pagination.js';
import { Public } from '../../src/security/auth.guard.js';
import { CycleResponse } from './cycles.dto.js';
import { GetCycleQuery, ListCyclesQuery } from './cycles.queries.js';
import { UuidParam } from '../../src/http/uuid.pipe.js';

/** Cycles hold no personal data: anyone may read them. */
@ApiTags('cycles')
@Controller('v1/cycles')
export class CyclesReadController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The cycles (action plans), in the order of their periods: { items, nextCursor }' })
  @ApiPage(CycleResponse)
  @ApiProblems(400, 401, 503)
  list(@QueryParams() params: ListQuery) {
    return this.queries.execute(new ListCyclesQuery(params.limit ?? 50, params.cursor, params.consistentWith));
  }

  @Get(':id')
  @Public()
  @ApiOperation({
    summary: 'A cycle: country, title, period, POC institution, stage, policy areas and their LFPs, approval, submission, thresholds',
    description: 'Sends ETag: "<revision>" (the cycle stream\'s): send it back as If-Match on the cycle\'s commands.',
  })
  @ApiOk(CycleResponse, { etag: true })
  @ApiProblems(400, 401, 404, 503)
  @RevisionETag()
  get(@UuidParam('id', 'CYCLE.NOT_FOUND', 'cycle') id: string, @QueryParams() params: ReadQuery) {
    return this.queries.execute(new GetCycleQuery(id, params.consistentWith));
  }
}
