import type {
  ContributionMarkedDuplicate,
  ContributionReceived,
  ContributionRedacted,
  ContributionResponded,
  ContributionWithdrawn,
  ResponsePublished,
  ResponseReviewed,
} from '../../src/contributions/domain/events.js';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { on, wholeDaysBetween, type ProjectionDefinition, type ProjectionStore } from '../../src/projection-runner/projection.js';
import { AccountabilityRow } from './accountability.entity.js';

type Row = AccountabilityRow;

/** `addressed`: a reasoned response the POC has not sent back for revision. */
const ownAddressed = (row: Row) => row.ownDecision !== null && row.ownVerdict !== 'revision_requested';

function ownStatus(row: Row): string {
  if (row.withdrawn) return 'withdrawn';
  if (row.duplicateOf !== null) return 'duplicate';
  if (row.ownPublishedAt !== null) return 'published';
  if (row.ownVerdict === 'endorsed') return 'endorsed';
  if (row.ownVerdict === 'revision_requested') return 'revision_requested';
  if (row.ownDecision !== null) return 'responded';
  return 'received';
}

/** What the row shows: its own response, or, for a duplicate, its canonical root's. */
function present(row: Row, root: Row | null): Row {
  const source = row.duplicateOf !== null ? root : row;
  return {
    ...row,
    status: ownStatus(row),
    decision: source?.ownDecision ?? null,
    rationale: source?.ownRationale ?? null,
    commitmentIds: source?.ownCommitmentIds ?? [],
    addressed: source ? ownAddressed(source) : false,
    publishedAt: source?.ownPublishedAt ?? null,
  };
}

async function rootOf(store: ProjectionStore, row: Row): Promise<Row | null> {
  return row.canonicalRoot === null ? null : store.get(AccountabilityRow, { contributionId: row.canonicalRoot });
}

/** Writes a changed contribution and refreshes every duplicate that shows its response. */
async function save(store: ProjectionStore, row: Row, event: RecordedEvent): Promise<void> {
  const updated = present({ ...row, position: event.position }, await rootOf(store, row));
  store.put(AccountabilityRow, updated);
  if (updated.duplicateOf !== null) return;
  for (const dependent of await store.find(AccountabilityRow, { canonicalRoot: updated.contributionId })) {
    store.put(AccountabilityRow, present({ ...dependent, position: event.position }, updated));
  }
}

async function existing(store: ProjectionStore, contributionId: string): Promise<Row> {
  const row = await store.get(AccountabilityRow, { contributionId });
  if (!row) throw new Error(`no accountability row for contribution ${contributionId}`);
  return row;
}

export const accountabilityProjection: ProjectionDefinition = {
  name: 'accountability',
  version: 1,
  tables: ['accountability'],
  entities: [AccountabilityRow],
  handlers: {
    ContributionReceived: on<ContributionReceived>(async (d, event, store) => {
      const row: Row = {
        contributionId: d.contributionId,
        cycleId: d.cycleId,
        consultationId: d.consultationId,
        policyAreaId: d.policyAreaId,
        leadInstitution: d.leadInstitution,
        stakeholderId: d.stakeholderId,
        personal: d.personalDataSubject !== null,
        channel: d.channel,
        body: d.body,
        commitmentId: d.commitmentId,
        receivedAt: new Date(d.receivedAt),
        late: d.late,
        source: d.source,
        redacted: false,
        redactionReason: null,
        withdrawn: false,
        withdrawnAt: null,
        withdrawalReason: null,
        duplicateOf: null,
        canonicalRoot: null,
        responseNumber: 0,
        ownDecision: null,
        ownRationale: null,
        ownCommitmentIds: [],
        ownVerdict: null,
        reviewComment: null,
        ownPublishedAt: null,
        respondedAt: null,
        lastRespondedAt: null,
        respondedBy: null,
        daysToResponse: null,
        status: 'received',
        addressed: false,
        decision: null,
        rationale: null,
        commitmentIds: [],
        publishedAt: null,
        position: event.position,
      };
      await save(store, row, event);
    }),

    ContributionResponded: on<ContributionResponded>(async (d, event, store) => {
      const row = await existing(store, d.contributionId);
      const at = new Date(event.metadata.occurredAt);
      const respondedAt = row.respondedAt ?? at;
      await save(
        store,
        {
          ...row,
          responseNumber: d.responseNumber,
          ownDecision: d.decision,
          ownRationale: d.rationale,
          ownCommitmentIds: [...d.commitmentIds].sort(),
          // A new response replaces the current one: its review and publication start over.
          ownVerdict: null,
          reviewComment: null,
          ownPublishedAt: null,
          respondedAt,
          lastRespondedAt: at,
          respondedBy: { id: event.metadata.actor.id, institution: event.metadata.actor.institution ?? null },
          daysToResponse: wholeDaysBetween(row.receivedAt, respondedAt),
        },
        event,
      );
    }),

    ResponseReviewed: on<ResponseReviewed>(async (d, event, store) => {
      const row = await existing(store, d.contributionId);
      await save(store, { ...row, ownVerdict: d.verdict, reviewComment: d.comment }, event);
    }),

    ResponsePublished: on<ResponsePublished>(async (d, event, store) => {
      const row = await existing(store, d.contributionId);
      await save(store, { ...row, ownPublishedAt: new Date(event.metadata.occurredAt) }, event);
    }),

    ContributionWithdrawn: on<ContributionWithdrawn>(async (d, event, store) => {
      const row = await existing(store, d.contributionId);
      await save(store, { ...row, withdrawn: true, withdrawnAt: new Date(event.metadata.occurredAt), withdrawalReason: d.reason }, event);
    }),

    ContributionRedacted: on<ContributionRedacted>(async (d, event, store) => {
      const row = await existing(store, d.contributionId);
      await save(store, { ...row, redacted: true, redactionReason: d.reason }, event);
    }),

    ContributionMarkedDuplicate: on<ContributionMarkedDuplicate>(async (d, event, store) => {
      const row = await existing(store, d.contributionId);
      const canonical = await existing(store, d.canonicalId);
      const root = canonical.canonicalRoot ?? canonical.contributionId;
      const marked = present({ ...row, duplicateOf: d.canonicalId, canonicalRoot: root, position: event.position }, await store.get(AccountabilityRow, { contributionId: root }));
      store.put(AccountabilityRow, marked);
      // Those that showed this contribution's response now show the new root's.
      const rootRow = await store.get(AccountabilityRow, { contributionId: root });
      for (const dependent of await store.find(AccountabilityRow, { canonicalRoot: d.contributionId })) {
        store.put(AccountabilityRow, present({ ...dependent, canonicalRoot: root, position: event.position }, rootRow));
      }
    }),
  },
};
