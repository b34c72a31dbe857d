import { ApiProperty } from '@nestjs/swagger';
import { CONTRIBUTION_STATUSES } from '../../src/contributions/domain/contribution.decider.js';
import { CHANNELS, DECISIONS } from '../../src/contributions/domain/events.js';
import { STAKEHOLDER_KINDS } from '../../src/stakeholders/domain/events.js';
import type { StakeholderContributionView } from './stakeholder-contributions.queries.js';

export class StakeholderContributionResponse implements StakeholderContributionView {
  @ApiProperty({ format: 'uuid' }) contributionId: string;
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty({ type: String, nullable: true, example: 'Anti-Corruption thematic meeting, 6 October 2020' }) consultationTitle: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'thematic_meeting' }) consultationKind: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) policyAreaId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Anti-Corruption' }) policyAreaName: string | null;
  @ApiProperty({ enum: CHANNELS }) channel: string;
  @ApiProperty({ type: String, nullable: true, example: 'Publish asset declarations online' }) body: string | null;
  @ApiProperty() bodyErased: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: null }) commitmentId: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty() late: boolean;
  @ApiProperty({ enum: CONTRIBUTION_STATUSES }) status: string;
  @ApiProperty({ description: 'A reasoned response the POC has not sent back for revision (an unreviewed one counts)' }) addressed: boolean;
  @ApiProperty({ type: String, enum: DECISIONS, nullable: true }) decision: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Included as milestone 2' }) rationale: string | null;
  @ApiProperty({ type: [String], example: ['5c0e2b8a-7f3d-4a61-b9e2-1d8c6f4a2e07'] }) commitmentIds: string[];
  @ApiProperty({ type: 'array', items: { type: 'string', nullable: true }, example: ['Online register of asset declarations'] }) commitmentTitles: (string | null)[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) publishedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: null }) duplicateOf: string | null;
  @ApiProperty() withdrawn: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', example: null }) withdrawnAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) withdrawalReason: string | null;
  @ApiProperty() redacted: boolean;
  @ApiProperty({ type: String, nullable: true, example: null }) redactionReason: string | null;
}

export class StakeholderSummaryResponse {
  @ApiProperty({ format: 'uuid' }) stakeholderId: string;
  @ApiProperty({ enum: STAKEHOLDER_KINDS }) kind: string;
  @ApiProperty({ type: String, nullable: true, example: 'Albanian Helsinki Committee' }) name: string | null;
  @ApiProperty() nameErased: boolean;
}

export class ConsultationRefResponse {
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) policyAreaId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Anti-Corruption thematic meeting' }) title: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'thematic_meeting' }) kind: string | null;
}

export class InvitationResponse extends ConsultationRefResponse {
  @ApiProperty({ format: 'date-time' }) invitedAt: string;
  @ApiProperty() attended: boolean;
}

export class AttendanceResponse extends ConsultationRefResponse {
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class StakeholderContributionsResponse {
  @ApiProperty({ type: () => StakeholderSummaryResponse }) stakeholder: StakeholderSummaryResponse;
  @ApiProperty({ type: [StakeholderContributionResponse] }) items: StakeholderContributionResponse[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
  @ApiProperty({ type: [InvitationResponse], description: 'Every consultation it was invited to (not paginated)' }) invitations: InvitationResponse[];
  @ApiProperty({ type: [AttendanceResponse] }) attendance: AttendanceResponse[];
}
