import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { READ_MODEL_CHANGES, type CommittedChange, type ReadModelChanges } from '../../src/projection-runner/row-changes.js';
import { directoryProjection } from '../directory/directory.projection.js';
import type { Found } from './accountability.hot-read.js';
import { accountabilityProjection } from './accountability.projection.js';

interface Entry {
  found: Found;
  /** The directory rows whose names it shows. */
  refs: string[];
}

/** Contributions kept: about 100 MB (some 5 KB each, measured). */
const CAPACITY = 20_000;

/**
 * Today's accountability rows with their names, kept in this process while it alone applies the
 * accountability and directory views (it then hears of every row their batches change, after each
 * commit): a row is dropped when its batch commits, and every row showing a name when the name's
 * directory row changes. Anywhere else (PROJECTIONS_ENABLED=false, another process runs the views,
 * a lost lock) nothing is kept and every read goes to the database.
 *
 * A read that ran while some batch committed is not kept (its row may predate the commit). Between a
 * commit and the moment the follower tells of it, a kept row may still be served: as a read that
 * had just missed the commit would be. A read with consistentWith does not come here.
 */
@Injectable()
export class AccountabilityCache implements OnModuleDestroy {
  private readonly entries = new Map<string, Entry>();
  /** Directory id → the contributions kept that show its name. */
  private readonly byRef = new Map<string, Set<string>>();
  /** Moves on every change told: a read that saw it move is not kept. */
  private generation = 0;
  private readonly stopListening: () => void;

  constructor(@Inject(READ_MODEL_CHANGES) private readonly changes: ReadModelChanges) {
    this.stopListening = changes.onChange((change) => this.changed(change));
  }

  onModuleDestroy(): void {
    this.stopListening();
    this.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private serving(): boolean {
    return this.changes.alone(accountabilityProjection.name) && this.changes.alone(directoryProjection.name);
  }

  /** The contribution's row and names: kept, or read by `load` (and kept when nothing changed meanwhile). */
  async find(contributionId: string, load: () => Promise<Found | null>): Promise<Found | null> {
    if (!this.serving()) return load();
    const kept = this.entries.get(contributionId);
    if (kept) return kept.found;
    const generation = this.generation;
    const found = await load();
    if (found && generation === this.generation && this.serving()) this.keep(contributionId, found);
    return found;
  }

  private keep(contributionId: string, found: Found): void {
    if (this.entries.size >= CAPACITY) this.drop(this.entries.keys().next().value!);
    const { row } = found;
    const refs = [row.consultationId, row.policyAreaId, row.stakeholderId, row.commitmentId, ...row.commitmentIds].filter((id): id is string => typeof id === 'string');
    this.entries.set(contributionId, { found, refs });
    for (const ref of refs) {
      let kept = this.byRef.get(ref);
      if (!kept) this.byRef.set(ref, (kept = new Set()));
      kept.add(contributionId);
    }
  }

  private drop(contributionId: string): void {
    const entry = this.entries.get(contributionId);
    if (!entry) return;
    this.entries.delete(contributionId);
    for (const ref of entry.refs) {
      const kept = this.byRef.get(ref);
      kept?.delete(contributionId);
      if (kept?.size === 0) this.byRef.delete(ref);
    }
  }

  private clear(): void {
    this.entries.clear();
    this.byRef.clear();
  }

  private changed({ consumer, rows }: CommittedChange): void {
    const accountability = consumer === accountabilityProjection.name;
    if (!accountability && consumer !== directoryProjection.name) return;
    this.generation++;
    if (rows === 'all') return this.clear();
    for (const [table, keys] of rows) {
      for (const [id] of keys) {
        const key = String(id);
        if (accountability) {
          if (table !== 'accountability') return this.clear(); // a table this cache does not know
          this.drop(key);
          continue;
        }
        // A directory row (a consultation, policy area, commitment or stakeholder: its id is its key).
        for (const contributionId of [...(this.byRef.get(key) ?? [])]) this.drop(contributionId);
      }
    }
  }
}
