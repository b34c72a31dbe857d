import { ApiProperty } from '@nestjs/swagger';
import type { ContributionHistoryView, HistoryEntry } from './contribution-history.queries.js';

class HistoryActorResponse {
  @ApiProperty({ example: 'lfp-moj' }) id: string;
  @ApiProperty({ enum: ['poc', 'lfp', 'stakeholder', 'auditor', 'system'] }) role: string;
}

export class HistoryEntryResponse implements HistoryEntry {
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ example: 'ContributionResponded' }) type: string;
  @ApiProperty({ example: 'contribution-6c1f0a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b' }) streamId: string;
  @ApiProperty({ example: 1 }) revision: number;
  @ApiProperty({ example: '1234:5678' }) position: string;
  @ApiProperty({ type: String, nullable: true, enum: ['duplicate', 'commitment_revision', 'report'], description: "null: the contribution's own stream" })
  link: HistoryEntry['link'];
  @ApiProperty({ type: () => HistoryActorResponse }) actor: HistoryActorResponse;
  @ApiProperty({ type: String, nullable: true, example: 'Ministry of Justice' }) institution: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { decision: 'partially_accepted', rationale: 'Included as milestone 2' } }) data: Record<string, unknown>;
  @ApiProperty({ type: [String], description: 'Personal fields of an erased person (null for everyone)', example: [] }) erased: string[];
  @ApiProperty({ type: [String], description: 'Personal fields this reader may not see (null)', example: [] }) withheld: string[];
  @ApiProperty({ type: [String], description: 'Text hidden because the contribution was redacted (also in the past)', example: [] }) redacted: string[];
}

export class ContributionHistoryResponse implements ContributionHistoryView {
  @ApiProperty({ format: 'uuid' }) contributionId: string;
  @ApiProperty({ type: String, nullable: true, example: null }) asOf: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) asOfOccurred: string | null;
  @ApiProperty({ type: [HistoryEntryResponse], description: 'In log order' }) events: HistoryEntryResponse[];
}
