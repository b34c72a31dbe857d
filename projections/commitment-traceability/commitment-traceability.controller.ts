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
import { CommitmentItemResponse, ListCommitmentsParams, TraceabilityResponse } from './commitment-traceability.dto.js';
import { GetTraceabilityQuery, ListCommitmentsQuery } from './commitment-traceability.queries.js';
import { UuidParam } from '../../src/http/uuid.pipe.js';

@ApiTags('views')
@ApiBearerAuth()
@Controller('v1/commitments')
export class CommitmentTraceabilityController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: "The plan's commitments, in drafting order, filtered by cycleId, policyAreaId and status: { items, nextCursor }",
    description: 'Draft commitments are public: every caller sees the same list.',
  })
  @ApiPage(CommitmentItemResponse)
  @ApiProblems(400, 401, 503)
  list(@QueryParams() params: ListCommitmentsParams) {
    const { cursor, limit, consistentWith, ...filters } = params;
    return this.queries.execute(new ListCommitmentsQuery(filters, limit ?? 50, cursor, consistentWith));
  }

  @Get(':id/traceability')
  @Public()
  @ApiOperation({
    summary: 'The contributions that shaped a commitment (via a response that links it, or a revision that names them) and its revisions',
    description:
      'Holds no personal data: anyone may read it. Anonymous callers and stakeholders see response links and decisions only once published (a stakeholder sees its own at once). ' +
      "Sends ETag: \"<revision>\" (the commitment stream's).",
  })
  @ApiOk(TraceabilityResponse, { etag: true })
  @ApiProblems(400, 401, 404, 503)
  @RevisionETag()
  traceability(@UuidParam('id', 'COMMITMENT.NOT_FOUND', 'commitment') id: string, @QueryParams() params: ReadQuery, @CurrentActor() actor: Actor | undefined) {
    return this.queries.execute(new GetTraceabilityQuery(id, actor, params.consistentWith));
  }
}
