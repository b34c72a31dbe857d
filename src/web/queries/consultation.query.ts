import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { AccountabilityRow } from '../../../projections/accountability/accountability.entity.js';
import { accountabilityProjection } from '../../../projections/accountability/accountability.projection.js';
import { namesFor, presentAccountability, visibleTo, type AccountabilityView } from '../../../projections/accountability/accountability.queries.js';
import { commitmentTraceabilityProjection } from '../../../projections/commitment-traceability/commitment-traceability.projection.js';
import { ConsultationSummaryRow } from '../../../projections/consultation-summary/consultation-summary.entity.js';
import { consultationSummaryProjection } from '../../../projections/consultation-summary/consultation-summary.projection.js';
import { cyclesProjection } from '../../../projections/cycles/cycles.projection.js';
import { countByDecision } from '../../../projections/shared/aggregate-view.js';
import { afterKey, receiptKey, receiptOrder } from '../../../projections/shared/keyset.js';
import { stakeholderContributionsProjection } from '../../../projections/stakeholder-contributions/stakeholder-contributions.projection.js';
import { WebConsultationRow, WebMaterialRow, WebReportRow } from '../../../projections/web-pages/web-pages.entity.js';
import { webPagesProjection } from '../../../projections/web-pages/web-pages.projection.js';
import { AsOfService } from '../../audit/as-of/as-of.service.js';
import type { Decision } from '../../contributions/domain/events.js';
import { decodeCursor, toPage, type Page } from '../../read-side/pagination.js';
import { PersonalTextPresenter } from '../../read-side/personal-text.js';
import { RecordReader, type Stamped } from '../record-reader.js';
import { commitmentTitles, cycleRef, notFound, organisationNames, PAGE_SIZE, PUBLIC, requireUuid, type CycleRef } from './common.js';

export interface ContributionFilter {
  decision?: string;
  status?: string;
  /** Items per page (kept in the page links). */
  limit?: number;
}

export interface ConsultationPageData {
  consultation: {
    consultationId: string;
    kind: string;
    title: string;
    description: string | null;
    leadInstitution: string | null;
    policyAreaId: string | null;
    announcedAt: string;
    opensAt: string;
    closesAt: string;
    closedAt: string | null;
  };
  cycle: CycleRef;
  counts: { received: number; withdrawn: number; addressed: number; unaddressed: number; late: number; byDecision: Record<Decision, number> };
  materials: Array<{ kind: string; title: string; url: string; publishedAt: string }>;
  /** The published report, if any: a draft is not public. */
  report: { summary: string; url: string | null; publishedAt: string | null } | null;
  contributions: Page<AccountabilityView>;
  commitmentTitles: Record<string, string>;
  organisations: Record<string, string>;
}

export class ConsultationPageQuery extends Query<Stamped<ConsultationPageData>> {
  constructor(
    readonly consultationId: string,
    readonly filter: ContributionFilter,
    readonly cursor?: string,
    readonly asOf?: string,
    readonly limit = PAGE_SIZE,
  ) {
    super();
  }
}

export const CONSULTATION_PAGE_PROJECTIONS = [consultationSummaryProjection, cyclesProjection, accountabilityProjection, webPagesProjection, commitmentTraceabilityProjection, stakeholderContributionsProjection];

/** The scope of an as-of answer for a page of one cycle: its events, and the registrations that name organisations. */
export function cycleScope(asOf: AsOfService, cycleId: string) {
  const { keep } = asOf.cycle(cycleId) as { keep: (e: { type: string; data: Record<string, unknown> }) => boolean };
  return { keep: (e: { type: string; data: Record<string, unknown> }) => keep(e) || e.type === 'StakeholderRegistered' };
}

@QueryHandler(ConsultationPageQuery)
export class ConsultationPageHandler implements IQueryHandler<ConsultationPageQuery, Stamped<ConsultationPageData>> {
  constructor(
    private readonly reader: RecordReader,
    private readonly asOfService: AsOfService,
    private readonly presenter: PersonalTextPresenter,
  ) {}

