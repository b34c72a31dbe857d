import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AsOfQuery } from '../../src/audit/as-of/as-of.query.js';
import { ApiProblems } from '../../src/command-handling/command-response.js';
import type { Actor } from '../../src/event-store/event-store.port.js';
import { Public } from '../../src/security/auth.guard.js';
import { CurrentActor } from '../../src/security/current-actor.js';
import { GetConsultationSummaryQuery } from './consultation-summary.queries.js';

@ApiTags('views')
@ApiBearerAuth()
@Controller('v1/consultations')
export class ConsultationSummaryController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/summary')
  @Public()
  @ApiOperation({
    summary: 'Counts of a consultation: received, addressed, unaddressed, withdrawn, late, byDecision, and its latest report status',
    description: 'Anonymous callers and stakeholders: addressed and byDecision count published responses only (decisionsCounted: published).',
  })
  @ApiProblems(400, 401, 404, 503)
  summary(@Param('id') id: string, @QueryParams() params: AsOfQuery, @CurrentActor() actor: Actor | undefined) {
    return this.queries.execute(new GetConsultationSummaryQuery(id, actor, params.consistentWith, params.asOf));
  }
}
