import { Column, Entity, Index } from 'typeorm';
import { OutcomeRow } from '../shared/outcome-row.js';

/**
 * One row per contribution: "was this addressed?". The outcome columns (OutcomeRow) hold its own
 * response (`own*`) and what it shows, which for a duplicate is its canonical's.
 */
@Entity({ name: 'accountability' })
@Index('accountability_cycle', ['cycleId', 'receivedAt', 'contributionId'])
@Index('accountability_consultation', ['consultationId', 'receivedAt', 'contributionId'])
@Index('accountability_stakeholder', ['stakeholderId', 'receivedAt', 'contributionId'])
@Index('accountability_policy_area', ['policyAreaId'])
@Index('accountability_published', ['cycleId', 'receivedAt', 'contributionId'], { where: 'published_at IS NOT NULL AND NOT withdrawn' })
@Index('accountability_root', ['canonicalRoot'])
// GIN on commitment_ids (`@>` lookups): declared in the migration, which TypeORM cannot express.
@Index('accountability_commitments', { synchronize: false })
export class AccountabilityRow extends OutcomeRow {
  @Column('uuid', { name: 'cycle_id' }) cycleId: string;
  @Column('uuid', { name: 'consultation_id' }) consultationId: string;
  @Column('uuid', { name: 'policy_area_id', nullable: true }) policyAreaId: string | null;
  @Column('text', { name: 'lead_institution', nullable: true }) leadInstitution: string | null;
  @Column('text', { name: 'stakeholder_id', nullable: true }) stakeholderId: string | null;
  /** The contributor is an individual: body and identity are personal data. */
  @Column('boolean', { name: 'personal' }) personal: boolean;
  @Column('text') channel: string;
  /** A string, or the encrypted envelope (decrypted when read, for those allowed). */
  @Column('jsonb') body: unknown;
  @Column('uuid', { name: 'commitment_id', nullable: true }) commitmentId: string | null;
  @Column('timestamptz', { name: 'received_at' }) receivedAt: Date;
  @Column('boolean') late: boolean;
  @Column('jsonb', { nullable: true }) source: unknown;
  @Column('boolean') redacted: boolean;
  @Column('text', { name: 'redaction_reason', nullable: true }) redactionReason: string | null;
  @Column('timestamptz', { name: 'withdrawn_at', nullable: true }) withdrawnAt: Date | null;
  @Column('text', { name: 'withdrawal_reason', nullable: true }) withdrawalReason: string | null;

  @Column('integer', { name: 'response_number' }) responseNumber: number;
  @Column('text', { name: 'review_comment', nullable: true }) reviewComment: string | null;
  @Column('timestamptz', { name: 'responded_at', nullable: true }) respondedAt: Date | null;
  @Column('timestamptz', { name: 'last_responded_at', nullable: true }) lastRespondedAt: Date | null;
  @Column('jsonb', { name: 'responded_by', nullable: true }) respondedBy: { id: string; institution: string | null } | null;
  @Column('integer', { name: 'days_to_response', nullable: true }) daysToResponse: number | null;
  /** The contribution stream's revision (ETag, If-Match). */
  @Column('integer') revision: number;
}
