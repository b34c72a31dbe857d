import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { CommitmentTraceabilityRow } from '../../../projections/commitment-traceability/commitment-traceability.entity.js';
import { AccountabilityRow } from '../../../projections/accountability/accountability.entity.js';
import { accountabilityProjection } from '../../../projections/accountability/accountability.projection.js';
import { commitmentTraceabilityProjection } from '../../../projections/commitment-traceability/commitment-traceability.projection.js';
import { commitmentSources } from '../../../projections/commitment-traceability/commitment-traceability.queries.js';
import type { CommitmentChanges } from '../../commitments/domain/events.js';
import { cyclesProjection } from '../../../projections/cycles/cycles.projection.js';
import { WebCommitmentRow } from '../../../projections/web-pages/web-pages.entity.js';
import { webPagesProjection } from '../../../projections/web-pages/web-pages.projection.js';
import { AsOfService } from '../../audit/as-of/as-of.service.js';
import { RecordReader, type Stamped } from '../record-reader.js';
import { cycleRef, notFound, requireUuid, type CycleRef } from './common.js';

export interface CommitmentPageData {
  commitment: {
    commitmentId: string;
    title: string;
    status: string;
    policyAreaId: string;
    leadInstitution: string;
    supportingInstitutions: string[];
    problem: string | null;
    description: string | null;
    ogpValues: string[];
    milestones: Array<{ title: string; dueDate: string }>;
    draftedAt: string;
    withdrawnAt: string | null;
    withdrawalReason: string | null;
  };
  cycle: CycleRef;
  revisions: Array<{ revisionNumber: number; changes: CommitmentChanges; occurredAt: string; actorInstitution: string | null; published: string[]; unpublished: number }>;
  /** Published contributions that shaped it: by a response linking it, or named by a revision. */
  contributions: Array<{ contributionId: string; decision: string | null; via: 'response' | 'revision' }>;
}

export class CommitmentPageQuery extends Query<Stamped<CommitmentPageData>> {
  constructor(
    readonly commitmentId: string,
    readonly asOf?: string,
  ) {
    super();
  }
}

/** A contribution's link is public once its response is published and it is not withdrawn (as in traceability). */
const isPublic = (row: AccountabilityRow) => row.publishedAt !== null && !row.withdrawn;

@QueryHandler(CommitmentPageQuery)
export class CommitmentPageHandler implements IQueryHandler<CommitmentPageQuery, Stamped<CommitmentPageData>> {
  constructor(
    private readonly reader: RecordReader,
    private readonly asOfService: AsOfService,
  ) {}

  async execute({ commitmentId, asOf }: CommitmentPageQuery): Promise<Stamped<CommitmentPageData>> {
    requireUuid('commitment', commitmentId);
    const live = asOf ? await this.reader.live((m) => m.findOneBy(CommitmentTraceabilityRow, { commitmentId })) : null;
    if (asOf && !live) throw notFound('commitment', commitmentId);
    const scope = live ? this.asOfService.cycle(live.cycleId) : undefined;
    return this.reader.read({ projections: [commitmentTraceabilityProjection, accountabilityProjection, webPagesProjection, cyclesProjection], asOf, scope }, (m) => this.load(m, commitmentId), () => notFound('commitment', commitmentId));
  }

  private async load(m: EntityManager, commitmentId: string): Promise<CommitmentPageData | null> {
    const c = await m.findOneBy(CommitmentTraceabilityRow, { commitmentId });
    if (!c) return null;
    const cycle = await cycleRef(m, c.cycleId);
    if (!cycle) return null;
    const text = await m.findOneBy(WebCommitmentRow, { commitmentId });
    const { revisions, byResponse, byRevision } = await commitmentSources(m, commitmentId);
    const publicIds = new Set([...byResponse, ...byRevision].filter(isPublic).map((r) => r.contributionId));
    const seen = new Set<string>();
    const contributions: CommitmentPageData['contributions'] = [];
    for (const [rows, via] of [[byResponse, 'response'], [byRevision, 'revision']] as const) {
      for (const row of rows) {
        if (!isPublic(row) || seen.has(row.contributionId)) continue;
        seen.add(row.contributionId);
        contributions.push({ contributionId: row.contributionId, decision: row.decision, via });
      }
    }
    return {
      commitment: {
        commitmentId,
        title: c.title,
        status: c.status,
        policyAreaId: c.policyAreaId,
        leadInstitution: c.leadInstitution,
        supportingInstitutions: text?.supportingInstitutions ?? [],
        problem: text?.problem ?? null,
        description: text?.description ?? null,
        ogpValues: text?.ogpValues ?? [],
        milestones: text?.milestones ?? [],
        draftedAt: c.draftedAt.toISOString(),
        withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
        withdrawalReason: c.withdrawalReason,
      },
      cycle,
      revisions: revisions.map((r) => ({
        revisionNumber: r.revisionNumber,
        changes: r.changes,
        occurredAt: r.occurredAt.toISOString(),
        actorInstitution: r.actorInstitution,
        published: r.inResponseTo.filter((id) => publicIds.has(id)),
        unpublished: r.inResponseTo.filter((id) => !publicIds.has(id)).length,
      })),
      contributions,
    };
  }
}
