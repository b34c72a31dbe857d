import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An event of ANOTHER stream that names a contribution (a duplicate naming it as canonical, a
 * commitment revision citing it, a report listing it), copied whole so that a contribution's
 * history needs no scan of the log. The primary key leads with the contribution: its index serves it.
 */
@Entity({ name: 'contribution_link' })
export class ContributionLinkRow {
  @PrimaryColumn('uuid', { name: 'contribution_id' }) contributionId: string;
  @PrimaryColumn('uuid', { name: 'event_id' }) eventId: string;
  @Column('text') position: string;
  @Column('text', { name: 'stream_id' }) streamId: string;
  @Column('integer') revision: number;
  @Column('text') type: string;
  @Column('jsonb') data: Record<string, unknown>;
  @Column('jsonb') metadata: Record<string, unknown>;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
}