  async execute({ consultationId, filter, cursor, asOf, limit }: ConsultationPageQuery): Promise<Stamped<ConsultationPageData>> {
    requireUuid('consultation', consultationId);
    const after = decodeCursor(cursor, 2);
    // A consultation never changes cycle: today's row says which cycle's events the past needs.
    const live = asOf ? await this.reader.live((m) => m.findOneBy(ConsultationSummaryRow, { consultationId })) : null;
    if (asOf && !live) throw notFound('consultation', consultationId);
    const scope = live ? cycleScope(this.asOfService, live.cycleId) : undefined;
    // A consultation may hold thousands of contributions: its pages are kept a moment (WEB_PAGE_CACHE_MS).
    const cacheKey = JSON.stringify(['consultation', consultationId, filter.decision, filter.status, cursor, limit]);
    return this.reader.read({ projections: CONSULTATION_PAGE_PROJECTIONS, asOf, scope, cacheKey }, (m) => this.load(m, consultationId, filter, after, limit), () => notFound('consultation', consultationId));
  }

  private async load(m: EntityManager, consultationId: string, filter: ContributionFilter, after: unknown[] | null, limit: number): Promise<ConsultationPageData | null> {
    const row = await m.findOneBy(ConsultationSummaryRow, { consultationId });
    if (!row) return null;
    const cycle = await cycleRef(m, row.cycleId);
    if (!cycle) return null;
    const web = await m.findOneBy(WebConsultationRow, { consultationId });
    const materials = await m.find(WebMaterialRow, { where: { consultationId }, order: { publishedAt: 'ASC', materialId: 'ASC' } });
    const report = await m.findOne(WebReportRow, { where: { consultationId, status: 'published' }, order: { draftedAt: 'DESC' } });
    // As the consultation summary counts for anonymous callers: decisions of published responses only.
    const shown = 'published_at IS NOT NULL';
    const [counts] = (await m.query(
      `SELECT count(*)::int AS received,
              count(*) FILTER (WHERE withdrawn)::int AS withdrawn,
              count(*) FILTER (WHERE NOT withdrawn AND addressed AND ${shown})::int AS addressed,
              count(*) FILTER (WHERE NOT withdrawn AND NOT (addressed AND ${shown}))::int AS unaddressed,
              count(*) FILTER (WHERE late)::int AS late,
              coalesce((SELECT jsonb_agg(jsonb_build_object('decision', g.decision, 'count', g.count)) FROM (
                 SELECT decision, count(*)::int AS count FROM accountability
                  WHERE consultation_id = $1 AND NOT withdrawn AND decision IS NOT NULL AND ${shown} GROUP BY decision) g), '[]'::jsonb) AS "byDecision"
         FROM accountability WHERE consultation_id = $1`,
      [consultationId],
    )) as Array<Omit<ConsultationPageData['counts'], 'byDecision'> & { byDecision: Array<{ decision: string; count: number }> }>;

    const qb = visibleTo(m.getRepository(AccountabilityRow).createQueryBuilder('a').where('a.consultation_id = :consultationId', { consultationId }), PUBLIC);
    if (filter.decision) qb.andWhere('a.decision = :decision', { decision: filter.decision });
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    const rows = await afterKey(qb, receiptOrder('a'), after, limit + 1).getMany();
    const names = await namesFor(m, rows);
    const page = await toPage(rows, limit, receiptKey, (r) => presentAccountability(r, PUBLIC, this.presenter, names));
    const contributions = { items: page.items.filter((v): v is AccountabilityView => v !== null), nextCursor: page.nextCursor };
    return {
      consultation: {
        consultationId,
        kind: row.kind,
        title: row.title,
        description: web?.description ?? null,
        leadInstitution: web?.leadInstitution ?? null,
        policyAreaId: row.policyAreaId,
        announcedAt: row.announcedAt.toISOString(),
        opensAt: row.opensAt.toISOString(),
        closesAt: row.closesAt.toISOString(),
        closedAt: row.closedAt?.toISOString() ?? null,
      },
      cycle,
      counts: { ...counts, byDecision: countByDecision(counts.byDecision) },
      materials: materials.map((x) => ({ kind: x.kind, title: x.title, url: x.url, publishedAt: x.publishedAt.toISOString() })),
      report: report && { summary: report.summary, url: report.url, publishedAt: report.publishedAt?.toISOString() ?? null },
      contributions,
      commitmentTitles: await commitmentTitles(m, contributions.items.flatMap((c) => c.commitmentIds)),
      organisations: await organisationNames(m, contributions.items.map((c) => c.stakeholderId), this.presenter),
    };
  }
}
