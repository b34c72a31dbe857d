import { Controller, Get, Param, Query as QueryParams, Req, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import { AsOfListQuery } from '../../src/audit/as-of/as-of.query.js';
import { ApiProblems } from '../../src/command-handling/command-response.js';
import { Public } from '../../src/security/auth.guard.js';
import { reasonedResponseCsv } from './reasoned-response.csv.js';
import { ExportReasonedResponseQuery, GetReasonedResponseQuery, REASONED_RESPONSE_COLUMNS } from './reasoned-response.queries.js';

@ApiTags('views')
@Controller('v1/cycles')
export class ReasonedResponseController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/reasoned-response')
  @Public()
  @ApiOperation({
    summary: "The cycle's published reasoned-response matrix (open data, the same for every caller)",
    description:
      `Rows: ${REASONED_RESPONSE_COLUMNS.join(', ')}. Every published contribution (a duplicate shows its canonical's published response), ` +
      'withdrawn ones left out; body is null where it is personal data or redacted. JSON pages { items, nextCursor } by default; ' +
      'with Accept: text/csv the whole matrix as RFC 4180 CSV (commitmentIds joined by ";"; cursor and limit do not apply).',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: '{ items, nextCursor }, or CSV with a header row' })
  @ApiProblems(400, 401, 404, 503)
  async reasonedResponse(@Param('id') id: string, @QueryParams() params: AsOfListQuery, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    res.vary('Accept');
    if (req.accepts(['application/json', 'text/csv']) !== 'text/csv') {
      return this.queries.execute(new GetReasonedResponseQuery(id, params.limit ?? 50, params.cursor, params.consistentWith, params.asOf));
    }
    const items = await this.queries.execute(new ExportReasonedResponseQuery(id, params.consistentWith, params.asOf));
    return new StreamableFile(Readable.from(reasonedResponseCsv(items)), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="reasoned-response-${id}.csv"`,
    });
  }
}
