import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../http/api-problems.js';
import type { Actor } from '../../shared/actor.js';
import { ApiOk } from '../../http/openapi.js';
import { readerOf } from '../../read-side/access.js';
import { Public } from '../../security/auth.guard.js';
import { CurrentActor } from '../../security/current-actor.js';
import { EventLookup, type EventView } from './event-lookup.js';
import { UuidParam } from '../../http/uuid.pipe.js';

export class EventResponse implements EventView {
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ example: 'ForumMeetingHeld' }) type: string;
  @ApiProperty({ example: 'cycle-3f2c7a9e-5b1d-4c8e-9a7f-2d6b8e4c1a05' }) streamId: string;
  @ApiProperty({ description: 'Its place in its stream (0-based)', example: 4 }) revision: number;
  @ApiProperty({ description: 'Its place in the global log', example: '1234:5678' }) position: string;
  @ApiProperty({ example: 1 }) schemaVersion: number;
  @ApiProperty({ format: 'date-time', description: 'When it happened in the world' }) occurredAt: string;
  @ApiProperty({ format: 'date-time', description: 'When the record stored it' }) recordedAt: string;
  @ApiProperty({ description: 'What it records, in one line', example: 'Multi-stakeholder forum met on 2020-10-01 (12 registered attendees)' }) summary: string;
  @ApiProperty({ enum: ['full', 'public'], description: 'full: as stored, personal data decrypted (poc, auditor); public: as GET /v1/exports/events.ndjson shows it' })
  view: 'full' | 'public';
  @ApiProperty({ type: 'object', additionalProperties: true, example: { cycleId: '3f2c7a9e-5b1d-4c8e-9a7f-2d6b8e4c1a05', heldAt: '2020-10-01T09:00:00Z' } })
  data: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'actor, correlationId, causationId, occurredAt, recordedAt, schemaVersion (public: actor role and institution only)',
    example: { actor: { role: 'poc', institution: 'Office of the Prime Minister' }, occurredAt: '2020-10-01T09:00:00Z' },
  })
  metadata: Record<string, unknown>;
  @ApiProperty({ type: [String], description: 'Personal fields of an erased person (null for everyone)', example: [] }) erased: string[];
  @ApiProperty({ type: [String], description: 'Text hidden because the contribution was redacted', example: [] }) redacted: string[];
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/events')
export class EventsController {
  constructor(private readonly events: EventLookup) {}

  @Get(':eventId')
  @Public()
  @ApiOperation({
    summary: 'One event of the log by its id (the evidence of a compliance check, a history entry), with a one-line summary',
    description:
      'poc and auditor: the event as stored with its metadata, personal data decrypted (an erased person\'s reads null; a redacted text is ' +
      'hidden from the auditor). Anyone else: only what the public event log (GET /v1/exports/events.ndjson) shows, else 404.',
  })
  @ApiOk(EventResponse)
  @ApiProblems(400, 401, 404)
  get(@UuidParam('eventId', 'EVENT.NOT_FOUND', 'event') eventId: string, @CurrentActor() actor: Actor | undefined): Promise<EventView> {
    return this.events.find(eventId, readerOf(actor));
  }
}
