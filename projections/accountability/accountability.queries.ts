import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Repository, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { PastQuery } from '../../src/audit/as-of/as-of-point.js';
import { AsOfService } from '../../src/audit/as-of/as-of.service.js';
import type { Actor } from '../../src/shared/actor.js';
import { ReadModels } from '../../src/read-side/read-models.js';
import { maySeePersonalData, maySeeRedacted, readerOf, type Reader } from '../../src/read-side/access.js';
import { decodeCursor, toPage, type Page } from '../../src/read-side/pagination.js';
import { PersonalTextPresenter } from '../../src/read-side/personal-text.js';
import { Names } from '../directory/directory.queries.js';
import { afterKey, receiptKey, receiptOrder } from '../shared/keyset.js';
import { AccountabilityRow } from './accountability.entity.js';
import { AccountabilityCache } from './accountability.cache.js';
import { AccountabilityHotRead } from './accountability.hot-read.js';
import { accountabilityProjection } from './accountability.projection.js';
import { DomainError } from '../../src/shared/domain-error.js';
import { directoryProjection } from '../directory/directory.projection.js';

export interface AccountabilityView {
  contributionId: string;
  cycleId: string;
  consultationId: string;
  consultationTitle: string | null;
  policyAreaId: string | null;
  policyAreaName: string | null;
  /** The policy area's lead institution (LFP); null outside a policy area. */
  leadInstitution: string | null;
  stakeholderId: string | null;
  /** An organisation's name; an individual's only for those who may read personal data, never after erasure. */
  stakeholderName: string | null;
  channel: string;
  body: string | null;
  bodyErased: boolean;
  commitmentId: string | null;
  commitmentTitle: string | null;
  receivedAt: string;
  late: boolean;
  source: unknown;
  status: string;
  addressed: boolean;
  decision: string | null;
  rationale: string | null;
  commitmentIds: string[];
  /** The titles of commitmentIds, in the same order. */
  commitmentTitles: (string | null)[];
  responseNumber: number;
  respondedAt: string | null;
  respondedBy: { id: string | null; institution: string | null } | null;
  reviewVerdict: string | null;
  reviewComment: string | null;
  publishedAt: string | null;
  duplicateOf: string | null;
  daysToResponse: number | null;
  withdrawn: boolean;
  withdrawnAt: string | null;
  redacted: boolean;
  redactionReason: string | null;
  /** The contribution stream's revision: the ETag, and what If-Match on its commands expects. */
  revision: number;
  position: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The names an answer over these rows shows beside their ids, looked up in one go. */
export function namesFor(m: EntityManager, rows: readonly AccountabilityRow[]): Promise<Names> {
  return Names.lookup(m, {
    consultationIds: rows.map((r) => r.consultationId),
    policyAreaIds: rows.map((r) => r.policyAreaId),
    commitmentIds: rows.flatMap((r) => [r.commitmentId, ...r.commitmentIds]),
    stakeholderIds: rows.map((r) => r.stakeholderId),
  });
}

/** What a reader may see of a row (null: not at all). Public: published, not withdrawn, no personal data. */
export async function presentAccountability(row: AccountabilityRow, reader: Reader, presenter: PersonalTextPresenter, names: Names): Promise<AccountabilityView | null> {
  const own = reader.kind === 'stakeholder' && row.stakeholderId === reader.actor.id;
  const full = reader.kind === 'official' || own;
  if (!full && (row.publishedAt === null || row.withdrawn)) return null;
  const hidden = row.redacted && !maySeeRedacted(reader);
  const body = hidden ? { text: null, erased: false } : await presenter.present(row.body, maySeePersonalData(reader, row.stakeholderId));
  const stakeholderId = row.personal && !full ? null : row.stakeholderId;
  return {
    contributionId: row.contributionId,
    cycleId: row.cycleId,
    consultationId: row.consultationId,
    consultationTitle: names.consultationTitle(row.consultationId),
    policyAreaId: row.policyAreaId,
    policyAreaName: names.policyAreaName(row.policyAreaId),
    leadInstitution: row.leadInstitution ?? names.leadInstitution(row.policyAreaId),
    stakeholderId,
    stakeholderName: await names.stakeholderName(stakeholderId, reader, presenter),
    channel: row.channel,
    body: body.text,
    bodyErased: body.erased,
    commitmentId: row.commitmentId,
    commitmentTitle: names.commitmentTitle(row.commitmentId),
    receivedAt: row.receivedAt.toISOString(),
    late: row.late,
    source: row.source,
    status: row.status,
    addressed: row.addressed,
    decision: row.decision,
    rationale: row.rationale,
    commitmentIds: row.commitmentIds,
    commitmentTitles: names.commitmentTitles(row.commitmentIds),
    responseNumber: row.responseNumber,
    respondedAt: iso(row.respondedAt),
    respondedBy: row.respondedBy && { id: full ? row.respondedBy.id : null, institution: row.respondedBy.institution },
    reviewVerdict: row.ownVerdict,
    reviewComment: full ? row.reviewComment : null,
    publishedAt: iso(row.publishedAt),
    duplicateOf: row.duplicateOf,
    daysToResponse: row.daysToResponse,
    withdrawn: row.withdrawn,
    withdrawnAt: iso(row.withdrawnAt),
    redacted: row.redacted,
    redactionReason: row.redactionReason,
    revision: row.revision,
    position: row.position,
  };
}

export class GetAccountabilityQuery extends Query<AccountabilityView> {
  constructor(
    readonly contributionId: string,
    readonly actor: Actor | undefined,
    readonly consistentWith?: string,
    readonly past: PastQuery = {},
  ) {
    super();
  }
}

@QueryHandler(GetAccountabilityQuery)
export class GetAccountabilityHandler implements IQueryHandler<GetAccountabilityQuery, AccountabilityView> {
  constructor(
    @InjectRepository(AccountabilityRow) private readonly rows: Repository<AccountabilityRow>,
    private readonly readModels: ReadModels,
    private readonly presenter: PersonalTextPresenter,
    private readonly asOf: AsOfService,
    private readonly hot: AccountabilityHotRead,
    private readonly cache: AccountabilityCache,
  ) {}

