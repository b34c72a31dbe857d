import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { REPORT_STATUSES } from '../../src/reports/domain/events.js';
import { ListQuery } from '../../src/read-side/pagination.js';
import type { ReportView } from './reports.queries.js';

export class ListReportsParams extends ListQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() cycleId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() consultationId?: string;
  @ApiPropertyOptional({ enum: REPORT_STATUSES }) @IsOptional() @IsIn(REPORT_STATUSES) status?: string;
}

export class FeedbackItemResponse {
  @ApiProperty({ example: 'Participation' }) section: string;
  @ApiProperty({ example: 'List the CSOs that attended and what each proposed.' }) comment: string;
}

export class FeedbackRoundResponse {
  @ApiProperty({ example: 1 }) round: number;
  @ApiProperty({ type: [FeedbackItemResponse] }) items: FeedbackItemResponse[];
  @ApiProperty({ format: 'date-time' }) givenAt: string;
}

export class ReportResponse implements ReportView {
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty({ type: String, nullable: true, example: 'Anti-Corruption thematic meeting, 6 October 2020' }) consultationTitle: string | null;
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) policyAreaId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Anti-Corruption' }) policyAreaName: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Ministry of Justice' }) leadInstitution: string | null;
  @ApiProperty({ enum: REPORT_STATUSES }) status: string;
  @ApiProperty({ example: 'Twelve CSOs attended; five contributions recorded.' }) summary: string;
  @ApiProperty({ type: [String], example: ['6c1f0a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b'] }) contributionIds: string[];
  @ApiProperty({ description: 'How many revisions it has had', example: 1 }) revisionNumber: number;
  @ApiProperty({ type: [FeedbackRoundResponse], description: "The POC's structured feedback, round by round" }) feedback: FeedbackRoundResponse[];
  @ApiProperty({ format: 'date-time' }) draftedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) submittedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) acceptedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) publishedAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'https://www.opengovpartnership.al/reports/anti-corruption.pdf' }) url: string | null;
  @ApiProperty({ description: "The report stream's revision (also the ETag): If-Match on its commands", example: 4 }) revision: number;
  @ApiProperty({ example: '1234:5678' }) position: string;
}
