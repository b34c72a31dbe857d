import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CommandRequest } from '../../http/command-meta.js';
import { CommandResponse } from '../../http/api-problems.js';
import {
  CONSULTATION_KINDS,
  MATERIAL_KINDS,
  QUESTION_TYPES,
  type ConsultationKind,
  type MaterialKind,
  type QuestionType,
} from '../domain/events.js';
import { Optional } from '../../http/validation.js';

const ISO_DATE = { strict: true, strictSeparator: true } as const;
const MAX_STAKEHOLDERS = 1000;

export class AnnounceConsultationRequest extends CommandRequest {
  @ApiProperty({ format: 'uuid', description: 'The cycle it belongs to' })
  @IsUUID()
  cycleId: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "The policy area; omit it for a consultation of the whole cycle (POC only: a council meeting, the draft plan's public consultation)",
  })
  @Optional()
  @IsUUID()
  policyAreaId?: string;

  @ApiProperty({ enum: CONSULTATION_KINDS, example: 'survey' })
  @IsIn(CONSULTATION_KINDS)
  kind: ConsultationKind;

  @ApiProperty({ example: 'Pre-consultation survey: Anti-Corruption', maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional({ example: 'Identifies the main issues and priorities of stakeholders before the thematic consultations.', maxLength: 10000 })
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  description?: string;

  @ApiProperty({ description: 'When it was announced (notice)', example: '2020-07-15T09:00:00Z' })
  @IsISO8601(ISO_DATE)
  announcedAt: string;

  @ApiProperty({ description: 'Not before announcedAt', example: '2020-07-20T09:00:00Z' })
  @IsISO8601(ISO_DATE)
  opensAt: string;

  @ApiProperty({ description: 'After opensAt; contributions are taken until the closure command, whatever this date', example: '2020-08-31T23:59:00Z' })
  @IsISO8601(ISO_DATE)
  closesAt: string;
}

export class InviteStakeholdersRequest extends CommandRequest {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Registered stakeholders; those invited before are skipped', maxItems: MAX_STAKEHOLDERS })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_STAKEHOLDERS)
  @IsUUID(undefined, { each: true })
  stakeholderIds: string[];
}

export class PublishMaterialRequest extends CommandRequest {
  @ApiProperty({ enum: MATERIAL_KINDS, example: 'brief' })
  @IsIn(MATERIAL_KINDS)
  kind: MaterialKind;

  @ApiProperty({ example: 'Policy brief: Anti-Corruption', maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiProperty({ example: 'https://www.opengovpartnership.al/briefs/anti-corruption.pdf', maxLength: 2000 })
  // Intranet links are materials too.
  @IsUrl({ require_tld: false })
  @MaxLength(2000)
  url: string;
}

export class RecordAttendanceRequest extends CommandRequest {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Registered stakeholders present (may be empty); those recorded before are skipped',
    maxItems: MAX_STAKEHOLDERS,
  })
  @IsArray()
  @ArrayMaxSize(MAX_STAKEHOLDERS)
  @IsUUID(undefined, { each: true })
  stakeholderIds: string[];

  @ApiPropertyOptional({ description: 'People present who are not registered stakeholders', example: 4, minimum: 0, maximum: 100000 })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(100000)
  anonymousCount?: number;
}

export class SurveyQuestionDto {
  @ApiProperty({ description: 'Unique in the survey; answers name it', example: 'q1', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  id: string;

  @ApiProperty({ example: 'What are the main obstacles to access to justice in your community?', maxLength: 5000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  text: string;

  @ApiProperty({ enum: QUESTION_TYPES, description: 'Text answers become contributions; choice answers are counted', example: 'text' })
  @IsIn(QUESTION_TYPES)
  type: QuestionType;

  @ApiPropertyOptional({ type: [String], description: 'At least two distinct options for a choice question; none for text', maxItems: 50 })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(300, { each: true })
  options?: string[];
}

export class DefineSurveyRequest extends CommandRequest {
  @ApiProperty({ type: [SurveyQuestionDto], description: 'Fixed once the first response arrives', maxItems: 100 })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SurveyQuestionDto)
  questions: SurveyQuestionDto[];
}

export class SurveyAnswerDto {
  @ApiProperty({ example: 'q1', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  questionId: string;

  @ApiProperty({
    description:
      "One of the options for a choice question; free text for a text question (an individual's text is stored encrypted; blank text is no answer)",
    example: 'Court fees are too high for low-income families.',
    maxLength: 20000,
  })
  @IsString()
  @MaxLength(20000)
  value: string;
}

export class SubmitSurveyResponseRequest extends CommandRequest {
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Who answers. A stakeholder omits it (it answers as itself); the POC or an LFP omits it (or sends null) for an anonymous response',
  })
  @IsOptional()
  @IsUUID()
  stakeholderId?: string | null;

  @ApiProperty({ type: [SurveyAnswerDto], description: 'At most one answer per question', maxItems: 100 })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SurveyAnswerDto)
  answers: SurveyAnswerDto[];

  @ApiPropertyOptional({ description: 'Record it although the consultation is closed; it is then marked late' })
  @Optional()
  @IsBoolean()
  late?: boolean;
}

/** What commands that add something to a consultation (a material, a survey response) answer: `id` is that thing's. */
export class ConsultationPartResponse extends CommandResponse {
  @ApiProperty({ format: 'uuid', description: 'The consultation it belongs to' })
  consultationId: string;
}

export class SurveyResponseAnswer extends ConsultationPartResponse {
  @ApiProperty({ type: [String], format: 'uuid', description: 'The contributions its text answers became; they exist when this answer arrives' })
  contributionIds: string[];
}
