import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { REASONED_RESPONSE_COLUMNS } from '../../../projections/reasoned-response/reasoned-response.queries.js';
import { ApiProblems } from '../../http/api-problems.js';
import { ApiText } from '../../http/openapi.js';
import { CsvQuery } from '../../read-side/csv.js';
import { Public } from '../../security/auth.guard.js';
import { streamChunks } from '../../http/stream-response.js';
import type { ExportStamp } from './export-stamp.js';
import { ExportsService, type ExportStream } from './exports.service.js';

const STAMP =
  'Stamped with X-Log-Position (the log position it reflects) and X-Projection-Versions (name=version of each read model it comes from)';

const NDJSON_META = (name: string) =>
  `${JSON.stringify({ _meta: { export: name, position: '1234:5678', projections: {}, generatedAt: '2026-11-24T12:00:00.000Z' } })}\n`;

@ApiTags('open data')
@Controller('v1/exports')
@Public()
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('reasoned-response.csv')
  @ApiOperation({
    summary: "Every cycle's published reasoned-response matrix as CSV, for anyone",
    description:
      `Columns: cycleId, ${REASONED_RESPONSE_COLUMNS.join(', ')} (lists joined by ";"); body is empty where it is personal data or redacted. ` +
      `UTF-8 with a byte-order mark (bom=false drops it). ${STAMP}.`,
  })
  @ApiProduces('text/csv')
  @ApiText('text/csv', `\uFEFFcycleId,${REASONED_RESPONSE_COLUMNS.join(',')}\r\n`, 'RFC 4180 CSV with a header row')
  @ApiProblems(400, 401, 429, 503)
  async reasonedResponse(@Query() query: CsvQuery, @Res() res: Response): Promise<void> {
    await this.send(res, await this.exports.reasonedResponseCsv(query.bom !== false), 'text/csv; charset=utf-8', 'reasoned-response.csv');
  }

  @Get('contributions.ndjson')
  @ApiOperation({
    summary: 'Published contributions with their outcome, without personal data, as NDJSON, for anyone',
    description: `A first {"_meta": {...}} line, then one contribution per line as an anonymous reader sees it: body null where personal or redacted, stakeholderId null for individuals. ${STAMP}.`,
  })
  @ApiProduces('application/x-ndjson')
  @ApiText('application/x-ndjson', NDJSON_META('contributions'), 'NDJSON: a _meta line, then one contribution per line')
  @ApiProblems(401, 429, 503)
  async contributions(@Res() res: Response): Promise<void> {
    await this.send(res, await this.exports.contributionsNdjson(), 'application/x-ndjson; charset=utf-8', 'contributions.ndjson');
  }

  @Get('events.ndjson')
  @ApiOperation({
    summary: 'The public event log as NDJSON, for anyone: published events only, personal data nulled',
    description: `A first {"_meta": {...}} line, then the public events in log order up to the head at the start. Public: cycle, consultation and commitment events; events of published reports; events of published, not withdrawn contributions; registrations of organisations. Encrypted personal fields, survey text answers and redacted bodies are null. ${STAMP}.`,
  })
  @ApiProduces('application/x-ndjson')
  @ApiText('application/x-ndjson', NDJSON_META('events'), 'NDJSON: a _meta line, then one public event per line')
  @ApiProblems(401, 503)
  async events(@Res() res: Response): Promise<void> {
    await this.send(res, await this.exports.eventsNdjson(), 'application/x-ndjson; charset=utf-8', 'events.ndjson');
  }

  private async send(res: Response, stream: ExportStream, type: string, filename: string): Promise<void> {
    try {
      res.status(200);
      res.setHeader('Content-Type', type);
      res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
      res.setHeader('Cache-Control', 'no-store');
      setStampHeaders(res, stream.stamp);
      await streamChunks(res, stream.chunks);
    } finally {
      await stream.release();
    }
  }
}

/** X-Log-Position and X-Projection-Versions ("name=version", comma-separated; "none" for the raw log). */
export function setStampHeaders(res: Response, stamp: ExportStamp): void {
  const versions = Object.entries(stamp.projections).map(([name, p]) => `${name}=${p.version}`);
  res.setHeader('X-Log-Position', stamp.position ?? 'none');
  res.setHeader('X-Projection-Versions', versions.length > 0 ? versions.join(',') : 'none');
  res.setHeader('Access-Control-Expose-Headers', 'X-Log-Position, X-Projection-Versions');
}
