import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsString, IsUrl, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { CommandRequest } from '../../http/command-meta.js';
import { CommandResponse } from '../../http/api-problems.js';
import { STAGES, type Stage } from '../domain/events.js';
import { Optional } from '../../http/validation.js';

const ISO_DATE = { strict: true, strictSeparator: true } as const;
// Intranet links (http://ogp-intranet/...) are evidence too.
const URL_OPTIONS = { require_tld: false } as const;

export class OpenCycleRequest extends CommandRequest {
  @ApiProperty({ example: 'Albania', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  country: string;

  @ApiProperty({ example: 'Albania National Action Plan 2020–2022', maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiProperty({ example: '2020-07-01' })
  @IsISO8601(ISO_DATE)
  periodStart: string;

  @ApiProperty({ description: 'After periodStart', example: '2022-12-31' })
  @IsISO8601(ISO_DATE)
  periodEnd: string;

  @ApiProperty({
    description: 'The government Point of Contact running the co-creation',
    example: 'Office of the Prime Minister',
    maxLength: 300,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  pocInstitution: string;

  @ApiPropertyOptional({
    description: 'How the plan is co-created (the methodological package)',
    example: "Based on the mechanisms and processes of Albania's Integrated Planning System",
    maxLength: 10000,
  })
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  methodology?: string;
}

export class AddPolicyAreaRequest extends CommandRequest {
  @ApiProperty({ description: 'Unique in the cycle, ignoring case and spaces', example: 'Anti-Corruption', maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  @ApiProperty({ description: 'The Lead Focal Point institution (LFP)', example: 'Ministry of Justice', maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  leadInstitution: string;
}

export class ScheduleMilestoneRequest extends CommandRequest {
  @ApiProperty({ enum: STAGES, example: 'pre_consultation' })
  @IsIn(STAGES)
  stage: Stage;

  @ApiProperty({ example: 'Pre-consultation surveys published on the OGP web', maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiProperty({ example: '2020-08-31' })
  @IsISO8601(ISO_DATE)
  dueDate: string;
}

export class CompleteMilestoneRequest extends CommandRequest {
  @ApiPropertyOptional({ description: 'Defaults to occurredAt', example: '2020-08-28' })
  @Optional()
  @IsISO8601(ISO_DATE)
  completedAt?: string;

  @ApiProperty({
    description: 'What proves it was done: a link or a description',
    example: 'Surveys live at https://www.opengovpartnership.al/pre-consultation',
    maxLength: 5000,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  evidence: string;
}

export class RecordForumMeetingRequest extends CommandRequest {
  @ApiProperty({ example: '2020-07-20T10:00:00Z' })
  @IsISO8601(ISO_DATE)
  heldAt: string;

  @ApiPropertyOptional({ example: 'https://www.opengovpartnership.al/minutes/2020-07-20.pdf', maxLength: 2000 })
  @Optional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(2000)
  minutesUrl?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Registered stakeholders who attended', maxItems: 500 })
  @Optional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID(undefined, { each: true })
  attendeeIds?: string[];
}

export class AdvanceStageRequest extends CommandRequest {
  @ApiProperty({ enum: STAGES, description: 'Exactly the next stage; "submitted" is reached by submitting the plan', example: 'pre_consultation' })
  @IsIn(STAGES)
  stage: Stage;
}

export class PublishDraftPlanRequest extends CommandRequest {
  @ApiProperty({ description: 'Unique in the cycle', example: '1.0', maxLength: 50 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  version: string;

  @ApiProperty({ example: 'https://www.opengovpartnership.al/draft-nap-2020-2022-v1.pdf', maxLength: 2000 })
  @IsUrl(URL_OPTIONS)
  @MaxLength(2000)
  url: string;
}

export class ApprovePlanRequest extends CommandRequest {
  @ApiProperty({
    description: 'The government body that approved the plan',
    example: 'Integrated Policy Management Group (GMIP) on Good Governance and Public Administration',
    maxLength: 300,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  body: string;

  @ApiProperty({ description: "Reference of the body's decision", example: 'GMIP decision no. 4, 15.12.2020', maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  decisionRef: string;

  @ApiProperty({ example: '2020-12-15' })
  @IsISO8601(ISO_DATE)
  approvedAt: string;
}

export class SubmitPlanRequest extends CommandRequest {
  @ApiProperty({ description: 'When the plan was sent to OGP', example: '2020-12-30' })
  @IsISO8601(ISO_DATE)
  submittedAt: string;
}

// Ten years is beyond any action plan: a larger value is a typing mistake.
const MAX_THRESHOLD = 3650;

export class SetComplianceThresholdsRequest extends CommandRequest {
  @ApiPropertyOptional({ description: 'Longest gap between forum meetings (OGP: six months)', example: 183, minimum: 1, maximum: MAX_THRESHOLD })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(MAX_THRESHOLD)
  forumMaxGapDays?: number;

  @ApiPropertyOptional({ description: 'How long before the process the timeline is published', example: 14, minimum: 1, maximum: MAX_THRESHOLD })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(MAX_THRESHOLD)
  timelineNoticeDays?: number;

  @ApiPropertyOptional({ description: 'Least notice between announcing a consultation and opening it', example: 14, minimum: 1, maximum: MAX_THRESHOLD })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(MAX_THRESHOLD)
  consultationNoticeDays?: number;

  @ApiPropertyOptional({ description: 'Least updates of the online repository per year', example: 2, minimum: 1, maximum: MAX_THRESHOLD })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(MAX_THRESHOLD)
  repositoryUpdatesPerYear?: number;
}

/** What commands on a part of a cycle (policy area, milestone, forum meeting) answer: `id` is the part's. */
export class CyclePartResponse extends CommandResponse {
  @ApiProperty({ format: 'uuid', description: 'The cycle it belongs to' })
  cycleId: string;
}
