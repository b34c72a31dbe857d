import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CommitmentChanges } from '../../src/commitments/domain/events.js';

/** One row per commitment, as it stands now. */
@Entity({ name: 'commitment_traceability' })
@Index('commitment_traceability_cycle', ['cycleId', 'draftedAt', 'commitmentId'])
export class CommitmentTraceabilityRow {
  @PrimaryColumn('uuid', { name: 'commitment_id' }) commitmentId: string;
  @Column('uuid', { name: 'cycle_id' }) cycleId: string;
  @Column('uuid', { name: 'policy_area_id' }) policyAreaId: string;
  /** The current title (a revision may change it). */
  @Column('text') title: string;
  /** draft | withdrawn */
  @Column('text') status: string;
  @Column('text', { name: 'lead_institution' }) leadInstitution: string;
  @Column('timestamptz', { name: 'drafted_at' }) draftedAt: Date;
  @Column('timestamptz', { name: 'withdrawn_at', nullable: true }) withdrawnAt: Date | null;
  @Column('text', { name: 'withdrawal_reason', nullable: true }) withdrawalReason: string | null;
  /** The commitment stream's revision (ETag, If-Match). */
  @Column('integer') revision: number;
  /** Log position of the last event that changed this row (every table of the model keeps one). */
  @Column('text') position: string;
}

@Entity({ name: 'commitment_traceability_revision' })
export class CommitmentRevisionRow {
  @PrimaryColumn('uuid', { name: 'commitment_id' }) commitmentId: string;
  @PrimaryColumn('integer', { name: 'revision_number' }) revisionNumber: number;
  /** Only the fields that changed. */
  @Column('jsonb') changes: CommitmentChanges;
  /** The contributions the revision answers. */
  @Column('uuid', { name: 'in_response_to', array: true }) inResponseTo: string[];
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt: Date;
  @Column('text', { name: 'actor_institution', nullable: true }) actorInstitution: string | null;
  @Column('text') position: string;
}

