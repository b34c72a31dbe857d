import { ApiProperty } from '@nestjs/swagger';
import { CHANNELS, DECISIONS } from '../../src/contributions/domain/events.js';
import type { ReasonedResponseItem } from './reasoned-response.queries.js';

/** One row of the published reasoned-response matrix. */
export class ReasonedResponseItemResponse implements ReasonedResponseItem {
  @ApiProperty({ format: 'uuid' }) contributionId: string;
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) policyAreaId: string | null;
  @ApiProperty({ enum: CHANNELS }) channel: string;
  @ApiProperty({ type: String, nullable: true, description: 'null where it is personal data or was redacted', example: 'Publish asset declarations online' })
  body: string | null;
  @ApiProperty({ type: String, enum: DECISIONS, nullable: true }) decision: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Included as milestone 2 of the asset declarations commitment' }) rationale: string | null;
  @ApiProperty({ type: [String], example: ['5c0e2b8a-7f3d-4a61-b9e2-1d8c6f4a2e07'], description: 'In CSV joined by ";"' }) commitmentIds: string[];
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'When the response was first given (a duplicate: its canonical\'s)' })
  respondedAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Ministry of Justice', description: 'Who gave the current response' }) respondedByInstitution: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) publishedAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Anti-Corruption thematic meeting, 6 October 2020' }) consultationTitle: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Anti-Corruption' }) policyAreaName: string | null;
  @ApiProperty({
    type: 'array',
    items: { type: 'string', nullable: true },
    description: 'The titles of commitmentIds, in the same order (in CSV joined by ";")',
    example: ['Online register of asset declarations'],
  })
  commitmentTitles: (string | null)[];
}
