import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { FeedbackItem } from '../../src/reports/domain/events.js';

export interface FeedbackRound {
  round: number;
  items: FeedbackItem[];
  givenAt: string;
}

/** One row per consultation report, as it stands now. */
@Entity({ name: 'reports' })
@Index('reports_cycle', ['cycleId', 'draftedAt', 'reportId'])
export class ReportRow {
  @PrimaryColumn('uuid', { name: 'report_id' }) reportId: string;
  @Column('uuid', { name: 'consultation_id' }) consultationId: string;
  @Column('uuid', { name: 'cycle_id' }) cycleId: string;
  @Column('uuid', { name: 'policy_area_id', nullable: true }) policyAreaId: string | null;
  /** draft | submitted | accepted | published */
  @Column('text') status: string;
  @Column('text') summary: string;
  @Column('uuid', { name: 'contribution_ids', array: true }) contributionIds: string[];
  /** How many revisions (ReportRevised) it has had. */
  @Column('integer', { name: 'revision_number' }) revisionNumber: number;
  /** The POC's feedback, round by round. */
  @Column('jsonb') feedback: FeedbackRound[];
  @Column('timestamptz', { name: 'drafted_at' }) draftedAt: Date;
  @Column('timestamptz', { name: 'submitted_at', nullable: true }) submittedAt: Date | null;
  @Column('timestamptz', { name: 'accepted_at', nullable: true }) acceptedAt: Date | null;
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt: Date | null;
  @Column('text', { nullable: true }) url: string | null;
  /** The report stream's revision (ETag, If-Match). */
  @Column('integer') revision: number;
  @Column('text') position: string;
}
