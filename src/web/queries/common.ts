import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { CommitmentTraceabilityRow } from '../../../projections/commitment-traceability/commitment-traceability.entity.js';
import { ConsultationSummaryRow } from '../../../projections/consultation-summary/consultation-summary.entity.js';
import { CycleRow } from '../../../projections/cycles/cycles.entity.js';
import { isUuid } from '../../../projections/shared/aggregate-view.js';
import { StakeholderRow } from '../../../projections/stakeholder-contributions/stakeholder-contributions.entity.js';
import { ProblemException } from '../../http/problem.js';
import type { Reader } from '../../read-side/access.js';

/** Every page reads as an anonymous API caller does: published data only, no personal data. */
export const PUBLIC: Reader = { kind: 'public' };

export const PAGE_SIZE = 20;

export const notFound = (what: string, id: string) => new ProblemException(404, `${what.toUpperCase()}.NOT_FOUND`, 'Not Found', `no ${what} ${id}`);

export function requireUuid(what: string, id: string): void {
  if (!isUuid(id)) throw notFound(what, id);
}

export interface Named {
  id: string;
  name: string;
}

export interface CycleRef {
  cycleId: string;
  title: string;
  policyAreas: Array<{ id: string; name: string; leadInstitution: string }>;
}

export async function cycleRef(m: EntityManager, cycleId: string): Promise<CycleRef | null> {
  const row = await m.findOneBy(CycleRow, { cycleId });
  return row && { cycleId: row.cycleId, title: row.title, policyAreas: row.policyAreas };
}

const unique = (ids: readonly (string | null | undefined)[]) => [...new Set(ids.filter((id): id is string => typeof id === 'string'))];

/** Commitment titles by id. */
export async function commitmentTitles(m: EntityManager, ids: readonly string[]): Promise<Record<string, string>> {
  const wanted = unique(ids).filter(isUuid);
  if (wanted.length === 0) return {};
  const rows = await m.find(CommitmentTraceabilityRow, { select: { commitmentId: true, title: true }, where: { commitmentId: In(wanted) } });
  return Object.fromEntries(rows.map((r) => [r.commitmentId, r.title]));
}

/** Consultation titles by id. */
export async function consultationTitles(m: EntityManager, ids: readonly string[]): Promise<Record<string, string>> {
  const wanted = unique(ids).filter(isUuid);
  if (wanted.length === 0) return {};
  const rows = await m.find(ConsultationSummaryRow, { select: { consultationId: true, title: true }, where: { consultationId: In(wanted) } });
  return Object.fromEntries(rows.map((r) => [r.consultationId, r.title]));
}

/**
 * Names of organisations by id. Individuals are left out whatever the caller asks: their names are
 * personal data (and a stored individual's name is an encrypted envelope, not a string).
 */
export async function organisationNames(m: EntityManager, ids: readonly (string | null)[]): Promise<Record<string, string>> {
  const wanted = unique(ids).filter(isUuid);
  if (wanted.length === 0) return {};
  const rows = await m.find(StakeholderRow, { where: { stakeholderId: In(wanted) } });
  return Object.fromEntries(rows.filter((r) => r.kind !== 'individual' && typeof r.name === 'string').map((r) => [r.stakeholderId, r.name as string]));
}
