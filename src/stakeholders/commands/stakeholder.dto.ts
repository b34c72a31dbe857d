import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CommandRequest } from '../../http/command-meta.js';
import { STAKEHOLDER_KINDS, type StakeholderKind } from '../domain/stakeholder.decider.js';
import { Optional } from '../../http/validation.js';

export class RegisterStakeholderRequest extends CommandRequest {
  @ApiProperty({ enum: STAKEHOLDER_KINDS, example: 'cso' })
  @IsIn(STAKEHOLDER_KINDS)
  kind: StakeholderKind;

  @ApiProperty({ description: "An individual's name is personal data: stored encrypted, erasable", example: 'Albanian Helsinki Committee', maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  @ApiPropertyOptional({ description: 'Contact detail: stored encrypted, erasable', maxLength: 254 })
  @Optional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ description: 'Reference in a public registry (e.g. the Agency for Support of Civil Society list)', maxLength: 100 })
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  registryRef?: string;
}

export class EraseStakeholderRequest extends CommandRequest {
  @ApiProperty({ description: 'Why (e.g. the request reference); kept in the record', maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}
