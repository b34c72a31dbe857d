import type { Actor } from '../shared/actor.js';

/**
 * Who reads what: poc, lfp and auditor read everything; a stakeholder its own contributions;
 * anonymous callers only what is published, without personal data.
 */
export type Reader = { kind: 'official'; actor: Actor } | { kind: 'stakeholder'; actor: Actor } | { kind: 'public' };

export function readerOf(actor: Actor | undefined): Reader {
  if (!actor) return { kind: 'public' };
  if (actor.role === 'stakeholder') return { kind: 'stakeholder', actor };
  return { kind: 'official', actor };
}

/** May this reader see personal data about (or written by) this stakeholder? */
export function maySeePersonalData(reader: Reader, stakeholderId: string | null): boolean {
  if (reader.kind === 'official') return true;
  return reader.kind === 'stakeholder' && stakeholderId !== null && reader.actor.id === stakeholderId;
}

/**
 * A moderator's redaction hides a contribution's text from everyone but the officials who keep the
 * record (poc, lfp): auditors, stakeholders (its author included) and the public read null — now
 * and in every answer about the past.
 */
export function maySeeRedacted(reader: Reader): boolean {
  return reader.kind === 'official' && (reader.actor.role === 'poc' || reader.actor.role === 'lfp');
}
