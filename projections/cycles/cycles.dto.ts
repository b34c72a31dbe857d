import { ApiProperty } from '@nestjs/swagger';
import { STAGES } from '../../src/cycles/domain/events.js';
import type { CycleView } from './cycles.queries.js';

export class CyclePolicyAreaResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Anti-Corruption' }) name: string;
  @ApiProperty({ description: 'The Lead Focal Point institution', example: 'Ministry of Justice' }) leadInstitution: string;
}

export class CycleApprovalResponse {
  @ApiProperty({ example: 'Integrated Policy Management Group (GMIP)' }) body: string;
  @ApiProperty({ example: 'GMIP decision no. 3, 2020' }) decisionRef: string;
  @ApiProperty({ example: '2020-12-10' }) approvedAt: string;
}

export class CycleSubmissionResponse {
  @ApiProperty({ example: '2020-12-22' }) submittedAt: string;
}

export class ComplianceThresholdsResponse {
  @ApiProperty({ example: 183 }) forumMaxGapDays: number;
  @ApiProperty({ example: 14 }) timelineNoticeDays: number;
  @ApiProperty({ example: 14 }) consultationNoticeDays: number;
  @ApiProperty({ example: 2 }) repositoryUpdatesPerYear: number;
}

export class CycleResponse implements CycleView {
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ example: 'Albania' }) country: string;
  @ApiProperty({ example: 'Albania NAP 2020–2022' }) title: string;
  @ApiProperty({ description: 'As recorded (an ISO 8601 date or date-time)', example: '2020-09-01' }) periodStart: string;
  @ApiProperty({ example: '2022-08-31' }) periodEnd: string;
  @ApiProperty({ example: 'Office of the Prime Minister' }) pocInstitution: string;
  @ApiProperty({ type: String, nullable: true, example: null }) methodology: string | null;
  @ApiProperty({ enum: STAGES }) stage: string;
  @ApiProperty({ type: [CyclePolicyAreaResponse], description: 'In the order they were added' }) policyAreas: CyclePolicyAreaResponse[];
  @ApiProperty({ type: () => CycleApprovalResponse, nullable: true, example: null }) approval: CycleApprovalResponse | null;
  @ApiProperty({ type: () => CycleSubmissionResponse, nullable: true, example: null }) submission: CycleSubmissionResponse | null;
  @ApiProperty({ type: () => ComplianceThresholdsResponse }) thresholds: ComplianceThresholdsResponse;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ description: "The cycle stream's revision (also the ETag): If-Match on its commands", example: 12 }) revision: number;
  @ApiProperty({ description: 'The log position of the last event the answer reflects', example: '1234:5678' }) position: string;
}
