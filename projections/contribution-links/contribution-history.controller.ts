import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../src/http/api-problems.js';
import type { Actor } from '../../src/shared/actor.js';
import { ApiOk } from '../../src/http/openapi.js';
import { Roles } from '../../src/security/auth.guard.js';
import { ContributionHistoryResponse } from './contribution-history.dto.js';
import { CurrentActor } from '../../src/security/current-actor.js';
import { AsOfQuery } from '../../src/audit/as-of/as-of.query.js';
import { GetContributionHistoryQuery, type ContributionHistoryView } from './contribution-history.queries.js';
import { UuidParam } from '../../src/http/uuid.pipe.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/contributions')
export class ContributionHistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/history')
  @Roles('poc', 'lfp', 'auditor', 'stakeholder')
  @ApiOperation({
    summary: 'Every event that concerns a contribution, in log order: its own, duplicates naming it, commitment revisions and reports citing it',
    description:
      'Who and when (actor, institution, occurredAt, recordedAt, position) and the data, personal data decrypted for officials and the ' +
      'contributing stakeholder; `erased` names what can no longer be read because the person was erased. A stakeholder reads its own ' +
      'contributions only (others: 404). asOf / asOfOccurred: as it stood then. A redacted text is hidden in every entry, past ones included, from all but the POC and the LFPs (`redacted` names it).',
  })
  @ApiOk(ContributionHistoryResponse)
  @ApiProblems(400, 401, 403, 404, 503)
  history(@UuidParam('id', 'CONTRIBUTION.NOT_FOUND', 'contribution whose history you may read') id: string, @QueryParams() params: AsOfQuery, @CurrentActor() actor: Actor | undefined): Promise<ContributionHistoryView> {
    const { consistentWith, asOf, asOfOccurred } = params;
    return this.queries.execute(new GetContributionHistoryQuery(id, actor, consistentWith, { asOf, asOfOccurred }));
  }
}
