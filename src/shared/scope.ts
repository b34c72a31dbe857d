import type { Actor } from './actor.js';
import { DomainError } from './domain-error.js';

/**
 * The scope rule shared by every aggregate: the POC acts everywhere; an LFP only on policy areas
 * its institution leads. `leadInstitution` null means "no policy area": POC only.
 */
export function assertLeads(actor: Actor, leadInstitution: string | null, what: string): void {
  if (actor.role === 'poc') return;
  if (actor.role === 'lfp' && leadInstitution !== null && actor.institution === leadInstitution) return;
  throw new DomainError(
    'AUTH.OUT_OF_SCOPE',
    leadInstitution === null
      ? `only the POC may act on ${what} outside a policy area`
      : `${what} belongs to a policy area led by ${leadInstitution}`,
    'forbidden',
  );
}

/**
 * The scope rule for aggregates a command names in its body (a response's commitments, a
 * duplicate's canonical, a revision's contributions): an LFP may name only those of policy areas
 * its institution leads, as if it acted on them. 403 AUTH.OUT_OF_SCOPE naming the field and ids.
 */
export function assertLeadsEach(
  actor: Actor,
  named: readonly { id: string; leadInstitution: string | null }[],
  field: string,
  what: string,
): void {
  if (actor.role === 'poc') return;
  const outside = named.filter((n) => !(actor.role === 'lfp' && n.leadInstitution !== null && n.leadInstitution === actor.institution));
  if (outside.length === 0) return;
  throw new DomainError(
    'AUTH.OUT_OF_SCOPE',
    `${what} outside the policy areas ${actor.institution ?? 'this actor'} leads: ${outside.map((n) => n.id).join(', ')}`,
    'forbidden',
    { field, ids: outside.map((n) => n.id) },
  );
}

/**
 * Whom a contribution or survey response is from: a stakeholder that names no one acts as itself;
 * an explicit null is anonymous input (which a stakeholder may not send: assertSelf refuses it).
 * Handlers use it to load the stakeholder the decider will check.
 */
export function actingStakeholder(actor: Actor, stakeholderId: string | null | undefined): string | null {
  return stakeholderId === undefined && actor.role === 'stakeholder' ? actor.id : (stakeholderId ?? null);
}

/** A stakeholder acts only as itself. */
export function assertSelf(actor: Actor, stakeholderId: string | null, what: string): void {
  if (actor.role !== 'stakeholder') return;
  if (stakeholderId !== null && stakeholderId === actor.id) return;
  throw new DomainError('AUTH.NOT_SELF', `a stakeholder may ${what} only as itself`, 'forbidden');
}
