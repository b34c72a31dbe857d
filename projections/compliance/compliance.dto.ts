import { ApiProperty } from '@nestjs/swagger';
import { ComplianceThresholdsResponse } from '../cycles/cycles.dto.js';
import type { ComplianceCheck, ComplianceView, EvidenceEvent } from './compliance.rules.js';

export class EvidenceEventResponse implements EvidenceEvent {
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ example: 'ConsultationAnnounced' }) type: string;
  @ApiProperty({ format: 'date-time', description: 'When it happened in the world' }) occurredAt: string;
  @ApiProperty({ example: 'Consultation announced: "Anti-Corruption thematic meeting" (thematic meeting) opening 2020-10-06 announced 2020-09-21' }) summary: string;
  @ApiProperty({ example: '/v1/events/3f2c7a9e-5b1d-4c8e-9a7f-2d6b8e4c1a05' }) href: string;
}

export class ComplianceCheckResponse implements ComplianceCheck {
  @ApiProperty({
    enum: [
      'forum_meets_regularly',
      'timeline_published_in_advance',
      'consultation_notice',
      'repository_updated',
      'reasoned_response_published',
      'reports_published',
      'draft_publicly_consulted',
      'approval_and_submission_recorded',
    ],
  })
  id: ComplianceCheck['id'];
  @ApiProperty({ example: 'The multi-stakeholder forum meets regularly' }) title: string;
  @ApiProperty({ enum: ['met', 'not_met', 'pending'] }) status: ComplianceCheck['status'];
  @ApiProperty({ example: '0 forum meetings recorded; none before the first consultation opened on 2020-07-20' }) detail: string;
  @ApiProperty({ type: [EvidenceEventResponse], description: 'The events the verdict rests on' }) evidence: EvidenceEventResponse[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'Item by item, what falls short (or what was found)',
    example: [{ kind: 'gap', days: 240 }],
  })
  findings: Record<string, unknown>[];
}

export class ComplianceResponse implements ComplianceView {
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ example: 'Albania NAP 2020–2022' }) title: string;
  @ApiProperty({ format: 'date-time', description: 'The "today" open-ended rules were measured against (about the past: the time asked about)' })
  evaluatedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) approvedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) submittedAt: string | null;
  @ApiProperty({ type: [ComplianceCheckResponse] }) checks: ComplianceCheckResponse[];
  @ApiProperty({ type: () => ComplianceThresholdsResponse }) thresholds: ComplianceThresholdsResponse;
}
