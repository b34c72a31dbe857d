import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AsOfQuery } from '../../src/audit/as-of/as-of.query.js';
import { ApiProblems } from '../../src/http/api-problems.js';
import type { Actor } from '../../src/shared/actor.js';
import { RevisionETag } from '../../src/http/etag.js';
import { ApiOk, ApiPage } from '../../src/http/openapi.js';
import { Public } from '../../src/security/auth.guard.js';
import { CurrentActor } from '../../src/security/current-actor.js';
import { ConsultationItemResponse, ConsultationSummaryResponse, ListConsultationsParams } from './consultation-summary.dto.js';
import { GetConsultationSummaryQuery, ListConsultationsQuery } from './consultation-summary.queries.js';
import { UuidParam } from '../../src/http/uuid.pipe.js';

@ApiTags('views')
@ApiBearerAuth()
@Controller('v1/consultations')
export class ConsultationSummaryController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'The consultations, in opening order, filtered by cycleId, policyAreaId and kind: { items, nextCursor }',
    description: 'Consultations hold no personal data: every caller sees the same list.',
  })
  @ApiPage(ConsultationItemResponse)
  @ApiProblems(400, 401, 503)
  list(@QueryParams() params: ListConsultationsParams) {
    const { cursor, limit, consistentWith, ...filters } = params;
    return this.queries.execute(new ListConsultationsQuery(filters, limit ?? 50, cursor, consistentWith));
  }

  @Get(':id/summary')
  @Public()
  @ApiOperation({
    summary: 'Counts of a consultation: received, addressed, unaddressed, withdrawn, late, byDecision, and its latest report status',
    description:
      'Anonymous callers and stakeholders: addressed and byDecision count published responses only (decisionsCounted: published). ' +
      'A response the POC has not reviewed yet counts as addressed. asOf / asOfOccurred: as it stood then. Sends ETag: "<revision>" ' +
      "(the consultation stream's).",
  })
  @ApiOk(ConsultationSummaryResponse, { etag: true })
  @ApiProblems(400, 401, 404, 503)
  @RevisionETag()
  summary(@UuidParam('id', 'CONSULTATION.NOT_FOUND', 'consultation') id: string, @QueryParams() params: AsOfQuery, @CurrentActor() actor: Actor | undefined) {
    const { consistentWith, asOf, asOfOccurred } = params;
    return this.queries.execute(new GetConsultationSummaryQuery(id, actor, consistentWith, { asOf, asOfOccurred }));
  }
}
