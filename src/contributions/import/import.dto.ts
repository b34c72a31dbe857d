import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { ReceiveContributionRequest } from '../commands/contribution.dto.js';

/**
 * One line of an import: exactly the body of POST /v1/contributions (consultationId may be left
 * out: it is the import's), plus an optional id of the contribution.
 */
export class ImportContributionLine extends ReceiveContributionRequest {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "The contribution's id. Omitted: derived from the consultation and the line's content, so a re-sent line appends nothing",
  })
  @IsOptional()
  @IsUUID()
  id?: string;
}

export class RejectedLine {
  @ApiProperty({ description: 'Line number in the file, from 1', example: 7 }) line: number;
  @ApiProperty({ description: 'The field at fault; null when the line as a whole is (not JSON, cut, too long)', nullable: true, type: String, example: 'channel' })
  field: string | null;
  @ApiProperty({ example: 'channel must be one of the following values: survey, meeting, written, online_comment, email' }) reason: string;
  @ApiProperty({ description: 'Stable code, as the single POST would answer it', example: 'VALIDATION.FAILED' }) code: string;
}

export class ImportSummary {
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty({ description: 'Lines read (blank lines included)', example: 1000 }) lines: number;
  @ApiProperty({ description: 'Lines appended now as new contributions', example: 990 }) accepted: number;
  @ApiProperty({ description: 'Lines refused (listed in rejectedLines); nothing of them was appended', example: 3 }) rejected: number;
  @ApiProperty({ description: 'Lines identical to an earlier line of the same input (same id): counted once', example: 5 })
  duplicatesOfEarlierLines: number;
  @ApiProperty({ description: 'Valid lines whose contribution an earlier import already recorded (a re-sent file): nothing appended', example: 2 })
  alreadyRecorded: number;
  @ApiProperty({ description: 'Log position of the first event appended; null when nothing was', nullable: true, type: String, example: '1234:5678' })
  firstPosition: string | null;
  @ApiProperty({ description: 'Log position of the last event appended (pass as consistentWith); null when nothing was', nullable: true, type: String })
  lastPosition: string | null;
  @ApiProperty({ type: [RejectedLine], description: 'Rejected lines (at most 1,000 listed; the count is complete), in file order' }) rejectedLines: RejectedLine[];
  @ApiProperty({ type: [String], format: 'uuid', description: 'Contribution id of each line accepted or already recorded, in file order (first 1,000)' })
  contributionIds: string[];
}
