import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository, type EntityManager } from 'typeorm';
import type { CommitmentChanges } from '../../src/commitments/domain/events.js';
import type { Actor } from '../../src/shared/actor.js';
import { ReadModels } from '../../src/read-side/read-models.js';
import { readerOf, type Reader } from '../../src/read-side/access.js';
import { decodeCursor, toPage, type Page } from '../../src/read-side/pagination.js';
import { Names } from '../directory/directory.queries.js';
import { afterKey } from '../shared/keyset.js';
import { CommitmentRevisionRow, CommitmentTraceabilityRow } from './commitment-traceability.entity.js';
import { AccountabilityRow } from '../accountability/accountability.entity.js';
import { accountabilityProjection } from '../accountability/accountability.projection.js';
import { DomainError } from '../../src/shared/domain-error.js';
import { commitmentTraceabilityProjection } from './commitment-traceability.projection.js';
import { directoryProjection } from '../directory/directory.projection.js';

export interface TracedContribution {
  contributionId: string;
  /** Its current decision (for a duplicate, its canonical's); null where the reader may not see it yet. */
  decision: string | null;
  via: 'response' | 'revision';
  status: string | null;
}

/** A commitment as the list shows it (and traceability ends). */
export interface CommitmentItemView {
  commitmentId: string;
  title: string;
  cycleId: string;
  policyAreaId: string;
  policyAreaName: string | null;
  status: string;
  /** The lead implementing institution, as drafted. */
  leadInstitution: string;
  draftedAt: string;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
  /** The commitment stream's revision: the ETag, and what If-Match on its commands expects. */
  revision: number;
}

export interface TraceabilityView extends CommitmentItemView {
  contributions: TracedContribution[];
  revisions: { revisionNumber: number; changes: CommitmentChanges; inResponseTo: string[]; occurredAt: string; actorInstitution: string | null }[];
}

function toItem(c: CommitmentTraceabilityRow, names: Names): CommitmentItemView {
  return {
    commitmentId: c.commitmentId,
    title: c.title,
    cycleId: c.cycleId,
    policyAreaId: c.policyAreaId,
    policyAreaName: names.policyAreaName(c.policyAreaId),
    status: c.status,
    leadInstitution: c.leadInstitution,
    draftedAt: c.draftedAt.toISOString(),
    withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
    withdrawalReason: c.withdrawalReason,
    revision: c.revision,
  };
}

/**
 * A decision is public once the POC has published it (as in accountability): anonymous callers and
 * other stakeholders see a response link only then; a revision's links are public (the revision
 * names them), but not an unpublished decision.
 */
function mayRead(reader: Reader, row: AccountabilityRow): boolean {
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

/**
 * What shaped a commitment, in receipt order: its revisions, the contributions whose responses name
 * it, and those its revisions were made in response to (`named`, their ids).
 */
export async function commitmentSources(m: EntityManager, commitmentId: string) {
  const revisions = await m.find(CommitmentRevisionRow, { where: { commitmentId }, order: { revisionNumber: 'ASC' } });
  const byResponse = await m
    .createQueryBuilder(AccountabilityRow, 'c')
    .where('c.commitment_ids @> ARRAY[:commitmentId]::text[]', { commitmentId })
    .orderBy('c.received_at', 'ASC')
    .addOrderBy('c.contribution_id', 'ASC')
    .getMany();
  const named = [...new Set(revisions.flatMap((r) => r.inResponseTo))];
  const byRevision = named.length ? await m.find(AccountabilityRow, { where: { contributionId: In(named) }, order: { receivedAt: 'ASC', contributionId: 'ASC' } }) : [];
  return { revisions, byResponse, named, byRevision };
}

@QueryHandler(GetTraceabilityQuery)
export class GetTraceabilityHandler implements IQueryHandler<GetTraceabilityQuery, TraceabilityView> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly readModels: ReadModels,
  ) {}

  async execute({ commitmentId, actor, consistentWith }: GetTraceabilityQuery): Promise<TraceabilityView> {
    await this.readModels.today([commitmentTraceabilityProjection, accountabilityProjection, directoryProjection], consistentWith);
    // One snapshot for all the tables: the runner may commit a batch between two reads.
    const found = await this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const commitment = await m.findOneBy(CommitmentTraceabilityRow, { commitmentId });
      if (!commitment) return null;
      const { revisions, byResponse, named, byRevision } = await commitmentSources(m, commitmentId);
      // A named contribution always exists (the command checks it); keep the link even if not.
      const missing = named.filter((id) => !byRevision.some((r) => r.contributionId === id)).sort();
      const names = await Names.lookup(m, { policyAreaIds: [commitment.policyAreaId] });
      return { commitment, revisions, byResponse, byRevision, missing, names };
    });
    if (!found) throw new DomainError('COMMITMENT.NOT_FOUND', `no commitment ${commitmentId}`, 'not_found');

    const reader = readerOf(actor);
    const { commitment: c, revisions } = found;
    const traced = (row: AccountabilityRow, via: TracedContribution['via']): TracedContribution => {
      const shown = mayRead(reader, row);
      return { contributionId: row.contributionId, decision: shown ? row.decision : null, via, status: shown ? row.status : null };
    };
    const { commitmentId: id, title, ...item } = toItem(c, found.names);
    // The contract's fields first, in its order (DESIGN.md §5), then the rest.
    return {
      commitmentId: id,
      title,
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
      ...item,
    };
  }
}

export interface CommitmentFilters {
  cycleId?: string;
  policyAreaId?: string;
  status?: string;
}

export class ListCommitmentsQuery extends Query<Page<CommitmentItemView>> {
  constructor(
    readonly filters: CommitmentFilters,
    readonly limit: number,
    readonly cursor?: string,
    readonly consistentWith?: string,
  ) {
    super();
  }
}

/** Draft commitments are public (the public event log shows them): every caller sees the same list, in drafting order. */
@QueryHandler(ListCommitmentsQuery)
export class ListCommitmentsHandler implements IQueryHandler<ListCommitmentsQuery, Page<CommitmentItemView>> {
  constructor(
    @InjectRepository(CommitmentTraceabilityRow) private readonly rows: Repository<CommitmentTraceabilityRow>,
    private readonly readModels: ReadModels,
  ) {}

  async execute({ filters, limit, cursor, consistentWith }: ListCommitmentsQuery): Promise<Page<CommitmentItemView>> {
    await this.readModels.today([commitmentTraceabilityProjection, directoryProjection], consistentWith);
    const qb = this.rows.createQueryBuilder('c');
    if (filters.cycleId) qb.andWhere('c.cycle_id = :cycleId', { cycleId: filters.cycleId });
    if (filters.policyAreaId) qb.andWhere('c.policy_area_id = :policyAreaId', { policyAreaId: filters.policyAreaId });
    if (filters.status) qb.andWhere('c.status = :status', { status: filters.status });
    const rows = await afterKey(qb, ['c.drafted_at', 'c.commitment_id'], decodeCursor(cursor, 2), limit + 1).getMany();
    const names = await Names.lookup(this.rows.manager, { policyAreaIds: rows.map((r) => r.policyAreaId) });
    return toPage(rows, limit, (r) => [r.draftedAt.toISOString(), r.commitmentId], (r) => toItem(r, names));
  }
}
