import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Actor } from '../../src/shared/actor.js';
import { ReadModels } from '../../src/read-side/read-models.js';
import { maySeePersonalData, maySeeRedacted, readerOf, type Reader } from '../../src/read-side/access.js';
import { decodeCursor, toPage, type Page } from '../../src/read-side/pagination.js';
import { PersonalTextPresenter } from '../../src/read-side/personal-text.js';
import { Names } from '../directory/directory.queries.js';
import { afterKey, receiptKey, receiptOrder } from '../shared/keyset.js';
import {
  StakeholderAttendanceRow,
  StakeholderConsultationRow,
  StakeholderInvitationRow,
  StakeholderRow,
} from './stakeholder-contributions.entity.js';
import { DomainError } from '../../src/shared/domain-error.js';
import { directoryProjection } from '../directory/directory.projection.js';
import { stakeholderContributionsProjection } from './stakeholder-contributions.projection.js';
import { AccountabilityRow } from '../accountability/accountability.entity.js';
import { accountabilityProjection } from '../accountability/accountability.projection.js';

/** "You said, we did": one contribution and what became of it. */
export interface StakeholderContributionView {
  contributionId: string;
  cycleId: string;
  consultationId: string;
  consultationTitle: string | null;
  consultationKind: string | null;
  policyAreaId: string | null;
  policyAreaName: string | null;
  channel: string;
  body: string | null;
  bodyErased: boolean;
  commitmentId: string | null;
  receivedAt: string;
  late: boolean;
  status: string;
  addressed: boolean;
  decision: string | null;
  rationale: string | null;
  commitmentIds: string[];
  /** The titles of commitmentIds, in the same order. */
  commitmentTitles: (string | null)[];
  publishedAt: string | null;
  duplicateOf: string | null;
  withdrawn: boolean;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
  redacted: boolean;
  redactionReason: string | null;
}

interface ConsultationRef {
  consultationId: string;
  cycleId: string;
  policyAreaId: string | null;
  title: string | null;
  kind: string | null;
}

