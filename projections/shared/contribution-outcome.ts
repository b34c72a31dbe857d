import type { EntityTarget } from 'typeorm';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import type { ProjectionStore } from '../../src/projection-runner/projection.js';
import { streams } from '../../src/shared/streams.js';
import { contributionOutcome, duplicateRoot, type OutcomeFacts } from '../../src/contributions/domain/contribution-outcome.js';

/**
 * The columns a per-contribution read model keeps to show "what became of it". `own*` is the
 * contribution's own response; the unprefixed fields are what it shows, which for a duplicate are
 * its canonical root's, following every later change of that root.
 */
export interface OutcomeColumns {
  contributionId: string;
  withdrawn: boolean;
  duplicateOf: string | null;
  canonicalRoot: string | null;
  ownDecision: string | null;
  ownRationale: string | null;
  ownCommitmentIds: string[];
  ownVerdict: string | null;
  ownPublishedAt: Date | null;
  status: string;
  addressed: boolean;
  decision: string | null;
  rationale: string | null;
  commitmentIds: string[];
  publishedAt: Date | null;
  position: string;
}

/** The outcome fields of a contribution that has just been received. */
export const NO_OUTCOME = {
  withdrawn: false,
  duplicateOf: null,
  canonicalRoot: null,
  ownDecision: null,
  ownRationale: null,
  ownCommitmentIds: [] as string[],
  ownVerdict: null,
  ownPublishedAt: null,
  status: 'received',
  addressed: false,
  decision: null,
  rationale: null,
  commitmentIds: [] as string[],
  publishedAt: null,
} satisfies Omit<OutcomeColumns, 'contributionId' | 'position'>;

/** A row's own columns as the domain's facts. */
const ownFacts = (row: OutcomeColumns): OutcomeFacts => ({
  withdrawn: row.withdrawn,
  duplicateOf: row.duplicateOf,
  response:
    row.ownDecision === null
      ? null
      : { decision: row.ownDecision, rationale: row.ownRationale, commitmentIds: row.ownCommitmentIds, verdict: row.ownVerdict, publishedAt: row.ownPublishedAt },
});

/** What the row shows (the domain's contributionOutcome): its own response, or, for a duplicate, its canonical root's. */
function presentOutcome<T extends OutcomeColumns>(row: T, root: OutcomeColumns | null, changes: Partial<T>): T {
  const next = { ...row, ...changes };
  const { status, addressed, decision, rationale, commitmentIds, publishedAt } = contributionOutcome(ownFacts(next), root && ownFacts(root));
  return Object.assign(next, { status, addressed, decision, rationale, commitmentIds, publishedAt });
}

/**
 * What an event sets on a row it changes besides its outcome: its position, and the contribution
 * stream's revision when the event is the row's own (a model that keeps one: trackRevision then
 * finds it set and writes the row once).
 */
function stamp<T extends OutcomeColumns>(row: T, event: RecordedEvent): Partial<T> {
  const own = 'revision' in row && event.streamId === streams.contribution(row.contributionId);
  return (own ? { position: event.position, revision: event.revision } : { position: event.position }) as Partial<T>;
}

/** Keeps one read model's per-contribution rows and their duplicates consistent. */
export function outcomeTracker<T extends OutcomeColumns>(entity: EntityTarget<T>) {
  const key = (contributionId: string) => ({ contributionId }) as Partial<T>;

  async function get(store: ProjectionStore, contributionId: string): Promise<T> {
    const row = await store.get(entity, key(contributionId));
    if (!row) throw new Error(`no row for contribution ${contributionId}`);
    return row;
  }

  return {
    get,

    /** Writes a new or changed contribution and refreshes every duplicate that shows its response. */
    async save(store: ProjectionStore, row: T, event: RecordedEvent): Promise<void> {
      const root = row.canonicalRoot === null ? null : await store.get(entity, key(row.canonicalRoot));
      const updated = presentOutcome(row, root, stamp(row, event));
      store.put(entity, updated);
      if (updated.duplicateOf !== null) return;
      for (const dependent of await store.find(entity, { canonicalRoot: updated.contributionId } as never)) {
        store.put(entity, presentOutcome(dependent, updated, { position: event.position } as Partial<T>));
      }
    },

    /** ContributionMarkedDuplicate: the row and those that showed its response now show the root's. */
    async markDuplicate(store: ProjectionStore, contributionId: string, canonicalId: string, event: RecordedEvent): Promise<void> {
      const row = await get(store, contributionId);
      const canonical = await get(store, canonicalId);
      const rootId = duplicateRoot(canonical.contributionId, canonical.canonicalRoot);
      const root = await store.get(entity, key(rootId));
      store.put(entity, presentOutcome(row, root, { ...stamp(row, event), duplicateOf: canonicalId, canonicalRoot: rootId }));
      for (const dependent of await store.find(entity, { canonicalRoot: contributionId } as never)) {
        store.put(entity, presentOutcome(dependent, root, { canonicalRoot: rootId, position: event.position } as Partial<T>));
      }
    },

    /**
     * Loads the rows a batch will touch and their duplicates in one query, so that the
     * handlers' lookups (and the search for duplicates to refresh) need none. A contribution
     * received in the batch (the first event of its stream) has no row yet, and nothing can be a
     * duplicate of it yet: it is not asked for (most of a catch-up's contributions).
     */
    async prefetch(store: ProjectionStore, events: readonly RecordedEvent[]): Promise<void> {
      const ids = new Set<string>();
      const received = new Set<string>();
      for (const event of events) {
        const data = event.data as { contributionId?: unknown; canonicalId?: unknown };
        const id = data.contributionId;
        if (event.type === 'ContributionReceived' && event.revision === 0 && typeof id === 'string' && event.streamId === streams.contribution(id) && !ids.has(id)) {
          received.add(id);
          continue;
        }
        if (typeof id === 'string' && !received.has(id)) ids.add(id);
        if (typeof data.canonicalId === 'string' && !received.has(data.canonicalId)) ids.add(data.canonicalId);
      }
      const columns = ['contributionId', 'canonicalRoot'] as Array<keyof T & string>;
      store.none(entity, columns, [...received]);
      await store.prefetch(entity, columns, [...ids]);
    },

    /** The own-response fields of ContributionResponded: review and publication start over. */
    responded(row: T, data: { decision: string; rationale: string; commitmentIds: string[] }): T {
      return {
        ...row,
        ownDecision: data.decision,
        ownRationale: data.rationale,
        ownCommitmentIds: [...data.commitmentIds].sort(),
        ownVerdict: null,
        ownPublishedAt: null,
      };
    },
  };
}
