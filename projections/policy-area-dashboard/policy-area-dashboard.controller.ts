import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../src/http/api-problems.js';
import type { Actor } from '../../src/shared/actor.js';
import { ApiOk } from '../../src/http/openapi.js';
import { ReadQuery } from '../../src/read-side/pagination.js';
import { PolicyAreaDashboardResponse } from './policy-area-dashboard.dto.js';
import { Public } from '../../src/security/auth.guard.js';
import { CurrentActor } from '../../src/security/current-actor.js';
import { GetPolicyAreaDashboardQuery } from './policy-area-dashboard.queries.js';
import { UuidParam } from '../../src/http/uuid.pipe.js';

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
  dashboard(@UuidParam('id', 'CYCLE.POLICY_AREA_NOT_FOUND', 'cycle') id: string, @UuidParam('pid', 'CYCLE.POLICY_AREA_NOT_FOUND', 'policy area') pid: string, @QueryParams() params: ReadQuery, @CurrentActor() actor: Actor | undefined) {
    return this.queries.execute(new GetPolicyAreaDashboardQuery(id, pid, actor, params.consistentWith));
  }
}
