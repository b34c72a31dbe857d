import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Actor } from '../../src/shared/actor.js';
import { ReadModels } from '../../src/read-side/read-models.js';
import { readerOf, type Reader } from '../../src/read-side/access.js';
import { decodeCursor, toPage, type Page } from '../../src/read-side/pagination.js';
import { Names } from '../directory/directory.queries.js';
import { afterKey } from '../shared/keyset.js';
import { ReportRow, type FeedbackRound } from './reports.entity.js';
import { DomainError } from '../../src/shared/domain-error.js';
import { directoryProjection } from '../directory/directory.projection.js';
import { reportsProjection } from './reports.projection.js';

export interface ReportView {
  reportId: string;
  consultationId: string;
  consultationTitle: string | null;
  cycleId: string;
  policyAreaId: string | null;
  policyAreaName: string | null;
  /** Who writes it: the policy area's lead, or the POC institution outside any area. */
  leadInstitution: string | null;
  status: string;
  summary: string;
  contributionIds: string[];
  revisionNumber: number;
  feedback: FeedbackRound[];
  draftedAt: string;
  submittedAt: string | null;
  acceptedAt: string | null;
  publishedAt: string | null;
  url: string | null;
  /** The report stream's revision: the ETag, and what If-Match on its commands expects. */
  revision: number;
  position: string;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Officials read every report; anyone else those published (the public event log shows them, drafts and feedback included). */
const mayRead = (reader: Reader, row: ReportRow) => reader.kind === 'official' || row.status === 'published';

function toView(r: ReportRow, names: Names): ReportView {
  return {
    reportId: r.reportId,
    consultationId: r.consultationId,
    consultationTitle: names.consultationTitle(r.consultationId),
    cycleId: r.cycleId,
    policyAreaId: r.policyAreaId,
    policyAreaName: names.policyAreaName(r.policyAreaId),
    leadInstitution: names.consultationLead(r.consultationId) ?? names.leadInstitution(r.policyAreaId),
    status: r.status,
    summary: r.summary,
    contributionIds: r.contributionIds,
    revisionNumber: r.revisionNumber,
    feedback: r.feedback,
    draftedAt: r.draftedAt.toISOString(),
    submittedAt: iso(r.submittedAt),
    acceptedAt: iso(r.acceptedAt),
    publishedAt: iso(r.publishedAt),
    url: r.url,
    revision: r.revision,
    position: r.position,
  };
}

const namesOf = (rows: Repository<ReportRow>, list: readonly ReportRow[]) =>
  Names.lookup(rows.manager, { consultationIds: list.map((r) => r.consultationId), policyAreaIds: list.map((r) => r.policyAreaId) });

export class GetReportQuery extends Query<ReportView> {
  constructor(
    readonly reportId: string,
    readonly actor: Actor | undefined,
    readonly consistentWith?: string,
  ) {
    super();
  }
}

@QueryHandler(GetReportQuery)
export class GetReportHandler implements IQueryHandler<GetReportQuery, ReportView> {
  constructor(
    @InjectRepository(ReportRow) private readonly rows: Repository<ReportRow>,
    private readonly readModels: ReadModels,
  ) {}

  async execute({ reportId, actor, consistentWith }: GetReportQuery): Promise<ReportView> {
    await this.readModels.today([reportsProjection, directoryProjection], consistentWith);
    const row = await this.rows.findOneBy({ reportId });
    if (!row || !mayRead(readerOf(actor), row)) throw new DomainError('REPORT.NOT_FOUND', `no report ${reportId} that you may read`, 'not_found');
    return toView(row, await namesOf(this.rows, [row]));
  }
}

export interface ReportFilters {
  cycleId?: string;
  consultationId?: string;
  status?: string;
}

export class ListReportsQuery extends Query<Page<ReportView>> {
  constructor(
    readonly filters: ReportFilters,
    readonly actor: Actor | undefined,
    readonly limit: number,
    readonly cursor?: string,
    readonly consistentWith?: string,
  ) {
    super();
  }
}

@QueryHandler(ListReportsQuery)
export class ListReportsHandler implements IQueryHandler<ListReportsQuery, Page<ReportView>> {
  constructor(
    @InjectRepository(ReportRow) private readonly rows: Repository<ReportRow>,
    private readonly readModels: ReadModels,
  ) {}

  /** In drafting order. */
  async execute({ filters, actor, limit, cursor, consistentWith }: ListReportsQuery): Promise<Page<ReportView>> {
    await this.readModels.today([reportsProjection, directoryProjection], consistentWith);
    const qb = this.rows.createQueryBuilder('r');
    if (filters.cycleId) qb.andWhere('r.cycle_id = :cycleId', { cycleId: filters.cycleId });
    if (filters.consultationId) qb.andWhere('r.consultation_id = :consultationId', { consultationId: filters.consultationId });
    if (filters.status) qb.andWhere('r.status = :status', { status: filters.status });
    if (readerOf(actor).kind !== 'official') qb.andWhere("r.status = 'published'");
    const rows = await afterKey(qb, ['r.drafted_at', 'r.report_id'], decodeCursor(cursor, 2), limit + 1).getMany();
    const names = await namesOf(this.rows, rows.slice(0, limit));
    return toPage(rows, limit, (r) => [r.draftedAt.toISOString(), r.reportId], (r) => toView(r, names));
  }
}
