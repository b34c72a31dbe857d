import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../src/http/api-problems.js';
import { ApiOk } from '../../src/http/openapi.js';
import { Public } from '../../src/security/auth.guard.js';
import { AsOfQuery } from '../../src/audit/as-of/as-of.query.js';
import { ComplianceResponse } from './compliance.dto.js';
import { GetComplianceQuery } from './compliance.queries.js';
import type { ComplianceView } from './compliance.rules.js';
import { UuidParam } from '../../src/http/uuid.pipe.js';

@ApiTags('views')
@ApiBearerAuth()
@Controller('v1/cycles')
export class ComplianceController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/compliance')
  @Public()
  @ApiOperation({
    summary: "The cycle against OGP's co-creation standards: each check met, not_met or pending, with its evidence",
    description:
      'Checks: forum_meets_regularly, timeline_published_in_advance, consultation_notice, repository_updated, reasoned_response_published, ' +
      'reports_published, draft_publicly_consulted, approval_and_submission_recorded; thresholds from POST /v1/cycles/:id/compliance-thresholds. ' +
      'Each piece of evidence names its event (type, when it happened, a one-line summary; GET /v1/events/:eventId for the whole event). ' +
      'Computed from the events, with today as the end of a cycle not yet submitted; asOf / asOfOccurred: as it stood then, "today" being ' +
      'the time asked about. No personal data: anyone may read it.',
  })
  @ApiOk(ComplianceResponse)
  @ApiProblems(400, 401, 404, 503)
  compliance(@UuidParam('id', 'CYCLE.NOT_FOUND', 'cycle') id: string, @QueryParams() params: AsOfQuery): Promise<ComplianceView> {
    const { consistentWith, asOf, asOfOccurred } = params;
    return this.queries.execute(new GetComplianceQuery(id, consistentWith, { asOf, asOfOccurred }));
  }
}
