import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository, type EntityManager } from 'typeorm';
import type { PastQuery } from '../../src/audit/as-of/as-of-point.js';
import { AsOfService } from '../../src/audit/as-of/as-of.service.js';
import { ReadModels } from '../../src/read-side/read-models.js';
import { csvHeader, csvList, csvRecord } from '../../src/read-side/csv.js';
import { decodeCursor, encodeCursor, type Page } from '../../src/read-side/pagination.js';
import { Names } from '../directory/directory.queries.js';
import { isUuid } from '../shared/aggregate-view.js';
import { afterKey, receiptKey, receiptOrder } from '../shared/keyset.js';
import { DomainError } from '../../src/shared/domain-error.js';
import { directoryProjection } from '../directory/directory.projection.js';
import { combineProjections } from '../../src/projection-runner/projection.js';
import { AccountabilityRow } from '../accountability/accountability.entity.js';
import { accountabilityProjection } from '../accountability/accountability.projection.js';
import { CycleRow } from '../cycles/cycles.entity.js';
import { cyclesProjection } from '../cycles/cycles.projection.js';

/**
 * The matrix has no tables of its own: its rows are the accountability view's (one per contribution,
 * with its outcome), its cycles the cycles view's. As of a past point, both are replayed.
 */
const MATRIX_MODELS = [cyclesProjection, accountabilityProjection];
const MATRIX_AS_OF = combineProjections(MATRIX_MODELS);

/** The body as it may be published: never an individual's (personal data, even encrypted), nor a redacted one. */
export function publicBody(r: AccountabilityRow): string | null {
  return !r.personal && !r.redacted && typeof r.body === 'string' ? r.body : null;
}

/** publicBody in SQL, for a row of accountability under `alias`. */
export const publicBodySql = (alias: string) =>
  `(CASE WHEN NOT ${alias}.personal AND NOT ${alias}.redacted AND jsonb_typeof(${alias}.body) = 'string' THEN ${alias}.body #>> '{}' END)`;

/**
 * The published reasoned-response matrix's columns, in the order of the contract (JSON and CSV):
 * the first eight are DESIGN.md's; later ones are only ever added at the end.
 */
export const REASONED_RESPONSE_COLUMNS = [
  'contributionId',
  'consultationId',
  'policyAreaId',
  'channel',
  'body',
  'decision',
  'rationale',
  'commitmentIds',
  'receivedAt',
  'respondedAt',
  'respondedByInstitution',
  'publishedAt',
  'consultationTitle',
  'policyAreaName',
  'commitmentTitles',
] as const;

export type ReasonedResponseItem = {
  contributionId: string;
  consultationId: string;
  policyAreaId: string | null;
  channel: string;
  /** Null where it is personal data (an individual's contribution) or was redacted. */
  body: string | null;
  decision: string | null;
  rationale: string | null;
  commitmentIds: string[];
  receivedAt: string;
  /** When the response was first given (a duplicate: its canonical's). */
  respondedAt: string | null;
  /** The institution that gave the current response (a duplicate: its canonical's). */
  respondedByInstitution: string | null;
  publishedAt: string | null;
  consultationTitle: string | null;
  policyAreaName: string | null;
  /** The titles of commitmentIds, in the same order. */
  commitmentTitles: (string | null)[];
};

/** The open-data export spans every cycle: the cycle comes first. */
export type ReasonedResponseExportItem = { cycleId: string } & ReasonedResponseItem;

const EXPORT_PAGE = 500;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * The matrix items of some rows, in the contract's column order (JSON keeps insertion order): a
 * duplicate's response times and institution are its canonical root's (the row that holds the
 * response it shows), the names are the directory's.
 */
/** A row's public columns: what the matrix shows before its dates and names. */
export function matrixCore(r: AccountabilityRow) {
  return {
    contributionId: r.contributionId,
    consultationId: r.consultationId,
    policyAreaId: r.policyAreaId,
    channel: r.channel,
    body: publicBody(r),
    decision: r.decision,
    rationale: r.rationale,
    commitmentIds: r.commitmentIds,
  };
}

export async function matrixItems(m: EntityManager, rows: readonly AccountabilityRow[]): Promise<ReasonedResponseExportItem[]> {
  const rootIds = [...new Set(rows.map((r) => r.canonicalRoot).filter((id): id is string => id !== null))];
  const roots = new Map((rootIds.length ? await m.find(AccountabilityRow, { where: { contributionId: In(rootIds) } }) : []).map((r) => [r.contributionId, r]));
  const names = await Names.lookup(m, {
    consultationIds: rows.map((r) => r.consultationId),
    policyAreaIds: rows.map((r) => r.policyAreaId),
    commitmentIds: rows.flatMap((r) => r.commitmentIds),
  });
  return rows.map((r) => {
    const answered = r.duplicateOf !== null ? (roots.get(r.canonicalRoot ?? '') ?? null) : r;
    return {
      cycleId: r.cycleId,
      ...matrixCore(r),
      receivedAt: r.receivedAt.toISOString(),
      respondedAt: iso(answered?.respondedAt ?? null),
      respondedByInstitution: answered?.respondedBy?.institution ?? null,
      publishedAt: iso(r.publishedAt),
      consultationTitle: names.consultationTitle(r.consultationId),
      policyAreaName: names.policyAreaName(r.policyAreaId),
      commitmentTitles: names.commitmentTitles(r.commitmentIds),
    };
  });
}

const withoutCycle = ({ cycleId: _, ...item }: ReasonedResponseExportItem): ReasonedResponseItem => item;

