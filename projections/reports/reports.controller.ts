import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../src/http/api-problems.js';
import type { Actor } from '../../src/shared/actor.js';
import { RevisionETag } from '../../src/http/etag.js';
import { ApiOk, ApiPage } from '../../src/http/openapi.js';
import { ReadQuery } from '../../src/read-side/pagination.js';
import { Public } from '../../src/security/auth.guard.js';
import { CurrentActor } from '../../src/security/current-actor.js';
import { ListReportsParams, ReportResponse } from './reports.dto.js';
import { GetReportQuery, ListReportsQuery } from './reports.queries.js';
import { UuidParam } from '../../src/http/uuid.pipe.js';

const WHO = 'poc, lfp and auditor read every report; anyone else (anonymous callers included) the published ones, with their drafts history and POC feedback.';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports')
export class ReportsReadController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Consultation reports, in drafting order, filtered by cycleId, consultationId and status: { items, nextCursor }', description: WHO })
  @ApiPage(ReportResponse)
  @ApiProblems(400, 401, 503)
  list(@QueryParams() params: ListReportsParams, @CurrentActor() actor: Actor | undefined) {
    const { cursor, limit, consistentWith, ...filters } = params;
    return this.queries.execute(new ListReportsQuery(filters, actor, limit ?? 50, cursor, consistentWith));
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'A consultation report: status, summary, contributions, POC feedback, dates', description: `${WHO} Sends ETag: "<revision>".` })
  @ApiOk(ReportResponse, { etag: true })
  @ApiProblems(400, 401, 404, 503)
  @RevisionETag()
  get(@UuidParam('id', 'REPORT.NOT_FOUND', 'report') id: string, @QueryParams() params: ReadQuery, @CurrentActor() actor: Actor | undefined) {
    return this.queries.execute(new GetReportQuery(id, actor, params.consistentWith));
  }
}
