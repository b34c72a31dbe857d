import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { COMPLIANCE_TYPES, complianceFact } from '../../projections/compliance/compliance.projection.js';
import type { ComplianceFact } from '../../projections/compliance/compliance.rules.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';

/** Cycles whose facts are kept between readings. */
const CYCLES = 20;
/** Beyond this many new events since the kept facts, the read model is read again instead. */
const MAX_CATCH_UP = 5000;
const BATCH = 1000;

/**
 * One cycle's compliance facts in log order, as the compliance read model holds them at a given
 * checkpoint (`seen`). A large cycle has tens of thousands: rather than read them all again at
 * each reading of its page, the facts of the last reading are kept and brought forward with the
 * events logged since, which are exactly what the read model added (it applies every event of
 * its types up to its checkpoint, and none after). Live readings only: the past is replayed.
 */
@Injectable()
export class ComplianceFacts {
  private readonly kept = new Map<string, { seen: string; facts: readonly ComplianceFact[] }>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The cycle's facts in the snapshot `m`, whose compliance read model has seen the log up to `seen`. */
  async read(m: EntityManager, cycleId: string, seen: string | null): Promise<readonly ComplianceFact[]> {
    const last = this.kept.get(cycleId);
    if (seen !== null && last) {
      const order = this.store.comparePositions(last.seen, seen);
      if (order === 0) return last.facts;
      if (order < 0) {
        const added = await this.since(cycleId, last.seen, seen);
        if (added) return this.keep(cycleId, seen, added.length ? [...last.facts, ...added] : last.facts);
      }
    }
    const rows = (await m.query('SELECT event_id AS "eventId", type, position, occurred_at AS "occurredAt", data FROM compliance_fact WHERE cycle_id = $1', [cycleId])) as ComplianceFact[];
    rows.sort((a, b) => this.store.comparePositions(a.position, b.position));
    return seen === null ? rows : this.keep(cycleId, seen, rows);
  }

  /** The cycle's facts of the events in (after, upTo], or null when there are too many to be worth it. */
  private async since(cycleId: string, after: string, upTo: string): Promise<ComplianceFact[] | null> {
    const facts: ComplianceFact[] = [];
    let read = 0;
    for (let from = after; ; ) {
      const events = await this.store.readAll({ after: from, upTo, limit: BATCH, types: COMPLIANCE_TYPES });
      read += events.length;
      if (read > MAX_CATCH_UP) return null;
      for (const e of events) {
        if (e.data.cycleId !== cycleId) continue;
        const fact = complianceFact(e);
        if (fact) facts.push({ eventId: fact.eventId, type: fact.type, position: fact.position, occurredAt: fact.occurredAt, data: fact.data });
      }
      if (events.length < BATCH) return facts;
      from = events[events.length - 1].position;
    }
  }

  private keep(cycleId: string, seen: string, facts: readonly ComplianceFact[]): readonly ComplianceFact[] {
    const current = this.kept.get(cycleId);
    // A reading of an older snapshot never replaces a newer one.
    if (current && this.store.comparePositions(current.seen, seen) > 0) return facts;
    this.kept.delete(cycleId);
    if (this.kept.size >= CYCLES) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(cycleId, { seen, facts });
    return facts;
  }
}
