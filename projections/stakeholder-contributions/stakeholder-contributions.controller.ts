import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { ApiProblems } from '../../src/http/api-problems.js';
import type { Actor } from '../../src/shared/actor.js';
import { ApiOk } from '../../src/http/openapi.js';
import { ListQuery } from '../../src/read-side/pagination.js';
import { StakeholderContributionsResponse } from './stakeholder-contributions.dto.js';
import { CurrentActor } from '../../src/security/current-actor.js';
import { GetStakeholderContributionsQuery } from './stakeholder-contributions.queries.js';
import { UuidParam } from '../../src/http/uuid.pipe.js';

export class StakeholderContributionsParams extends ListQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this cycle (contributions, invitations and attendance)' })
  @IsOptional()
  @IsUUID()
  cycleId?: string;
}

@ApiTags('views')
@ApiBearerAuth()
@Controller('v1/stakeholders')
export class StakeholderContributionsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/contributions')
  @ApiOperation({
    summary: '"You said, we did": a stakeholder\'s contributions and what became of each, its invitations and attendance',
    description: 'poc, lfp and auditor read any stakeholder; a stakeholder only itself (403 otherwise). Contributions page by { items, nextCursor }.',
  })
  @ApiOk(StakeholderContributionsResponse)
  @ApiProblems(400, 401, 403, 404, 503)
  contributions(@UuidParam('id', 'STAKEHOLDER.NOT_FOUND', 'stakeholder') id: string, @QueryParams() params: StakeholderContributionsParams, @CurrentActor() actor: Actor | undefined) {
    const { cursor, limit, consistentWith, ...filters } = params;
    return this.queries.execute(new GetStakeholderContributionsQuery(id, actor, filters, limit ?? 50, cursor, consistentWith));
  }
}
