import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { RevisionETag } from '../../src/http/etag.js';
import { ApiOk, ApiPage } from '../../src/http/openapi.js';
import { AccountabilityResponse, ADDRESSED_DESCRIPTION } from './accountability.dto.js';
import { AsOfQuery } from '../../src/audit/as-of/as-of.query.js';
import { ApiProblems } from '../../src/http/api-problems.js';
import { CONTRIBUTION_STATUSES } from '../../src/contributions/domain/contribution.decider.js';
import type { Actor } from '../../src/shared/actor.js';
import { ListQuery } from '../../src/read-side/pagination.js';
import { Public } from '../../src/security/auth.guard.js';
import { CurrentActor } from '../../src/security/current-actor.js';
import { GetAccountabilityQuery, ListContributionsQuery } from './accountability.queries.js';
import { UuidParam } from '../../src/http/uuid.pipe.js';

export class ListContributionsParams extends ListQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() cycleId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() consultationId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() policyAreaId?: string;
  @ApiPropertyOptional({ enum: CONTRIBUTION_STATUSES }) @IsOptional() @IsIn(CONTRIBUTION_STATUSES) status?: string;
  @ApiPropertyOptional({ type: Boolean, description: ADDRESSED_DESCRIPTION })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  addressed?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) stakeholderId?: string;
}

@ApiTags('accountability')
@ApiBearerAuth()
@Controller('v1/contributions')
export class AccountabilityController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Contributions and what became of them (anonymous callers: published ones only, without personal data)',
    description: `In the order received. Each item as GET /v1/contributions/:id/accountability answers it. addressed: ${ADDRESSED_DESCRIPTION}`,
  })
  @ApiPage(AccountabilityResponse)
  @ApiProblems(400, 401, 503)
  list(@QueryParams() params: ListContributionsParams, @CurrentActor() actor: Actor | undefined) {
    const { cursor, limit, consistentWith, ...filters } = params;
    return this.queries.execute(new ListContributionsQuery(filters, actor, limit ?? 50, cursor, consistentWith));
  }

  @Get(':id/accountability')
  @Public()
  @ApiOperation({
    summary: '"Was this addressed?": status, decision, rationale, commitments, who and when, POC review, publication (asOf / asOfOccurred: as it stood then)',
    description: `addressed: ${ADDRESSED_DESCRIPTION} Names (consultation, policy area, stakeholder, commitments) are today's. Sends ETag: "<revision>".`,
  })
  @ApiOk(AccountabilityResponse, { etag: true })
  @ApiProblems(400, 401, 404, 503)
  @RevisionETag()
  accountability(@UuidParam('id', 'CONTRIBUTION.NOT_FOUND', 'contribution') id: string, @QueryParams() params: AsOfQuery, @CurrentActor() actor: Actor | undefined) {
    const { consistentWith, asOf, asOfOccurred } = params;
    return this.queries.execute(new GetAccountabilityQuery(id, actor, consistentWith, { asOf, asOfOccurred }));
  }
}
