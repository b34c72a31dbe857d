import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { OutcomeRow } from '../shared/outcome-row.js';

@Entity({ name: 'stakeholder_contributions_stakeholder' })
export class StakeholderRow {
  @PrimaryColumn('uuid', { name: 'stakeholder_id' }) stakeholderId: string;
  @Column('text') kind: string;
  /** As the event holds it: an individual's name is an encrypted envelope (decrypted when read, for those allowed). */
  @Column('jsonb') name: unknown;
  @Column('timestamptz', { name: 'registered_at' }) registeredAt: Date;
  /** Log position of the last event that changed this row (every table of the model keeps one). */
  @Column('text') position: string;
}

/** What the invitation and attendance lists name a consultation by. */
@Entity({ name: 'stakeholder_contributions_consultation' })
export class StakeholderConsultationRow {
  @PrimaryColumn('uuid', { name: 'consultation_id' }) consultationId: string;
  @Column('uuid', { name: 'cycle_id' }) cycleId: string;
  @Column('uuid', { name: 'policy_area_id', nullable: true }) policyAreaId: string | null;
  @Column('text') kind: string;
  @Column('text') title: string;
  @Column('timestamptz', { name: 'opens_at' }) opensAt: Date;
  @Column('timestamptz', { name: 'closes_at' }) closesAt: Date;
  @Column('text') position: string;
}

@Entity({ name: 'stakeholder_contributions_invitation' })
export class StakeholderInvitationRow {
  @PrimaryColumn('uuid', { name: 'stakeholder_id' }) stakeholderId: string;
  @PrimaryColumn('uuid', { name: 'consultation_id' }) consultationId: string;
  @Column('uuid', { name: 'cycle_id' }) cycleId: string;
  @Column('timestamptz', { name: 'invited_at' }) invitedAt: Date;
  @Column('text') position: string;
}

@Entity({ name: 'stakeholder_contributions_attendance' })
export class StakeholderAttendanceRow {
  @PrimaryColumn('uuid', { name: 'stakeholder_id' }) stakeholderId: string;
  @PrimaryColumn('uuid', { name: 'consultation_id' }) consultationId: string;
  @Column('uuid', { name: 'cycle_id' }) cycleId: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
  @Column('text') position: string;
}

/**
 * One row per contribution, anonymous ones included: a stakeholder's duplicate shows the response
 * of a canonical that may be anyone's.
 */
@Entity({ name: 'stakeholder_contributions_contribution' })
@Index('stakeholder_contributions_contribution_stakeholder', ['stakeholderId', 'receivedAt', 'contributionId'])
@Index('stakeholder_contributions_contribution_root', ['canonicalRoot'])
export class StakeholderContributionRow extends OutcomeRow {
  @Column('uuid', { name: 'stakeholder_id', nullable: true }) stakeholderId: string | null;
  @Column('uuid', { name: 'cycle_id' }) cycleId: string;
  @Column('uuid', { name: 'consultation_id' }) consultationId: string;
  @Column('uuid', { name: 'policy_area_id', nullable: true }) policyAreaId: string | null;
  @Column('text') channel: string;
  /** A string, or the encrypted envelope of an individual's text. */
  @Column('jsonb') body: unknown;
  @Column('uuid', { name: 'commitment_id', nullable: true }) commitmentId: string | null;
  @Column('timestamptz', { name: 'received_at' }) receivedAt: Date;
  @Column('boolean') late: boolean;
  @Column('boolean') redacted: boolean;
  @Column('text', { name: 'redaction_reason', nullable: true }) redactionReason: string | null;
  @Column('timestamptz', { name: 'withdrawn_at', nullable: true }) withdrawnAt: Date | null;
  @Column('text', { name: 'withdrawal_reason', nullable: true }) withdrawalReason: string | null;
}
