import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CONSULTATION_KINDS } from '../../src/consultations/domain/events.js';
import { DECISIONS } from '../../src/contributions/domain/events.js';
import { REPORT_STATUSES } from '../../src/reports/domain/events.js';
import { ListQuery } from '../../src/read-side/pagination.js';
import type { ConsultationItemView, ConsultationSummaryView } from './consultation-summary.queries.js';

export class ListConsultationsParams extends ListQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() cycleId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() policyAreaId?: string;
  @ApiPropertyOptional({ enum: CONSULTATION_KINDS }) @IsOptional() @IsIn(CONSULTATION_KINDS) kind?: string;
}

export class ConsultationItemResponse implements ConsultationItemView {
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) policyAreaId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Anti-Corruption' }) policyAreaName: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The policy area's lead, or the POC institution outside any area", example: 'Ministry of Justice' })
  leadInstitution: string | null;
  @ApiProperty({ enum: CONSULTATION_KINDS }) kind: string;
  @ApiProperty({ example: 'Anti-Corruption thematic meeting, 6 October 2020' }) title: string;
  @ApiProperty({ format: 'date-time' }) announcedAt: string;
  @ApiProperty({ format: 'date-time' }) opensAt: string;
  @ApiProperty({ format: 'date-time' }) closesAt: string;
  @ApiProperty() closed: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt: string | null;
  @ApiProperty({ enum: ['none', ...REPORT_STATUSES], description: "The latest report's status" }) reportStatus: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) reportId: string | null;
  @ApiProperty({ description: "The consultation stream's revision (the summary's ETag): If-Match on its commands", example: 4 }) revision: number;
}

const byDecisionExample = Object.fromEntries(DECISIONS.map((d, i) => [d, i === 1 ? 2 : 0]));

export class ConsultationSummaryResponse extends ConsultationItemResponse implements ConsultationSummaryView {
  @ApiProperty({ description: 'Every contribution, withdrawn ones included', example: 5 }) received: number;
  @ApiProperty({ example: 1 }) withdrawn: number;
  @ApiProperty({ description: 'Not withdrawn and addressed (see GET /v1/contributions/:id/accountability)', example: 3 }) addressed: number;
  @ApiProperty({ description: 'addressed + unaddressed = received − withdrawn', example: 1 }) unaddressed: number;
  @ApiProperty({ description: 'Received after closure', example: 0 }) late: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'The contributions not withdrawn, by their current (for duplicates, inherited) decision; every decision present',
    example: byDecisionExample,
  })
  byDecision: Record<(typeof DECISIONS)[number], number>;
  @ApiProperty({ enum: ['all', 'published'], description: 'published: anonymous callers and stakeholders count published responses only' })
  decisionsCounted: 'all' | 'published';
}
