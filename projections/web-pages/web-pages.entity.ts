import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Milestone, OgpValue } from '../../src/commitments/domain/events.js';

/**
 * What the public website shows and no other read model keeps. Nothing here is personal data.
 * A contribution page's steps are read from the contribution's stream (src/web/queries/contribution-steps.ts).
 */
@Entity({ name: 'web_consultation' })
export class WebConsultationRow {
  @PrimaryColumn('uuid', { name: 'consultation_id' }) consultationId: string;
  @Column('uuid', { name: 'cycle_id' }) cycleId: string;
  @Column('text', { name: 'lead_institution' }) leadInstitution: string;
  @Column('text', { nullable: true }) description: string | null;
  /** Log position of the last event that changed this row (every table of the model keeps one). */
  @Column('text') position: string;
}

@Entity({ name: 'web_material' })
@Index('web_material_consultation', ['consultationId', 'publishedAt'])
export class WebMaterialRow {
  @PrimaryColumn('uuid', { name: 'material_id' }) materialId: string;
  @Column('uuid', { name: 'consultation_id' }) consultationId: string;
  @Column('text') kind: string;
  @Column('text') title: string;
  @Column('text') url: string;
  /** When it was published in the world (occurredAt). */
  @Column('timestamptz', { name: 'published_at' }) publishedAt: Date;
  @Column('text') position: string;
}

/** A consultation report: its latest summary, and whether and where it was published. */
@Entity({ name: 'web_report' })
@Index('web_report_consultation', ['consultationId'])
export class WebReportRow {
  @PrimaryColumn('uuid', { name: 'report_id' }) reportId: string;
  @Column('uuid', { name: 'consultation_id' }) consultationId: string;
  @Column('text') summary: string;
  /** draft | submitted | accepted | published */
  @Column('text') status: string;
  @Column('text', { nullable: true }) url: string | null;
  @Column('timestamptz', { name: 'drafted_at' }) draftedAt: Date;
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt: Date | null;
  @Column('text') position: string;
}

/** A commitment's text in OGP's template, as it stands after its revisions. */
@Entity({ name: 'web_commitment' })
export class WebCommitmentRow {
  @PrimaryColumn('uuid', { name: 'commitment_id' }) commitmentId: string;
  @Column('text') problem: string;
  @Column('text') description: string;
  @Column('text', { name: 'ogp_values', array: true }) ogpValues: OgpValue[];
  @Column('jsonb') milestones: Milestone[];
  @Column('text', { name: 'supporting_institutions', array: true }) supportingInstitutions: string[];
  @Column('text') position: string;
}
