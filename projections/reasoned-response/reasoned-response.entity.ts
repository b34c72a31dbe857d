import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { OutcomeRow } from '../shared/outcome-row.js';

/** The cycles the matrix can be asked for (an unknown cycle is a 404, a cycle without rows is not). */
@Entity({ name: 'reasoned_response_cycle' })
export class ReasonedResponseCycleRow {
  @PrimaryColumn('uuid', { name: 'cycle_id' }) cycleId: string;
  @Column('text') position: string;
}

/**
 * One row per contribution of every cycle (a duplicate shows its canonical's response, so every
 * canonical must be here); the matrix is the published, not withdrawn ones.
 */
@Entity({ name: 'reasoned_response' })
@Index('reasoned_response_published', ['cycleId', 'receivedAt', 'contributionId'], { where: 'published_at IS NOT NULL AND NOT withdrawn' })
@Index('reasoned_response_root', ['canonicalRoot'])
export class ReasonedResponseRow extends OutcomeRow {
  @Column('uuid', { name: 'cycle_id' }) cycleId: string;
  @Column('uuid', { name: 'consultation_id' }) consultationId: string;
  @Column('uuid', { name: 'policy_area_id', nullable: true }) policyAreaId: string | null;
  @Column('text') channel: string;
  /** The body as it may be published: null for an individual's (personal data) or a redacted one. */
  @Column('text', { name: 'public_body', nullable: true }) publicBody: string | null;
  @Column('timestamptz', { name: 'received_at' }) receivedAt: Date;
  /** Its own first response's occurredAt (a duplicate shows its canonical's, joined at read time). */
  @Column('timestamptz', { name: 'responded_at', nullable: true }) respondedAt: Date | null;
  /** The institution of its own current response's responder. */
  @Column('text', { name: 'responded_by_institution', nullable: true }) respondedByInstitution: string | null;
}
