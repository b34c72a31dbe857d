import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../src/command-handling/command-response.js';
import type { Actor } from '../../src/event-store/event-store.port.js';
import { ApiOk } from '../../src/http/openapi.js';
import { ReadQuery } from '../../src/read-side/pagination.js';
import { PolicyAreaDashboardResponse } from './policy-area-dashboard.dto.js';
import { Public } from '../../src/security/auth.guard.js';
import { CurrentActor } from '../../src/security/current-actor.js';
import { GetPolicyAreaDashboardQuery } from './policy-area-dashboard.queries.js';

@ApiTags('views')
@ApiBearerAuth()
@Controller('v1/cycles')
export class PolicyAreaDashboardController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/policy-areas/:pid/dashboard')
  @Public()
  @ApiOperation({
    summary: 'A policy area (LFP) at a glance: contributions, response rate, median and p90 days to response, decisions, overdue',
    description: 'Anonymous callers and stakeholders: byDecision counts published responses only (decisionsCounted: published).',
  })
  @ApiOk(PolicyAreaDashboardResponse)
  @ApiProblems(400, 401, 404, 503)
  dashboard(@Param('id') id: string, @Param('pid') pid: string, @QueryParams() params: ReadQuery, @CurrentActor() actor: Actor | undefined) {
    return this.queries.execute(new GetPolicyAreaDashboardQuery(id, pid, actor, params.consistentWith));
  }
}
