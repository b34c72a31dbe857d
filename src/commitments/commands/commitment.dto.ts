import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CommandRequest } from '../../http/command-meta.js';
import { OGP_VALUES, type OgpValue } from '../domain/events.js';
import { Optional } from '../../http/validation.js';

const MAX_MILESTONES = 50;

export class MilestoneRequest {
  @ApiProperty({ example: 'Online register of asset declarations of senior officials launched', maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiProperty({ example: '2021-06-30' })
  @IsISO8601({ strict: true, strictSeparator: true })
  dueDate: string;
}

export class DraftCommitmentRequest extends CommandRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  cycleId: string;

  @ApiProperty({ format: 'uuid', description: 'The policy area; an LFP drafts only in the areas its institution leads' })
  @IsUUID()
  policyAreaId: string;

  @ApiProperty({ example: 'Transparency of asset declarations of senior officials', maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiProperty({ description: 'The problem the commitment addresses', maxLength: 20000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  problem: string;

  @ApiProperty({ description: 'What the commitment does', maxLength: 20000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  description: string;

  @ApiProperty({ enum: OGP_VALUES, isArray: true, description: 'Its relevance to the OGP values: at least one, each once' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(OGP_VALUES.length)
  @ArrayUnique()
  @IsIn(OGP_VALUES, { each: true })
  ogpValues: OgpValue[];

  @ApiProperty({ type: [MilestoneRequest], description: 'At least one', maxItems: MAX_MILESTONES })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_MILESTONES)
  @ValidateNested({ each: true })
  @Type(() => MilestoneRequest)
  milestones: MilestoneRequest[];

  @ApiProperty({ description: 'The lead implementing institution', example: 'Ministry of Justice', maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  leadInstitution: string;

  @ApiPropertyOptional({ type: [String], example: ['High Inspectorate of Declaration and Audit of Assets'], maxItems: 20 })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(300, { each: true })
  supportingInstitutions?: string[];
}

export class ReviseCommitmentRequest extends CommandRequest {
  @ApiPropertyOptional({ maxLength: 300 })
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ maxLength: 20000 })
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  problem?: string;

  @ApiPropertyOptional({ maxLength: 20000 })
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ enum: OGP_VALUES, isArray: true })
  @Optional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(OGP_VALUES.length)
  @ArrayUnique()
  @IsIn(OGP_VALUES, { each: true })
  ogpValues?: OgpValue[];

  @ApiPropertyOptional({ type: [MilestoneRequest], description: 'Replaces the milestones', maxItems: MAX_MILESTONES })
  @Optional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_MILESTONES)
  @ValidateNested({ each: true })
  @Type(() => MilestoneRequest)
  milestones?: MilestoneRequest[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'The contributions that caused this revision', maxItems: 1000 })
  @Optional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID(undefined, { each: true })
  inResponseTo?: string[];
}

export class WithdrawCommitmentRequest extends CommandRequest {
  @ApiPropertyOptional({ maxLength: 2000 })
  @Optional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
