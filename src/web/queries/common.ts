import type { EntityManager } from 'typeorm';
import { CycleRow } from '../../../projections/cycles/cycles.entity.js';
import { isUuid } from '../../../projections/shared/aggregate-view.js';
import { Names, stakeholderDisplayName } from '../../../projections/directory/directory.queries.js';
import type { Reader } from '../../read-side/access.js';
import type { PersonalTextPresenter } from '../../read-side/personal-text.js';
import { DomainError } from '../../shared/domain-error.js';

/** Every page reads as an anonymous API caller does: published data only, no personal data. */
export const PUBLIC: Reader = { kind: 'public' };

export const PAGE_SIZE = 20;

/** A page that does not exist: the website's error filter renders it as its 404 page (the API's one mapping gives the status). */
export const notFound = (what: string, id: string) => new DomainError(`${what.toUpperCase()}.NOT_FOUND`, `no ${what} ${id}`, 'not_found');

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

/** The names beside ids come from the directory read model (Names), as in the API's answers. */
const byId = (ids: readonly (string | null | undefined)[], name: (id: string) => string | null): Record<string, string> =>
  Object.fromEntries([...new Set(ids)].flatMap((id) => {
    const found = typeof id === 'string' ? name(id) : null;
    return found === null ? [] : [[id as string, found]];
  }));

/** Commitment titles by id. */
export async function commitmentTitles(m: EntityManager, ids: readonly string[]): Promise<Record<string, string>> {
  const names = await Names.lookup(m, { commitmentIds: ids });
  return byId(ids, (id) => names.commitmentTitle(id));
}

/** Consultation titles by id. */
export async function consultationTitles(m: EntityManager, ids: readonly string[]): Promise<Record<string, string>> {
  const names = await Names.lookup(m, { consultationIds: ids });
  return byId(ids, (id) => names.consultationTitle(id));
}

/**
 * Names of organisations by id, as the public sees them: an individual's name is personal data and
 * never shown (stakeholderDisplayName answers null for it to a public reader).
 */
export async function organisationNames(m: EntityManager, ids: readonly (string | null)[], presenter: PersonalTextPresenter): Promise<Record<string, string>> {
  const names = await Names.lookup(m, { stakeholderIds: ids });
  const shown = await Promise.all([...new Set(ids)].map(async (id) => [id, await stakeholderDisplayName(names.stakeholder(id), PUBLIC, presenter)] as const));
  return Object.fromEntries(shown.filter((e): e is readonly [string, string] => e[0] !== null && e[1] !== null));
}