/** One CSV record of an item in the given column order; lists joined by ";". */
export function matrixRecord(item: Partial<ReasonedResponseExportItem>, columns: readonly (keyof ReasonedResponseExportItem)[]): string {
  return csvRecord(columns.map((c) => {
    const value = item[c];
    return Array.isArray(value) ? csvList(value) : (value as string | null | undefined);
  }));
}

/** The matrix of one cycle as CSV: the header, then one record per item. */
export async function* reasonedResponseCsv(items: AsyncIterable<ReasonedResponseItem>, bom: boolean): AsyncGenerator<string> {
  yield csvHeader(REASONED_RESPONSE_COLUMNS, bom);
  for await (const item of items) yield matrixRecord(item, REASONED_RESPONSE_COLUMNS);
}

/** Published (for duplicates: the canonical's response is) and not withdrawn, in received order, after a key. */
function publishedRows(m: EntityManager, cycleId: string, after: unknown[] | null, limit: number): Promise<AccountabilityRow[]> {
  const qb = m.createQueryBuilder(AccountabilityRow, 'r').where('r.cycle_id = :cycleId AND r.published_at IS NOT NULL AND NOT r.withdrawn', { cycleId });
  return afterKey(qb, receiptOrder('r'), after, limit).getMany();
}

async function requireCycle(m: EntityManager, cycleId: string): Promise<void> {
  // The website's CSV route passes its path id unchecked (the API's routes check it with UuidPipe).
  if (isUuid(cycleId) && (await m.existsBy(CycleRow, { cycleId }))) return;
  throw new DomainError('CYCLE.NOT_FOUND', `no cycle ${cycleId}`, 'not_found');
}

export class GetReasonedResponseQuery extends Query<Page<ReasonedResponseItem>> {
  constructor(
    readonly cycleId: string,
    readonly limit: number,
    readonly cursor?: string,
    readonly consistentWith?: string,
    readonly past: PastQuery = {},
  ) {
    super();
  }
}

@QueryHandler(GetReasonedResponseQuery)
export class GetReasonedResponseHandler implements IQueryHandler<GetReasonedResponseQuery, Page<ReasonedResponseItem>> {
  constructor(
    @InjectRepository(AccountabilityRow) private readonly rows: Repository<AccountabilityRow>,
    private readonly readModels: ReadModels,
    private readonly asOf: AsOfService,
  ) {}

  async execute({ cycleId, limit, cursor, consistentWith, past }: GetReasonedResponseQuery): Promise<Page<ReasonedResponseItem>> {
    return this.readModels.read(
      { consistentWith, past },
      [...MATRIX_MODELS, directoryProjection],
      (m, point) => this.page(point ? m : this.rows.manager, cycleId, limit, cursor),
      { projection: MATRIX_AS_OF, scope: this.asOf.cycle(cycleId) },
    );
  }

  private async page(m: EntityManager, cycleId: string, limit: number, cursor: string | undefined): Promise<Page<ReasonedResponseItem>> {
    await requireCycle(m, cycleId);
    const rows = await publishedRows(m, cycleId, decodeCursor(cursor, 2), limit + 1);
    const kept = rows.slice(0, limit);
    return {
      items: (await matrixItems(m, kept)).map(withoutCycle),
      nextCursor: rows.length > limit ? encodeCursor(receiptKey(kept[kept.length - 1])) : null,
    };
  }
}

/** Every row of the matrix, read page by page as the consumer pulls (the CSV export streams it). */
export class ExportReasonedResponseQuery extends Query<AsyncIterable<ReasonedResponseItem>> {
  constructor(
    readonly cycleId: string,
    readonly consistentWith?: string,
    readonly past: PastQuery = {},
  ) {
    super();
  }
}

@QueryHandler(ExportReasonedResponseQuery)
export class ExportReasonedResponseHandler implements IQueryHandler<ExportReasonedResponseQuery, AsyncIterable<ReasonedResponseItem>> {
  constructor(
    @InjectRepository(AccountabilityRow) private readonly rows: Repository<AccountabilityRow>,
    private readonly readModels: ReadModels,
    private readonly asOf: AsOfService,
  ) {}

  // Checks before it answers, so that a 404 or 503 is still a problem document, not a broken stream.
  async execute({ cycleId, consistentWith, past }: ExportReasonedResponseQuery): Promise<AsyncIterable<ReasonedResponseItem>> {
    return this.readModels.read(
      { consistentWith, past },
      [...MATRIX_MODELS, directoryProjection],
      async (m, point): Promise<AsyncIterable<ReasonedResponseItem>> => {
        if (!point) {
          await requireCycle(this.rows.manager, cycleId);
          return this.all(this.rows.manager, cycleId);
        }
        // The scratch tables live only as long as the as-of transaction: read them all before it ends.
        await requireCycle(m, cycleId);
        const items: ReasonedResponseItem[] = [];
        for await (const item of this.all(m, cycleId)) items.push(item);
        return (async function* () {
          yield* items;
        })();
      },
      { projection: MATRIX_AS_OF, scope: this.asOf.cycle(cycleId) },
    );
  }

  private async *all(m: EntityManager, cycleId: string): AsyncGenerator<ReasonedResponseItem> {
    let after: unknown[] | null = null;
    for (;;) {
      const rows = await publishedRows(m, cycleId, after, EXPORT_PAGE);
      for (const item of await matrixItems(m, rows)) yield withoutCycle(item);
      if (rows.length < EXPORT_PAGE) return;
      after = receiptKey(rows[rows.length - 1]);
    }
  }
}
