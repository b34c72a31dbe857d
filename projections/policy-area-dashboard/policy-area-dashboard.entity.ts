import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { OutcomeRow } from '../shared/outcome-row.js';

/** One row per policy area: its name and lead institution (LFP). */
@Entity({ name: 'policy_area_dashboard' })
export class PolicyAreaDashboardRow {
  @PrimaryColumn('uuid', { name: 'policy_area_id' }) policyAreaId: string;
  @Column('uuid', { name: 'cycle_id' }) cycleId: string;
  @Column('text') name: string;
  @Column('text', { name: 'lead_institution' }) leadInstitution: string;
  /** Log position of the last event that changed this row. */
  @Column('text') position: string;
}

/**
 * One row per contribution (of every area, and of none: a duplicate may follow a canonical
 * outside its area), aggregated per area at query time. Overdue needs "now", so it is never stored.
 */
@Entity({ name: 'policy_area_dashboard_contribution' })
@Index('policy_area_dashboard_contribution_area', ['policyAreaId'])
@Index('policy_area_dashboard_contribution_root', ['canonicalRoot'])
export class PolicyAreaDashboardContributionRow extends OutcomeRow {
  @Column('uuid', { name: 'cycle_id' }) cycleId: string;
  @Column('uuid', { name: 'policy_area_id', nullable: true }) policyAreaId: string | null;
  @Column('timestamptz', { name: 'received_at' }) receivedAt: Date;
  /** The first response's occurredAt (a later response does not move it). */
  @Column('timestamptz', { name: 'responded_at', nullable: true }) respondedAt: Date | null;
  /** Whole days from receivedAt to respondedAt. */
  @Column('integer', { name: 'days_to_response', nullable: true }) daysToResponse: number | null;
}
