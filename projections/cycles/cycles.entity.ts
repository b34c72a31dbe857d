import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ComplianceThresholds } from '../../src/cycles/domain/events.js';

export interface CyclePolicyArea {
  id: string;
  name: string;
  leadInstitution: string;
}

export interface CycleApproval {
  body: string;
  decisionRef: string;
  approvedAt: string;
}

/** One row per cycle: where it stands now. */
@Entity({ name: 'cycles' })
@Index('cycles_period', ['periodStart', 'cycleId'])
export class CycleRow {
  @PrimaryColumn('uuid', { name: 'cycle_id' }) cycleId: string;
  @Column('text') country: string;
  @Column('text') title: string;
  /** As recorded (an ISO 8601 date or date-time). */
  @Column('text', { name: 'period_start' }) periodStart: string;
  @Column('text', { name: 'period_end' }) periodEnd: string;
  @Column('text', { name: 'poc_institution' }) pocInstitution: string;
  @Column('text', { nullable: true }) methodology: string | null;
  @Column('text') stage: string;
  /** In the order they were added. */
  @Column('jsonb', { name: 'policy_areas' }) policyAreas: CyclePolicyArea[];
  @Column('jsonb', { nullable: true }) approval: CycleApproval | null;
  @Column('jsonb', { nullable: true }) submission: { submittedAt: string } | null;
  /** The effective thresholds: the defaults until ComplianceThresholdsSet. */
  @Column('jsonb') thresholds: ComplianceThresholds;
  @Column('timestamptz', { name: 'opened_at' }) openedAt: Date;
  /** The cycle stream's revision (ETag, If-Match). */
  @Column('integer') revision: number;
  /** Log position of the last event that changed this row. */
  @Column('text') position: string;
}