  async execute({ contributionId, actor, consistentWith, past }: GetAccountabilityQuery): Promise<AccountabilityView> {
    return this.readModels.read(
      { consistentWith, past },
      [accountabilityProjection, directoryProjection],
      async (m, point) => {
        if (point) return this.find(m, contributionId, actor);
        // Today's answer, the hot path: the row and its names in one prepared statement, or kept
        // in this process (not for read-your-writes: the checkpoint it waited on is in the database).
        const read = () => this.hot.find(contributionId);
        const found = consistentWith ? await read() : await this.cache.find(contributionId, read);
        return found ? this.present(contributionId, found.row, actor, found.names) : notFound(contributionId);
      },
      // The row depends only on the contribution's stream and its canonical chain's.
      { projection: accountabilityProjection, scope: this.asOf.contributionChain(contributionId) },
    );
  }

  private async find(m: EntityManager, contributionId: string, actor: Actor | undefined): Promise<AccountabilityView> {
    const row = await m.getRepository(AccountabilityRow).findOneBy({ contributionId });
    return row ? this.present(contributionId, row, actor, await namesFor(m, [row])) : notFound(contributionId);
  }

  private async present(contributionId: string, row: AccountabilityRow, actor: Actor | undefined, names: Names): Promise<AccountabilityView> {
    return (await presentAccountability(row, readerOf(actor), this.presenter, names)) ?? notFound(contributionId);
  }
}

function notFound(contributionId: string): never {
  throw new DomainError('CONTRIBUTION.NOT_FOUND', `no contribution ${contributionId} that you may read`, 'not_found');
}

export interface ContributionFilters {
  cycleId?: string;
  consultationId?: string;
  policyAreaId?: string;
  status?: string;
  addressed?: boolean;
  stakeholderId?: string;
}

export class ListContributionsQuery extends Query<Page<AccountabilityView>> {
  constructor(
    readonly filters: ContributionFilters,
    readonly actor: Actor | undefined,
    readonly limit: number,
    readonly cursor?: string,
    readonly consistentWith?: string,
  ) {
    super();
  }
}

/** Restricts a query to the rows a reader may list. */
export function visibleTo(qb: SelectQueryBuilder<AccountabilityRow>, reader: Reader): SelectQueryBuilder<AccountabilityRow> {
  if (reader.kind === 'official') return qb;
  const published = 'a.published_at IS NOT NULL AND NOT a.withdrawn';
  if (reader.kind === 'public') return qb.andWhere(published);
  return qb.andWhere(new Brackets((w) => w.where(published).orWhere('a.stakeholder_id = :me', { me: reader.actor.id })));
}

@QueryHandler(ListContributionsQuery)
export class ListContributionsHandler implements IQueryHandler<ListContributionsQuery, Page<AccountabilityView>> {
  constructor(
    @InjectRepository(AccountabilityRow) private readonly rows: Repository<AccountabilityRow>,
    private readonly readModels: ReadModels,
    private readonly presenter: PersonalTextPresenter,
  ) {}

  async execute(query: ListContributionsQuery): Promise<Page<AccountabilityView>> {
    await this.readModels.today([accountabilityProjection, directoryProjection], query.consistentWith);
    const reader = readerOf(query.actor);
    const f = query.filters;
    const qb = this.rows.createQueryBuilder('a');
    if (f.cycleId) qb.andWhere('a.cycle_id = :cycleId', { cycleId: f.cycleId });
    if (f.consultationId) qb.andWhere('a.consultation_id = :consultationId', { consultationId: f.consultationId });
    if (f.policyAreaId) qb.andWhere('a.policy_area_id = :policyAreaId', { policyAreaId: f.policyAreaId });
    if (f.status) qb.andWhere('a.status = :status', { status: f.status });
    if (f.addressed !== undefined) qb.andWhere('a.addressed = :addressed', { addressed: f.addressed });
    if (f.stakeholderId) qb.andWhere('a.stakeholder_id = :stakeholderId', { stakeholderId: f.stakeholderId });
    visibleTo(qb, reader);
    const after = decodeCursor(query.cursor, 2);
    const rows = await afterKey(qb, receiptOrder('a'), after, query.limit + 1).getMany();
    const names = await namesFor(this.rows.manager, rows);
    const page = await toPage(rows, query.limit, receiptKey, (r) => presentAccountability(r, reader, this.presenter, names));
    return { items: page.items.filter((v): v is AccountabilityView => v !== null), nextCursor: page.nextCursor };
  }
}
