import { Controller, Get, Query as QueryParams, Req, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExtraModels, ApiOperation, ApiProduces, ApiResponse, ApiTags, IntersectionType } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import { AsOfListQuery } from '../../src/audit/as-of/as-of.query.js';
import { ApiProblems } from '../../src/http/api-problems.js';
import { pageSchema } from '../../src/http/openapi.js';
import { CsvQuery } from '../../src/read-side/csv.js';
import { Public } from '../../src/security/auth.guard.js';
import { ReasonedResponseItemResponse } from './reasoned-response.dto.js';
import { ExportReasonedResponseQuery, GetReasonedResponseQuery, REASONED_RESPONSE_COLUMNS, reasonedResponseCsv } from './reasoned-response.queries.js';
import { UuidParam } from '../../src/http/uuid.pipe.js';

export class ReasonedResponseParams extends IntersectionType(AsOfListQuery, CsvQuery) {}

const CSV_EXAMPLE =
  '\uFEFF' +
  `${REASONED_RESPONSE_COLUMNS.join(',')}\r\n` +
  '6c1f0a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b,8d2e1b3c-4a5f-4b6c-9d7e-1f2a3b4c5d6e,2b7c9d1e-0f3a-4b5c-8d6e-7f8a9b0c1d2e,meeting,' +
  'Publish asset declarations online,partially_accepted,Included as milestone 2,5c0e2b8a-7f3d-4a61-b9e2-1d8c6f4a2e07,' +
  '2020-10-06T09:20:00.000Z,2020-10-15T10:00:00.000Z,Ministry of Justice,2020-10-20T12:00:00.000Z,' +
  'Anti-Corruption thematic meeting,Anti-Corruption,Online register of asset declarations\r\n';

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
      'with Accept: text/csv the whole matrix as RFC 4180 CSV in UTF-8 with a byte-order mark (bom=false drops it; lists joined by ";"; ' +
      'cursor and limit do not apply). asOf / asOfOccurred: as it stood then (names are today\'s; redactions made since apply).',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiExtraModels(ReasonedResponseItemResponse)
  @ApiResponse({
    status: 200,
    description: '{ items, nextCursor }, or CSV with a header row',
    content: {
      'application/json': { schema: pageSchema(ReasonedResponseItemResponse) },
      'text/csv': { schema: { type: 'string' }, example: CSV_EXAMPLE },
    },
  })
  @ApiProblems(400, 401, 404, 503)
  async reasonedResponse(@UuidParam('id', 'CYCLE.NOT_FOUND', 'cycle') id: string, @QueryParams() params: ReasonedResponseParams, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    res.vary('Accept');
    const past = { asOf: params.asOf, asOfOccurred: params.asOfOccurred };
    if (req.accepts(['application/json', 'text/csv']) !== 'text/csv') {
      return this.queries.execute(new GetReasonedResponseQuery(id, params.limit ?? 50, params.cursor, params.consistentWith, past));
    }
    const items = await this.queries.execute(new ExportReasonedResponseQuery(id, params.consistentWith, past));
    return new StreamableFile(Readable.from(reasonedResponseCsv(items, params.bom !== false)), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="reasoned-response-${id}.csv"`,
    });
  }
}
