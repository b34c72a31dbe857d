import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { afterKey, receiptKey, receiptOrder } from '../../../projections/shared/keyset.js';
import { StakeholderRow } from '../../../projections/stakeholder-contributions/stakeholder-contributions.entity.js';
import { AccountabilityRow } from '../../../projections/accountability/accountability.entity.js';
import { accountabilityProjection } from '../../../projections/accountability/accountability.projection.js';
import { stakeholderContributionsProjection } from '../../../projections/stakeholder-contributions/stakeholder-contributions.projection.js';
import { decodeCursor, toPage, type Page } from '../../read-side/pagination.js';
import { PersonalTextPresenter } from '../../read-side/personal-text.js';
import { RecordReader, type Stamped } from '../record-reader.js';
import { commitmentTitles, consultationTitles, notFound, PAGE_SIZE, requireUuid } from './common.js';

export interface OrganisationContribution {
  contributionId: string;
  consultationId: string;
  channel: string;
  receivedAt: string;
  /** Null when a moderator redacted it. */
  body: string | null;
  status: string;
  decision: string | null;
  rationale: string | null;
  commitmentIds: string[];
}

export interface StakeholderPageData {
  stakeholder: { stakeholderId: string; kind: string; name: string };
  contributions: Page<OrganisationContribution>;
  consultationTitles: Record<string, string>;
  commitmentTitles: Record<string, string>;
}

export class StakeholderPageQuery extends Query<Stamped<StakeholderPageData>> {
  constructor(
    readonly stakeholderId: string,
    readonly cursor?: string,
    readonly asOf?: string,
    readonly limit = PAGE_SIZE,
  ) {
    super();
  }
}

/**
 * An organisation's page: what it said (published) and what became of it. An individual has no
 * page: answered as unknown, so the site does not even tell that the id is a person's.
 */
@QueryHandler(StakeholderPageQuery)
export class StakeholderPageHandler implements IQueryHandler<StakeholderPageQuery, Stamped<StakeholderPageData>> {
  constructor(
    private readonly reader: RecordReader,
    private readonly presenter: PersonalTextPresenter,
  ) {}

  async execute({ stakeholderId, cursor, asOf, limit }: StakeholderPageQuery): Promise<Stamped<StakeholderPageData>> {
    requireUuid('stakeholder', stakeholderId);
    const after = decodeCursor(cursor, 2);
    return this.reader.read({ projections: [stakeholderContributionsProjection, accountabilityProjection], asOf }, (m) => this.load(m, stakeholderId, after, limit), () => notFound('stakeholder', stakeholderId));
  }

  private async load(m: EntityManager, stakeholderId: string, after: unknown[] | null, limit: number): Promise<StakeholderPageData | null> {
    const s = await m.findOneBy(StakeholderRow, { stakeholderId });
    if (!s || s.kind === 'individual' || typeof s.name !== 'string') return null;
    const qb = m
      .createQueryBuilder(AccountabilityRow, 'c')
      .where('c.stakeholder_id = :stakeholderId AND c.published_at IS NOT NULL AND NOT c.withdrawn', { stakeholderId });
    const rows = await afterKey(qb, receiptOrder('c'), after, limit + 1).getMany();
    const contributions = await toPage(rows, limit, receiptKey, async (r): Promise<OrganisationContribution> => {
      const body = await this.presenter.present(r.body, false);
      return {
        contributionId: r.contributionId,
        consultationId: r.consultationId,
        channel: r.channel,
        receivedAt: r.receivedAt.toISOString(),
        body: r.redacted ? null : body.text,
        status: r.status,
        decision: r.decision,
        rationale: r.rationale,
        commitmentIds: r.commitmentIds,
      };
    });
    return {
      stakeholder: { stakeholderId, kind: s.kind, name: s.name },
      contributions,
      consultationTitles: await consultationTitles(m, contributions.items.map((c) => c.consultationId)),
      commitmentTitles: await commitmentTitles(m, contributions.items.flatMap((c) => c.commitmentIds)),
    };
  }
}
