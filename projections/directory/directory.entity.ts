import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The names a person recognises things by, kept apart from the views that show them: a view
 * joins these at read time (a renamed commitment is one row here, not a rewrite of every
 * contribution that links it).
 */
@Entity({ name: 'directory_policy_area' })
export class DirectoryPolicyAreaRow {
  @PrimaryColumn('uuid', { name: 'policy_area_id' }) policyAreaId: string;
  @Column('uuid', { name: 'cycle_id' }) cycleId: string;
  @Column('text') name: string;
  @Column('text', { name: 'lead_institution' }) leadInstitution: string;
  @Column('text') position: string;
}

@Entity({ name: 'directory_consultation' })
export class DirectoryConsultationRow {
  @PrimaryColumn('uuid', { name: 'consultation_id' }) consultationId: string;
  @Column('uuid', { name: 'cycle_id' }) cycleId: string;
  @Column('uuid', { name: 'policy_area_id', nullable: true }) policyAreaId: string | null;
  @Column('text') kind: string;
  @Column('text') title: string;
  /** The policy area's lead, or the cycle's POC institution for a consultation outside any area. */
  @Column('text', { name: 'lead_institution' }) leadInstitution: string;
  @Column('text') position: string;
}

@Entity({ name: 'directory_commitment' })
export class DirectoryCommitmentRow {
  @PrimaryColumn('uuid', { name: 'commitment_id' }) commitmentId: string;
  @Column('uuid', { name: 'cycle_id' }) cycleId: string;
  @Column('uuid', { name: 'policy_area_id' }) policyAreaId: string;
  /** The current title (a revision may change it). */
  @Column('text') title: string;
  @Column('text') position: string;
}

/** Registered stakeholders. An individual's name and anyone's email stay encrypted envelopes here. */
@Entity({ name: 'directory_stakeholder' })
@Index('directory_stakeholder_order', ['registeredAt', 'stakeholderId'])
export class DirectoryStakeholderRow {
  @PrimaryColumn('uuid', { name: 'stakeholder_id' }) stakeholderId: string;
  @Column('text') kind: string;
  /** A string (organisations), or the encrypted envelope of an individual's name. */
  @Column('jsonb') name: unknown;
  /** Lower-cased name of an organisation, for ?q= (null for individuals: their names are encrypted). */
  @Column('text', { name: 'search_name', nullable: true }) searchName: string | null;
  @Column('jsonb', { nullable: true }) email: unknown;
  @Column('text', { name: 'registry_ref', nullable: true }) registryRef: string | null;
  @Column('timestamptz', { name: 'registered_at' }) registeredAt: Date;
  /** PersonalDataErased: the person's key is destroyed. */
  @Column('boolean') erased: boolean;
  @Column('text') position: string;
}
