import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../src/http/api-problems.js';
import type { Actor } from '../../src/shared/actor.js';
import { ApiPage } from '../../src/http/openapi.js';
import { ListQuery } from '../../src/read-side/pagination.js';
import { Roles } from '../../src/security/auth.guard.js';
import { CurrentActor } from '../../src/security/current-actor.js';
import { DuplicateCandidateGroup, DuplicateCandidatesQuery } from './duplicate-candidates.queries.js';
import { UuidParam } from '../../src/http/uuid.pipe.js';

@ApiTags('contributions')
@ApiBearerAuth()
@Controller('v1/consultations')
export class DuplicateCandidatesController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/duplicate-candidates')
  @Roles('lfp', 'poc', 'auditor')
  @ApiOperation({
    summary: 'Identical texts within a consultation (same words, whatever the case and spacing), offered as duplicate groups',
    description:
      'Nothing is marked automatically: confirm a candidate with POST /v1/contributions/:id/duplicate-of { canonicalId }. Withdrawn ' +
      'contributions are left out; a group is offered while it has a member that can still be marked. Largest groups first.',
  })
  @ApiPage(DuplicateCandidateGroup)
  @ApiProblems(400, 401, 403, 404, 503)
  candidates(@UuidParam('id', 'CONSULTATION.NOT_FOUND', 'consultation') id: string, @QueryParams() params: ListQuery, @CurrentActor() actor: Actor) {
    return this.queries.execute(new DuplicateCandidatesQuery(id, actor, params.limit ?? 50, params.cursor, params.consistentWith));
  }
}
