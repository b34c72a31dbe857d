import { ApiProperty } from '@nestjs/swagger';
import { DECISIONS, type Decision } from '../../src/contributions/domain/events.js';
import type { PolicyAreaDashboardView } from './policy-area-dashboard.queries.js';

export class PolicyAreaDashboardResponse implements PolicyAreaDashboardView {
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ format: 'uuid' }) policyAreaId: string;
  @ApiProperty({ example: 'Anti-Corruption' }) name: string;
  @ApiProperty({ example: 'Ministry of Justice' }) leadInstitution: string;
  @ApiProperty({ description: 'Every contribution to the area, withdrawn ones included', example: 12 }) contributions: number;
  @ApiProperty({ example: 1 }) withdrawn: number;
  @ApiProperty({ description: 'Not withdrawn, with a response (a duplicate: its canonical\'s)', example: 7 }) responded: number;
  @ApiProperty({ type: Number, nullable: true, description: 'responded / (contributions − withdrawn), to 3 decimals (0.636 = 63.6 %); null when nothing is left to answer', example: 0.636 })
  responseRate: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Median whole days from receipt to the first response, to 1 decimal', example: 5.5 }) medianDaysToResponse: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Within this many days 90 % were answered', example: 12 }) p90DaysToResponse: number | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: Object.fromEntries(DECISIONS.map((d) => [d, 1])) })
  byDecision: Record<Decision, number>;
  @ApiProperty({ enum: ['all', 'published'] }) decisionsCounted: 'all' | 'published';
  @ApiProperty({ description: 'Not withdrawn, not a duplicate, no response, received at least overdueAfterDays ago', example: 2 }) overdue: number;
  @ApiProperty({ example: 30 }) overdueAfterDays: number;
}