export interface StakeholderContributionsView extends Page<StakeholderContributionView> {
  stakeholder: { stakeholderId: string; kind: string; name: string | null; nameErased: boolean };
  /** Every consultation it was invited to (not paginated), and whether it attended. */
  invitations: (ConsultationRef & { invitedAt: string; attended: boolean })[];
  attendance: (ConsultationRef & { recordedAt: string })[];
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export class GetStakeholderContributionsQuery extends Query<StakeholderContributionsView> {
  constructor(
    readonly stakeholderId: string,
    readonly actor: Actor | undefined,
    readonly filters: { cycleId?: string },
    readonly limit: number,
    readonly cursor?: string,
    readonly consistentWith?: string,
  ) {
    super();
  }
}

/** Officials read any stakeholder; a stakeholder only itself (checked before anything is looked up). */
function requireReader(reader: Reader, stakeholderId: string): void {
  if (reader.kind === 'official' || (reader.kind === 'stakeholder' && reader.actor.id === stakeholderId)) return;
  if (reader.kind === 'public') throw new DomainError('AUTH.REQUIRED', 'this endpoint needs a bearer token', 'unauthenticated');
  throw new DomainError('AUTH.OUT_OF_SCOPE', 'a stakeholder may read only its own contributions', 'forbidden');
}

@QueryHandler(GetStakeholderContributionsQuery)
export class GetStakeholderContributionsHandler implements IQueryHandler<GetStakeholderContributionsQuery, StakeholderContributionsView> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly readModels: ReadModels,
    private readonly presenter: PersonalTextPresenter,
  ) {}

  async execute(query: GetStakeholderContributionsQuery): Promise<StakeholderContributionsView> {
    const { stakeholderId, filters, limit } = query;
    const reader = readerOf(query.actor);
    requireReader(reader, stakeholderId);
    await this.readModels.today([stakeholderContributionsProjection, accountabilityProjection, directoryProjection], query.consistentWith);
    const after = decodeCursor(query.cursor, 2);
    // One snapshot for all the tables: the runner may commit a batch between two reads.
    const found = await this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const stakeholder = await m.findOneBy(StakeholderRow, { stakeholderId });
      if (!stakeholder) return null;
      const where = { stakeholderId, ...(filters.cycleId ? { cycleId: filters.cycleId } : {}) };
      const qb = m.createQueryBuilder(AccountabilityRow, 'c').where('c.stakeholder_id = :stakeholderId', { stakeholderId });
      if (filters.cycleId) qb.andWhere('c.cycle_id = :cycleId', { cycleId: filters.cycleId });
      const rows = await afterKey(qb, receiptOrder('c'), after, limit + 1).getMany();
      const invitations = await m.find(StakeholderInvitationRow, { where, order: { invitedAt: 'ASC', consultationId: 'ASC' } });
      const attendance = await m.find(StakeholderAttendanceRow, { where, order: { recordedAt: 'ASC', consultationId: 'ASC' } });
      const consultations = await consultationsOf(m, [...rows, ...invitations, ...attendance].map((r) => r.consultationId));
      const names = await Names.lookup(m, { policyAreaIds: rows.map((r) => r.policyAreaId), commitmentIds: rows.flatMap((r) => r.commitmentIds) });
      return { stakeholder, rows, invitations, attendance, consultations, names };
    });
    if (!found) throw new DomainError('STAKEHOLDER.NOT_FOUND', `no stakeholder ${stakeholderId}`, 'not_found');

    const { stakeholder, invitations, attendance, consultations } = found;
    const ref = (consultationId: string, cycleId: string): ConsultationRef => {
      const c = consultations.get(consultationId);
      return { consultationId, cycleId, policyAreaId: c?.policyAreaId ?? null, title: c?.title ?? null, kind: c?.kind ?? null };
    };
    const attended = new Set(attendance.map((a) => a.consultationId));
    const name = await this.presenter.present(stakeholder.name, maySeePersonalData(reader, stakeholderId));
    const page = await toPage(found.rows, limit, receiptKey, (r) => this.present(r, reader, ref(r.consultationId, r.cycleId), found.names));
    return {
      stakeholder: { stakeholderId, kind: stakeholder.kind, name: name.text, nameErased: name.erased },
      ...page,
      invitations: invitations.map((i) => ({ ...ref(i.consultationId, i.cycleId), invitedAt: i.invitedAt.toISOString(), attended: attended.has(i.consultationId) })),
      attendance: attendance.map((a) => ({ ...ref(a.consultationId, a.cycleId), recordedAt: a.recordedAt.toISOString() })),
    };
  }

  private async present(row: AccountabilityRow, reader: Reader, consultation: ConsultationRef, names: Names): Promise<StakeholderContributionView> {
    const body = await this.presenter.present(row.body, maySeePersonalData(reader, row.stakeholderId));
    return {
      contributionId: row.contributionId,
      cycleId: row.cycleId,
      consultationId: row.consultationId,
      consultationTitle: consultation.title,
      consultationKind: consultation.kind,
      policyAreaId: row.policyAreaId,
      policyAreaName: names.policyAreaName(row.policyAreaId),
      channel: row.channel,
      // As in accountability: a moderator's redaction hides the text from all but the POC and the LFPs.
      body: row.redacted && !maySeeRedacted(reader) ? null : body.text,
      bodyErased: body.erased,
      commitmentId: row.commitmentId,
      receivedAt: row.receivedAt.toISOString(),
      late: row.late,
      status: row.status,
      addressed: row.addressed,
      decision: row.decision,
      rationale: row.rationale,
      commitmentIds: row.commitmentIds,
      commitmentTitles: names.commitmentTitles(row.commitmentIds),
      publishedAt: iso(row.publishedAt),
      duplicateOf: row.duplicateOf,
      withdrawn: row.withdrawn,
      withdrawnAt: iso(row.withdrawnAt),
      withdrawalReason: row.withdrawalReason,
      redacted: row.redacted,
      redactionReason: row.redactionReason,
    };
  }
}

async function consultationsOf(m: EntityManager, ids: string[]): Promise<Map<string, StakeholderConsultationRow>> {
  const unique = [...new Set(ids)];
  const rows = unique.length ? await m.findBy(StakeholderConsultationRow, { consultationId: In(unique) }) : [];
  return new Map(rows.map((r) => [r.consultationId, r]));
}
