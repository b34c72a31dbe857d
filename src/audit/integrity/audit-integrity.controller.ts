import { Body, Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiOk, ApiText } from '../../http/openapi.js';
import { AUDIT_EVENTS_EXAMPLE, DigestResponse, VerifyResponse } from '../integrity-responses.dto.js';
import type { Response } from 'express';
import { ApiProblems } from '../../http/api-problems.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import type { Actor } from '../../shared/actor.js';
import { Roles } from '../../security/auth.guard.js';
import { CurrentActor } from '../../security/current-actor.js';
import { AuditEventsQuery, requirePosition, VerifyDigestRequest } from './audit-integrity.dto.js';
import { AuditIntegrityService } from './audit-integrity.service.js';
import { streamChunks } from '../../http/stream-response.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
@Roles('poc', 'auditor')
export class AuditIntegrityController {
  constructor(
    private readonly integrity: AuditIntegrityService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('digest')
  @ApiOperation({
    summary: 'Ledger digest of the whole log up to its head: { position, eventCount, sha256 }',
    description:
      'h0 = 32 zero bytes; h_i = SHA-256(h_(i-1) ‖ canonical bytes of event i) over every event up to position in log order ' +
      '(transaction id, global position), over the stored bytes; sha256 = hex(h_n). Recorded, with a checkpoint of the running hash every 1,024 events.',
  })
  @ApiOk(DigestResponse)
  @ApiProblems(401, 403)
  digest(@CurrentActor() actor: Actor | undefined) {
    return this.integrity.issueDigest(actor);
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Does the log up to position still give this digest? Appends nothing.',
    description:
      '{ valid, checkedEvents, firstMismatch, brokenStreams, chainsIntact, … }: firstMismatch is the earliest broken stream hash chain at or before ' +
      'the position, or, when every chain holds, the first event of the first 1,024-event block whose recorded checkpoint differs.',
  })
  @ApiOk(VerifyResponse)
  @ApiProblems(400, 401, 403)
  verify(@Body() body: VerifyDigestRequest) {
    requirePosition(this.store, body.position, 'position');
    return this.integrity.verify({ position: body.position, sha256: body.sha256.toLowerCase() });
  }

  @Get('events')
  @ApiOperation({
    summary: 'The raw log as NDJSON, streamed in log order up to the head at the start of the download',
    description:
      'One stored event per line: position, eventId, streamId, revision, type, schemaVersion, data, metadata, recordedAt, chainHash (hex). ' +
      'X-Log-Position names the head the download stops at. Filters: type and stream (repeat or comma-separate), after (exclusive), limit.',
  })
  @ApiProduces('application/x-ndjson')
  @ApiText('application/x-ndjson', AUDIT_EVENTS_EXAMPLE, 'NDJSON, one event per line')
  @ApiProblems(400, 401, 403)
  async events(@Query() query: AuditEventsQuery, @Res() res: Response): Promise<void> {
    if (query.after !== undefined) requirePosition(this.store, query.after, 'after');
    const download = await this.integrity.events({ after: query.after, types: query.type, streams: query.stream, limit: query.limit });
    res.status(200);
    res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Log-Position', download.head ?? 'none');
    await streamChunks(res, download.chunks);
  }
}
