import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { CommandRequest } from '../../http/command-meta.js';
import { CHANNELS, DECISIONS, REVIEW_VERDICTS, type Channel, type Decision, type ReviewVerdict } from '../domain/events.js';
import { Optional } from '../../http/validation.js';

export class ReceiveContributionRequest extends CommandRequest {
  @ApiProperty({ format: 'uuid', description: 'The consultation it was given in' })
  @IsUUID()
  consultationId: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Who it is from. A stakeholder omits it (it submits as itself); the POC or an LFP omits it for anonymous input',
  })
  // Optional but never null: omitted, it is the stakeholder itself or (for the POC or an LFP) anonymous input.
  @ValidateIf((_, value) => value !== undefined)
  @IsUUID()
  stakeholderId?: string;

  @ApiProperty({ enum: CHANNELS, example: 'meeting' })
  @IsIn(CHANNELS)
  channel: Channel;

  @ApiProperty({
    description: "What was said. An individual's text is personal data: stored encrypted, erasable",
    example: 'Publish the asset declarations of senior officials online, in a searchable format.',
    maxLength: 20000,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  body: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The draft commitment it comments on' })
  @Optional()
  @IsUUID()
  commitmentId?: string;

  @ApiPropertyOptional({ description: 'When it was received (e.g. the meeting date); defaults to occurredAt', example: '2020-10-06T10:00:00Z' })
  @Optional()
  @IsISO8601({ strict: true, strictSeparator: true })
  receivedAt?: string;

  @ApiPropertyOptional({ description: 'Record it although the consultation is closed; it is then marked late' })
  @Optional()
  @IsBoolean()
  late?: boolean;
}

export class RespondToContributionRequest extends CommandRequest {
  @ApiProperty({ enum: DECISIONS, example: 'partially_accepted' })
  @IsIn(DECISIONS)
  decision: Decision;

  @ApiProperty({
    description: "The reasoned response (OGP's co-creation standard): why this decision",
    example: 'The online register becomes milestone 2 of the asset declaration commitment; full-text search follows in 2022.',
    maxLength: 20000,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  rationale: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'The commitments that take it up: at least one for accepted and partially_accepted',
    maxItems: 100,
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID(undefined, { each: true })
  commitmentIds?: string[];
}

export class ReviewResponseRequest extends CommandRequest {
  @ApiProperty({ enum: REVIEW_VERDICTS, example: 'endorsed' })
  @IsIn(REVIEW_VERDICTS)
  verdict: ReviewVerdict;

  @ApiPropertyOptional({ description: "The POC's comment to the LFP", maxLength: 5000 })
  @Optional()
  @IsString()
  @MaxLength(5000)
  comment?: string;
}

export class WithdrawContributionRequest extends CommandRequest {
  @ApiPropertyOptional({ description: 'Why the author withdraws it', maxLength: 2000 })
  @Optional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class RedactContributionRequest extends CommandRequest {
  @ApiProperty({ description: 'Why it is redacted (e.g. it names a private person); kept in the record', maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class MarkDuplicateRequest extends CommandRequest {
  @ApiProperty({ format: 'uuid', description: 'The contribution this one repeats; its response will answer both' })
  @IsUUID()
  canonicalId: string;
}
