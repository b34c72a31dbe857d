import { Column, Entity, PrimaryColumn } from 'typeorm';

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

