import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AsOfService } from '../../src/audit/as-of/as-of.service.js';
import { ProblemException } from '../../src/http/problem.js';
import { ConsistencyService } from '../../src/projection-runner/consistency.service.js';
import { decodeCursor, toPage, type Page } from '../../src/read-side/pagination.js';
import { isUuid } from '../shared/aggregate-view.js';
import { afterKey, receiptKey, receiptOrder } from '../shared/keyset.js';
import { ReasonedResponseCycleRow, ReasonedResponseRow } from './reasoned-response.entity.js';
import { reasonedResponseProjection } from './reasoned-response.projection.js';

/** The published reasoned-response matrix's columns, in the order of the contract (JSON and CSV). */
export const REASONED_RESPONSE_COLUMNS = [
  'contributionId',
  'consultationId',
  'policyAreaId',
  'channel',
  'body',
  'decision',
  'rationale',
  'commitmentIds',
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
};

const PROJECTION = 'reasoned-response';
const EXPORT_PAGE = 500;

// Built in the contract's column order: JSON keeps insertion order.
const toItem = (r: ReasonedResponseRow): ReasonedResponseItem => ({
  contributionId: r.contributionId,
  consultationId: r.consultationId,
  policyAreaId: r.policyAreaId,
  channel: r.channel,
  body: r.publicBody,
  decision: r.decision,
  rationale: r.rationale,
  commitmentIds: r.commitmentIds,
});

/** Published (for duplicates: the canonical's response is) and not withdrawn, in received order, after a key. */
function publishedRows(rows: Repository<ReasonedResponseRow>, cycleId: string, after: unknown[] | null, limit: number): Promise<ReasonedResponseRow[]> {
  const qb = rows.createQueryBuilder('r').where('r.cycle_id = :cycleId AND r.published_at IS NOT NULL AND NOT r.withdrawn', { cycleId });
  return afterKey(qb, receiptOrder('r'), after, limit).getMany();
}

async function requireCycle(cycles: Repository<ReasonedResponseCycleRow>, cycleId: string): Promise<void> {
  if (isUuid(cycleId) && (await cycles.existsBy({ cycleId }))) return;
  throw new ProblemException(404, 'CYCLE.NOT_FOUND', 'Not Found', `no cycle ${cycleId}`);
}

export class GetReasonedResponseQuery extends Query<Page<ReasonedResponseItem>> {
  constructor(
    readonly cycleId: string,
    readonly limit: number,
    readonly cursor?: string,
    readonly consistentWith?: string,
    readonly asOf?: string,
  ) {
    super();
  }
}

@QueryHandler(GetReasonedResponseQuery)
export class GetReasonedResponseHandler implements IQueryHandler<GetReasonedResponseQuery, Page<ReasonedResponseItem>> {
  constructor(
    @InjectRepository(ReasonedResponseRow) private readonly rows: Repository<ReasonedResponseRow>,
    @InjectRepository(ReasonedResponseCycleRow) private readonly cycles: Repository<ReasonedResponseCycleRow>,
    private readonly consistency: ConsistencyService,
    private readonly asOf: AsOfService,
  ) {}

  async execute({ cycleId, limit, cursor, consistentWith, asOf }: GetReasonedResponseQuery): Promise<Page<ReasonedResponseItem>> {
    if (asOf !== undefined) {
      return this.asOf.answer(asOf, reasonedResponseProjection, this.asOf.cycle(cycleId), (m) =>
        this.page(m.getRepository(ReasonedResponseRow), m.getRepository(ReasonedResponseCycleRow), cycleId, limit, cursor),
      );
    }
    await this.consistency.waitFor([PROJECTION], consistentWith);
    return this.page(this.rows, this.cycles, cycleId, limit, cursor);
  }

  private async page(
    rowsOf: Repository<ReasonedResponseRow>,
    cycles: Repository<ReasonedResponseCycleRow>,
    cycleId: string,
    limit: number,
    cursor: string | undefined,
  ): Promise<Page<ReasonedResponseItem>> {
    await requireCycle(cycles, cycleId);
    const rows = await publishedRows(rowsOf, cycleId, decodeCursor(cursor, 2), limit + 1);
    return toPage(rows, limit, receiptKey, toItem);
  }
}

/** Every row of the matrix, read page by page as the consumer pulls (the CSV export streams it). */
export class ExportReasonedResponseQuery extends Query<AsyncIterable<ReasonedResponseItem>> {
  constructor(
    readonly cycleId: string,
    readonly consistentWith?: string,
    readonly asOf?: string,
  ) {
    super();
  }
}

@QueryHandler(ExportReasonedResponseQuery)
export class ExportReasonedResponseHandler implements IQueryHandler<ExportReasonedResponseQuery, AsyncIterable<ReasonedResponseItem>> {
  constructor(
    @InjectRepository(ReasonedResponseRow) private readonly rows: Repository<ReasonedResponseRow>,
    @InjectRepository(ReasonedResponseCycleRow) private readonly cycles: Repository<ReasonedResponseCycleRow>,
    private readonly consistency: ConsistencyService,
    private readonly asOf: AsOfService,
  ) {}

  // Checks before it answers, so that a 404 or 503 is still a problem document, not a broken stream.
  async execute({ cycleId, consistentWith, asOf }: ExportReasonedResponseQuery): Promise<AsyncIterable<ReasonedResponseItem>> {
    if (asOf !== undefined) {
      // The scratch tables live only as long as the as-of transaction: read them all before it ends.
      const items = await this.asOf.answer(asOf, reasonedResponseProjection, this.asOf.cycle(cycleId), async (m) => {
        await requireCycle(m.getRepository(ReasonedResponseCycleRow), cycleId);
        const all: ReasonedResponseItem[] = [];
        for await (const item of this.all(m.getRepository(ReasonedResponseRow), cycleId)) all.push(item);
        return all;
      });
      return (async function* () {
        yield* items;
      })();
    }
    await this.consistency.waitFor([PROJECTION], consistentWith);
    await requireCycle(this.cycles, cycleId);
    return this.all(this.rows, cycleId);
  }

  private async *all(rowsOf: Repository<ReasonedResponseRow>, cycleId: string): AsyncGenerator<ReasonedResponseItem> {
    let after: unknown[] | null = null;
    for (;;) {
      const rows = await publishedRows(rowsOf, cycleId, after, EXPORT_PAGE);
      for (const row of rows) yield toItem(row);
      if (rows.length < EXPORT_PAGE) return;
      after = receiptKey(rows[rows.length - 1]);
    }
  }
}
