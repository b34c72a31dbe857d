import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One event that bears on a cycle's OGP co-creation compliance, reduced to the fields the rules
 * read (never personal data): the compliance answer is a fold over a cycle's facts at query time,
 * where "today" enters.
 */
@Entity({ name: 'compliance_fact' })
export class ComplianceFactRow {
  @PrimaryColumn('uuid', { name: 'cycle_id' }) cycleId: string;
  @PrimaryColumn('uuid', { name: 'event_id' }) eventId: string;
  @Column('text') position: string;
  @Column('text') type: string;
  /** When it happened in the world (the event's occurredAt). */
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt: Date;
  @Column('jsonb') data: Record<string, unknown>;
}
