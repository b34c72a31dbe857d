import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiProblems } from '../../command-handling/command-response.js';
import { Public } from '../../security/auth.guard.js';
import { streamChunks } from '../integrity/ndjson.js';
import { setStampHeaders } from './export-stamp.js';
import { ExportsService, type ExportStream } from './exports.service.js';

const STAMP =
  'Stamped with X-Log-Position (the log position it reflects) and X-Projection-Versions (name=version of each read model it comes from)';

@ApiTags('open data')
@Controller('v1/exports')
@Public()
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('reasoned-response.csv')
  @ApiOperation({
    summary: "Every cycle's published reasoned-response matrix as CSV, for anyone",
    description: `Columns: cycleId, contributionId, consultationId, policyAreaId, channel, body, decision, rationale, commitmentIds (joined by ";"); body is empty where it is personal data or redacted. ${STAMP}.`,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'RFC 4180 CSV with a header row' })
  @ApiProblems(429, 503)
  async reasonedResponse(@Res() res: Response): Promise<void> {
    await this.send(res, await this.exports.reasonedResponseCsv(), 'text/csv; charset=utf-8', 'reasoned-response.csv');
  }

  @Get('contributions.ndjson')
  @ApiOperation({
    summary: 'Published contributions with their outcome, without personal data, as NDJSON, for anyone',
    description: `A first {"_meta": {...}} line, then one contribution per line as an anonymous reader sees it: body null where personal or redacted, stakeholderId null for individuals. ${STAMP}.`,
  })
  @ApiProduces('application/x-ndjson')
  @ApiProblems(429, 503)
  async contributions(@Res() res: Response): Promise<void> {
    await this.send(res, await this.exports.contributionsNdjson(), 'application/x-ndjson; charset=utf-8', 'contributions.ndjson');
  }

  @Get('events.ndjson')
  @ApiOperation({
    summary: 'The public event log as NDJSON, for anyone: published events only, personal data nulled',
    description: `A first {"_meta": {...}} line, then the public events in log order up to the head at the start. Public: cycle, consultation and commitment events; events of published reports; events of published, not withdrawn contributions; registrations of organisations. Encrypted personal fields, survey text answers and redacted bodies are null. ${STAMP}.`,
  })
  @ApiProduces('application/x-ndjson')
  @ApiProblems(503)
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
