import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CONTRIBUTION_STATUSES } from '../../src/contributions/domain/contribution.decider.js';
import { DECISIONS } from '../../src/contributions/domain/events.js';
import { ListQuery } from '../../src/read-side/pagination.js';
import type { CommitmentItemView, TracedContribution, TraceabilityView } from './commitment-traceability.queries.js';

export const COMMITMENT_STATUSES = ['draft', 'withdrawn'] as const;

export class ListCommitmentsParams extends ListQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() cycleId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() policyAreaId?: string;
  @ApiPropertyOptional({ enum: COMMITMENT_STATUSES }) @IsOptional() @IsIn(COMMITMENT_STATUSES) status?: string;
}

export class CommitmentItemResponse implements CommitmentItemView {
  @ApiProperty({ format: 'uuid' }) commitmentId: string;
  @ApiProperty({ description: 'The current title (a revision may change it)', example: 'Online register of asset declarations' }) title: string;
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ format: 'uuid' }) policyAreaId: string;
  @ApiProperty({ type: String, nullable: true, example: 'Anti-Corruption' }) policyAreaName: string | null;
  @ApiProperty({ enum: COMMITMENT_STATUSES }) status: string;
  @ApiProperty({ description: 'The lead implementing institution, as drafted', example: 'Ministry of Justice' }) leadInstitution: string;
  @ApiProperty({ format: 'date-time' }) draftedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', example: null }) withdrawnAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) withdrawalReason: string | null;
  @ApiProperty({ description: "The commitment stream's revision (the traceability's ETag): If-Match on its commands", example: 2 }) revision: number;
}

export class TracedContributionResponse implements TracedContribution {
  @ApiProperty({ format: 'uuid' }) contributionId: string;
  @ApiProperty({ type: String, enum: DECISIONS, nullable: true, description: 'null where the reader may not see it yet' }) decision: string | null;
  @ApiProperty({ enum: ['response', 'revision'] }) via: 'response' | 'revision';
  @ApiProperty({ type: String, enum: CONTRIBUTION_STATUSES, nullable: true }) status: string | null;
}

export class CommitmentRevisionResponse {
  @ApiProperty({ example: 1 }) revisionNumber: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Only the fields that changed', example: { title: 'Online register of asset declarations' } })
  changes: Record<string, unknown>;
  @ApiProperty({ type: [String], description: 'The contributions the revision answers', example: ['6c1f0a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b'] }) inResponseTo: string[];
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ type: String, nullable: true, example: 'Ministry of Justice' }) actorInstitution: string | null;
}

export class TraceabilityResponse extends CommitmentItemResponse implements TraceabilityView {
  @ApiProperty({ type: [TracedContributionResponse] }) contributions: TracedContributionResponse[];
  @ApiProperty({ type: [CommitmentRevisionResponse] }) revisions: TraceabilityView['revisions'];
}
