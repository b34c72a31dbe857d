import { ApiProperty } from '@nestjs/swagger';
import { CONTRIBUTION_STATUSES } from '../../src/contributions/domain/contribution.decider.js';
import { CHANNELS, DECISIONS } from '../../src/contributions/domain/events.js';
import type { AccountabilityView } from './accountability.queries.js';

export const ADDRESSED_DESCRIPTION =
  'true when the contribution (or, for a duplicate, the contribution it duplicates) has a reasoned response that the POC has not sent back ' +
  'for revision. A response the POC has not reviewed yet counts as addressed; one sent back (revision_requested) does not until it is ' +
  'answered again. Anonymous callers see only published contributions, so for them addressed means published.';

export class RespondedBy {
  @ApiProperty({ type: String, nullable: true, description: 'The responder (null for anonymous callers)', example: 'lfp-moj' }) id: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Ministry of Justice' }) institution: string | null;
}

/** GET /v1/contributions/:id/accountability: "was this addressed?" */
export class AccountabilityResponse implements AccountabilityView {
  @ApiProperty({ format: 'uuid' }) contributionId: string;
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty({ type: String, nullable: true, example: 'Anti-Corruption thematic meeting, 6 October 2020' }) consultationTitle: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) policyAreaId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Anti-Corruption' }) policyAreaName: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The policy area's Lead Focal Point institution", example: 'Ministry of Justice' })
  leadInstitution: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'null for an individual, to those who may not read personal data', example: '9b2f6c1e-0d4a-4e7b-8c3f-5a1d2e9b7c64' })
  stakeholderId: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "An organisation's name; an individual's only to officials and the person, and to no one after erasure",
    example: 'Albanian Helsinki Committee',
  })
  stakeholderName: string | null;
  @ApiProperty({ enum: CHANNELS }) channel: string;
  @ApiProperty({ type: String, nullable: true, description: 'null where the reader may not see it: personal data, redacted, erased', example: 'Publish asset declarations online' })
  body: string | null;
  @ApiProperty({ description: "The person's data was erased: no one can read the text any more" }) bodyErased: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The commitment the contribution comments on, if any' }) commitmentId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Online register of asset declarations' }) commitmentTitle: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ description: 'Received after the consultation closed' }) late: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'Where it came from: { kind: survey_response, responseId, questionId } or null', example: null })
  source: unknown;
  @ApiProperty({ enum: CONTRIBUTION_STATUSES }) status: string;
  @ApiProperty({ description: ADDRESSED_DESCRIPTION }) addressed: boolean;
  @ApiProperty({ type: String, enum: DECISIONS, nullable: true }) decision: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Included as milestone 2 of the asset declarations commitment' }) rationale: string | null;
  @ApiProperty({ type: [String], format: 'uuid', example: ['5c0e2b8a-7f3d-4a61-b9e2-1d8c6f4a2e07'] }) commitmentIds: string[];
  @ApiProperty({
    type: 'array',
    items: { type: 'string', nullable: true },
    description: 'The titles of commitmentIds, in the same order',
    example: ['Online register of asset declarations'],
  })
  commitmentTitles: (string | null)[];
  @ApiProperty({ example: 1, description: 'How many responses it has had (0: none)' }) responseNumber: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: "The first response's occurredAt" }) respondedAt: string | null;
  @ApiProperty({ type: () => RespondedBy, nullable: true, description: 'Who answered last' }) respondedBy: RespondedBy | null;
  @ApiProperty({ type: String, nullable: true, enum: ['endorsed', 'revision_requested'] }) reviewVerdict: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Internal: officials and the author only', example: null }) reviewComment: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) publishedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: null }) duplicateOf: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Whole days from receipt to the first response', example: 9 }) daysToResponse: number | null;
  @ApiProperty() withdrawn: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', example: null }) withdrawnAt: string | null;
  @ApiProperty() redacted: boolean;
  @ApiProperty({ type: String, nullable: true, example: null }) redactionReason: string | null;
  @ApiProperty({ description: "The contribution stream's revision (also the ETag): If-Match on its commands", example: 3 }) revision: number;
  @ApiProperty({ description: 'The log position of the last event the answer reflects', example: '1234:5678' }) position: string;
}
