import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per consultation: what was announced, whether it closed, its latest report's status. Its
 * contributions are counted from the accountability view's rows at query time.
 */
@Entity({ name: 'consultation_summary' })
@Index('consultation_summary_cycle', ['cycleId', 'opensAt', 'consultationId'])
export class ConsultationSummaryRow {
  @PrimaryColumn('uuid', { name: 'consultation_id' }) consultationId: string;
  @Column('uuid', { name: 'cycle_id' }) cycleId: string;
  @Column('uuid', { name: 'policy_area_id', nullable: true }) policyAreaId: string | null;
  @Column('text') kind: string;
  @Column('text') title: string;
  @Column('timestamptz', { name: 'announced_at' }) announcedAt: Date;
  @Column('timestamptz', { name: 'opens_at' }) opensAt: Date;
  @Column('timestamptz', { name: 'closes_at' }) closesAt: Date;
  @Column('boolean') closed: boolean;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt: Date | null;
  /** The report drafted last for this consultation, whose status the summary shows. */
  @Column('uuid', { name: 'report_id', nullable: true }) reportId: string | null;
  /** none | draft | submitted | accepted | published */
  @Column('text', { name: 'report_status' }) reportStatus: string;
  /** The consultation stream's revision (ETag, If-Match). */
  @Column('integer') revision: number;
  /** Log position of the last event that changed this row. */
  @Column('text') position: string;
}

