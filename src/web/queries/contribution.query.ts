import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { In, type EntityManager } from 'typeorm';
import { AccountabilityRow } from '../../../projections/accountability/accountability.entity.js';
import { accountabilityProjection } from '../../../projections/accountability/accountability.projection.js';
import { namesFor, presentAccountability, visibleTo, type AccountabilityView } from '../../../projections/accountability/accountability.queries.js';
import { CommitmentRevisionRow } from '../../../projections/commitment-traceability/commitment-traceability.entity.js';
import { commitmentTraceabilityProjection } from '../../../projections/commitment-traceability/commitment-traceability.projection.js';
import { consultationSummaryProjection } from '../../../projections/consultation-summary/consultation-summary.projection.js';
import { ContributionLinkRow } from '../../../projections/contribution-links/contribution-link.entity.js';
import { contributionLinksProjection } from '../../../projections/contribution-links/contribution-links.projection.js';
import { cyclesProjection } from '../../../projections/cycles/cycles.projection.js';
import { stakeholderContributionsProjection } from '../../../projections/stakeholder-contributions/stakeholder-contributions.projection.js';
import { WebReportRow } from '../../../projections/web-pages/web-pages.entity.js';
import { webPagesProjection } from '../../../projections/web-pages/web-pages.projection.js';
import { AsOfService } from '../../audit/as-of/as-of.service.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { streams } from '../../shared/streams.js';
import { PersonalTextPresenter } from '../../read-side/personal-text.js';
import { RecordReader, type HeldBy, type Stamped } from '../record-reader.js';
import { publicSteps, type ContributionStep } from './contribution-steps.js';
import { commitmentTitles, consultationTitles, cycleRef, notFound, organisationNames, PUBLIC, requireUuid, type CycleRef } from './common.js';
import { cycleScope } from './consultation.query.js';

export interface ContributionPageData {
  contribution: AccountabilityView;
  cycle: CycleRef;
  consultationTitle: string | null;
  organisation: { id: string; name: string } | null;
  /** The canonical it duplicates, and whether its page is public. */
  canonical: { contributionId: string; visible: boolean } | null;
  /** Its published duplicates. */
  duplicates: string[];
  commitmentTitles: Record<string, string>;
  /** Commitment revisions that name it. */
  revisions: Array<{ commitmentId: string; revisionNumber: number; occurredAt: string }>;
  /** Published reports that cite it. */
  reports: Array<{ consultationId: string; publishedAt: string | null; url: string | null }>;
  consultationTitles: Record<string, string>;
  /** Its own stream's steps, public fields only, in order: read from the store, up to the events its accountability row reflects. */
  steps: ContributionStep[];
}

export class ContributionPageQuery extends Query<Stamped<ContributionPageData>> {
  constructor(
    readonly contributionId: string,
    readonly asOf?: string,
  ) {
    super();
  }
}

export const CONTRIBUTION_PAGE_PROJECTIONS = [accountabilityProjection, cyclesProjection, consultationSummaryProjection, commitmentTraceabilityProjection, contributionLinksProjection, webPagesProjection, stakeholderContributionsProjection];

@QueryHandler(ContributionPageQuery)
export class ContributionPageHandler implements IQueryHandler<ContributionPageQuery, Stamped<ContributionPageData>> {
  constructor(
    private readonly reader: RecordReader,
    private readonly asOfService: AsOfService,
    private readonly presenter: PersonalTextPresenter,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ contributionId, asOf }: ContributionPageQuery): Promise<Stamped<ContributionPageData>> {
    requireUuid('contribution', contributionId);
    const live = asOf ? await this.reader.live((m) => m.findOne(AccountabilityRow, { select: { contributionId: true, cycleId: true }, where: { contributionId } })) : null;
    if (asOf && !live) throw notFound('contribution', contributionId);
    const scope = live ? cycleScope(this.asOfService, live.cycleId) : undefined;
    // Unknown, unpublished and withdrawn look the same from outside.
    return this.reader.read({ projections: CONTRIBUTION_PAGE_PROJECTIONS, asOf, scope }, (m, _today, _seen, heldBy) => this.load(m, contributionId, heldBy), () => notFound('contribution', contributionId));
  }

  private async load(m: EntityManager, contributionId: string, heldBy: HeldBy): Promise<ContributionPageData | null> {
    const row = await m.findOneBy(AccountabilityRow, { contributionId });
    const view = row && (await presentAccountability(row, PUBLIC, this.presenter, await namesFor(m, [row])));
    if (!row || !view) return null;
    const cycle = await cycleRef(m, row.cycleId);
    if (!cycle) return null;
    const visible = (qb: ReturnType<typeof m.createQueryBuilder<AccountabilityRow>>) => visibleTo(qb, PUBLIC);
    const canonical = view.duplicateOf
      ? { contributionId: view.duplicateOf, visible: (await visible(m.createQueryBuilder(AccountabilityRow, 'a').where('a.contribution_id = :id', { id: view.duplicateOf })).getCount()) > 0 }
      : null;
    const duplicates = (
      await visible(m.createQueryBuilder(AccountabilityRow, 'a').select(['a.contributionId', 'a.receivedAt']).where('a.duplicate_of = :id', { id: contributionId }))
        .orderBy('a.received_at', 'ASC')
        .addOrderBy('a.contribution_id', 'ASC')
        .limit(200)
        .getMany()
    ).map((d) => d.contributionId);
    const revisions = await m
      .createQueryBuilder(CommitmentRevisionRow, 'r')
      .where(':id = ANY(r.in_response_to)', { id: contributionId })
      .orderBy('r.occurred_at', 'ASC')
      .getMany();
    const reportLinks = await m.find(ContributionLinkRow, { where: { contributionId, type: In(['ReportDrafted', 'ReportRevised']) } });
    const reportIds = [...new Set(reportLinks.map((l) => String(l.data.reportId)))];
    const reports = reportIds.length ? await m.find(WebReportRow, { where: { reportId: In(reportIds), status: 'published' }, order: { publishedAt: 'ASC' } }) : [];
    // Its stream's events that the accountability row reflects: the steps and the row show the same moment.
    const steps = publicSteps((await this.store.readStream(streams.contribution(contributionId))).filter(heldBy(accountabilityProjection)));
    const organisations = await organisationNames(m, [view.stakeholderId], this.presenter);
    return {
      contribution: view,
      cycle,
      consultationTitle: (await consultationTitles(m, [view.consultationId]))[view.consultationId] ?? null,
      organisation: view.stakeholderId && organisations[view.stakeholderId] ? { id: view.stakeholderId, name: organisations[view.stakeholderId] } : null,
      canonical,
      duplicates,
      commitmentTitles: await commitmentTitles(m, [...view.commitmentIds, ...(view.commitmentId ? [view.commitmentId] : []), ...revisions.map((r) => r.commitmentId)]),
      revisions: revisions.map((r) => ({ commitmentId: r.commitmentId, revisionNumber: r.revisionNumber, occurredAt: r.occurredAt.toISOString() })),
      reports: reports.map((r) => ({ consultationId: r.consultationId, publishedAt: r.publishedAt?.toISOString() ?? null, url: r.url })),
      consultationTitles: await consultationTitles(m, [view.consultationId, ...reports.map((r) => r.consultationId)]),
      steps,
    };
  }
}
