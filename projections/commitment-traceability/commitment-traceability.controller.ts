import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../src/command-handling/command-response.js';
import type { Actor } from '../../src/event-store/event-store.port.js';
import { ReadQuery } from '../../src/read-side/pagination.js';
import { Public } from '../../src/security/auth.guard.js';
import { CurrentActor } from '../../src/security/current-actor.js';
import { GetTraceabilityQuery } from './commitment-traceability.queries.js';

@ApiTags('views')
@ApiBearerAuth()
@Controller('v1/commitments')
export class CommitmentTraceabilityController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/traceability')
  @Public()
  @ApiOperation({
    summary: 'The contributions that shaped a commitment (via a response that links it, or a revision that names them) and its revisions',
    description:
      'Holds no personal data: anyone may read it. Anonymous callers and stakeholders see response links and decisions only once published (a stakeholder sees its own at once).',
  })
  @ApiProblems(400, 401, 404, 503)
  traceability(@Param('id') id: string, @QueryParams() params: ReadQuery, @CurrentActor() actor: Actor | undefined) {
    return this.queries.execute(new GetTraceabilityQuery(id, actor, params.consistentWith));
  }
}
