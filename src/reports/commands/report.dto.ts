import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsNotEmpty,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CommandRequest } from '../../http/command-meta.js';
import { Optional } from '../../http/validation.js';

// A thematic meeting's report names every contribution it heard; a survey's can name hundreds.
const MAX_CONTRIBUTIONS = 2000;

export class DraftReportRequest extends CommandRequest {
  @ApiProperty({ format: 'uuid', description: 'The consultation it reports on' })
  @IsUUID()
  consultationId: string;

  @ApiProperty({
    description: 'The report, from the template: discussion, contributions, main priorities and suggestions',
    example: 'Twelve CSOs attended the Anti-Corruption thematic meeting of 6 October 2020; priorities: asset declarations, whistleblowers.',
    maxLength: 20000,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  summary: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'The contributions of the consultation it covers', maxItems: MAX_CONTRIBUTIONS })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_CONTRIBUTIONS)
  @IsUUID(undefined, { each: true })
  contributionIds?: string[];
}

export class FeedbackItemRequest {
  @ApiProperty({ description: 'The section of the report template', example: 'Stakeholder contributions', maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  section: string;

  @ApiProperty({ example: 'List each CSO comment with the response given, not only the totals.', maxLength: 5000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  comment: string;
}

export class GiveReportFeedbackRequest extends CommandRequest {
  @ApiProperty({ type: [FeedbackItemRequest], description: "The POC's structured feedback, section by section", maxItems: 100 })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FeedbackItemRequest)
  items: FeedbackItemRequest[];
}

export class ReviseReportRequest extends CommandRequest {
  @ApiProperty({ description: 'The revised report', maxLength: 20000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  summary: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Replaces the contributions it covers; omitted, it keeps the earlier list',
    maxItems: MAX_CONTRIBUTIONS,
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_CONTRIBUTIONS)
  @IsUUID(undefined, { each: true })
  contributionIds?: string[];
}

export class PublishReportRequest extends CommandRequest {
  @ApiPropertyOptional({ description: 'Where it is published (the OGP web)', example: 'https://ogp.gov.al/reports/anti-corruption-1.pdf', maxLength: 2000 })
  @Optional()
  @IsUrl({ require_tld: false })
  @MaxLength(2000)
  url?: string;
}
