import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiProblems } from '../../src/http/api-problems.js';
import type { Actor } from '../../src/shared/actor.js';
import { ApiPage } from '../../src/http/openapi.js';
import { ListQuery } from '../../src/read-side/pagination.js';
import { Public } from '../../src/security/auth.guard.js';
import { CurrentActor } from '../../src/security/current-actor.js';
import { STAKEHOLDER_KINDS } from '../../src/stakeholders/domain/events.js';
import { ListStakeholdersQuery, type StakeholderItemView } from './stakeholders.queries.js';

export class ListStakeholdersParams extends ListQuery {
  @ApiPropertyOptional({ enum: STAKEHOLDER_KINDS }) @IsOptional() @IsIn(STAKEHOLDER_KINDS) kind?: string;
  @ApiPropertyOptional({ description: 'Part of a name or registry reference, any case', example: 'helsinki' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class StakeholderItemResponse implements StakeholderItemView {
  @ApiProperty({ format: 'uuid' }) stakeholderId: string;
  @ApiProperty({ enum: STAKEHOLDER_KINDS }) kind: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "An organisation's name; an individual's only for poc, lfp, auditor and the person, and for no one after erasure",
    example: 'Albanian Helsinki Committee',
  })
  name: string | null;
  @ApiProperty({ description: "The person's data was erased" }) erased: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Personal data: poc, lfp, auditor and the stakeholder itself only', example: 'contact@ahc.org.al' })
  email: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'NRC-1994-0173' }) registryRef: string | null;
  @ApiProperty({ format: 'date-time' }) registeredAt: string;
}

@ApiTags('stakeholders')
@ApiBearerAuth()
@Controller('v1/stakeholders')
export class StakeholdersReadController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Registered stakeholders, in registration order, filtered by kind and q: { items, nextCursor }',
    description:
      'poc, lfp and auditor list everyone, with names and emails (an erased person\'s read null); anyone else lists the organisations, ' +
      'without emails (a stakeholder also itself). q matches names and registry references; an individual\'s name only for those who may read it.',
  })
  @ApiPage(StakeholderItemResponse)
  @ApiProblems(400, 401, 503)
  list(@QueryParams() params: ListStakeholdersParams, @CurrentActor() actor: Actor | undefined) {
    const { cursor, limit, consistentWith, ...filters } = params;
    return this.queries.execute(new ListStakeholdersQuery(filters, actor, limit ?? 50, cursor, consistentWith));
  }
}
