import { Column, PrimaryColumn } from 'typeorm';
import type { OutcomeColumns } from './contribution-outcome.js';

/**
 * The outcome columns as TypeORM columns, for per-contribution read models that only need "what
 * became of it" (the entity adds its own columns; its migration spells all of them out).
 */
export abstract class OutcomeRow implements OutcomeColumns {
  @PrimaryColumn('uuid', { name: 'contribution_id' }) contributionId: string;
  @Column('boolean') withdrawn: boolean;
  @Column('uuid', { name: 'duplicate_of', nullable: true }) duplicateOf: string | null;
  /** The end of the duplicate chain, whose response a duplicate shows. */
  @Column('uuid', { name: 'canonical_root', nullable: true }) canonicalRoot: string | null;
  @Column('text', { name: 'own_decision', nullable: true }) ownDecision: string | null;
  @Column('text', { name: 'own_rationale', nullable: true }) ownRationale: string | null;
  @Column('text', { name: 'own_commitment_ids', array: true }) ownCommitmentIds: string[];
  @Column('text', { name: 'own_verdict', nullable: true }) ownVerdict: string | null;
  @Column('timestamptz', { name: 'own_published_at', nullable: true }) ownPublishedAt: Date | null;
  @Column('text') status: string;
  @Column('boolean') addressed: boolean;
  @Column('text', { nullable: true }) decision: string | null;
  @Column('text', { nullable: true }) rationale: string | null;
  @Column('text', { name: 'commitment_ids', array: true }) commitmentIds: string[];
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt: Date | null;
  /** Log position of the last event that changed this row. */
  @Column('text') position: string;
}
