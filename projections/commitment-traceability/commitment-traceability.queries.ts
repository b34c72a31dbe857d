import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource, In } from 'typeorm';
import type { CommitmentChanges } from '../../src/commitments/domain/events.js';
import type { Actor } from '../../src/event-store/event-store.port.js';
import { ProblemException } from '../../src/http/problem.js';
import { ConsistencyService } from '../../src/projection-runner/consistency.service.js';
import { readerOf, type Reader } from '../../src/read-side/access.js';
import { isUuid } from '../shared/aggregate-view.js';
import { CommitmentContributionRow, CommitmentRevisionRow, CommitmentTraceabilityRow } from './commitment-traceability.entity.js';

export interface TracedContribution {
  contributionId: string;
  /** Its current decision (for a duplicate, its canonical's); null where the reader may not see it yet. */
  decision: string | null;
  via: 'response' | 'revision';
  status: string | null;
}

export interface TraceabilityView {
  commitmentId: string;
  title: string;
  contributions: TracedContribution[];
  revisions: { revisionNumber: number; changes: CommitmentChanges; inResponseTo: string[]; occurredAt: string; actorInstitution: string | null }[];
  cycleId: string;
  policyAreaId: string;
  status: string;
  leadInstitution: string;
  draftedAt: string;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
}

/**
 * A decision is public once the POC has published it (as in accountability): anonymous callers and
 * other stakeholders see a response link only then; a revision's links are public (the revision
 * names them), but not an unpublished decision.
 */
function mayRead(reader: Reader, row: CommitmentContributionRow): boolean {
  if (reader.kind === 'official') return true;
  if (reader.kind === 'stakeholder' && row.stakeholderId === reader.actor.id) return true;
  return row.publishedAt !== null && !row.withdrawn;
}

export class GetTraceabilityQuery extends Query<TraceabilityView> {
  constructor(
    readonly commitmentId: string,
    readonly actor: Actor | undefined,
    readonly consistentWith?: string,
  ) {
    super();
  }
}

@QueryHandler(GetTraceabilityQuery)
export class GetTraceabilityHandler implements IQueryHandler<GetTraceabilityQuery, TraceabilityView> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consistency: ConsistencyService,
  ) {}

  async execute({ commitmentId, actor, consistentWith }: GetTraceabilityQuery): Promise<TraceabilityView> {
    await this.consistency.waitFor(['commitment-traceability'], consistentWith);
    // One snapshot for all the tables: the runner may commit a batch between two reads.
    const found = await this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const commitment = isUuid(commitmentId) ? await m.findOneBy(CommitmentTraceabilityRow, { commitmentId }) : null;
      if (!commitment) return null;
      const revisions = await m.find(CommitmentRevisionRow, { where: { commitmentId }, order: { revisionNumber: 'ASC' } });
      const byResponse = await m
        .createQueryBuilder(CommitmentContributionRow, 'c')
        .where('c.commitment_ids @> ARRAY[:commitmentId]::text[]', { commitmentId })
        .orderBy('c.received_at', 'ASC')
        .addOrderBy('c.contribution_id', 'ASC')
        .getMany();
      const named = [...new Set(revisions.flatMap((r) => r.inResponseTo))];
      const byRevision = named.length ? await m.find(CommitmentContributionRow, { where: { contributionId: In(named) }, order: { receivedAt: 'ASC', contributionId: 'ASC' } }) : [];
      // A named contribution always exists (the command checks it); keep the link even if not.
      const missing = named.filter((id) => !byRevision.some((r) => r.contributionId === id)).sort();
      return { commitment, revisions, byResponse, byRevision, missing };
    });
    if (!found) throw new ProblemException(404, 'COMMITMENT.NOT_FOUND', 'Not Found', `no commitment ${commitmentId}`);

    const reader = readerOf(actor);
    const { commitment: c, revisions } = found;
    const traced = (row: CommitmentContributionRow, via: TracedContribution['via']): TracedContribution => {
      const shown = mayRead(reader, row);
      return { contributionId: row.contributionId, decision: shown ? row.decision : null, via, status: shown ? row.status : null };
    };
    return {
      commitmentId: c.commitmentId,
      title: c.title,
      contributions: [
        ...found.byResponse.filter((row) => mayRead(reader, row)).map((row) => traced(row, 'response')),
        ...found.byRevision.map((row) => traced(row, 'revision')),
        ...found.missing.map((contributionId): TracedContribution => ({ contributionId, decision: null, via: 'revision', status: null })),
      ],
      revisions: revisions.map((r) => ({
        revisionNumber: r.revisionNumber,
        changes: r.changes,
        inResponseTo: r.inResponseTo,
        occurredAt: r.occurredAt.toISOString(),
        actorInstitution: r.actorInstitution,
      })),
      cycleId: c.cycleId,
      policyAreaId: c.policyAreaId,
      status: c.status,
      leadInstitution: c.leadInstitution,
      draftedAt: c.draftedAt.toISOString(),
      withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
      withdrawalReason: c.withdrawalReason,
    };
  }
}
