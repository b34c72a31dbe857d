import { In, type EntityManager } from 'typeorm';
import { maySeePersonalData, type Reader } from '../../src/read-side/access.js';
import type { PersonalTextPresenter } from '../../src/read-side/personal-text.js';
import { isUuid } from '../shared/aggregate-view.js';
import { DirectoryCommitmentRow, DirectoryConsultationRow, DirectoryPolicyAreaRow, DirectoryStakeholderRow } from './directory.entity.js';

export interface NameRefs {
  consultationIds?: Iterable<string | null>;
  policyAreaIds?: Iterable<string | null>;
  commitmentIds?: Iterable<string | null>;
  stakeholderIds?: Iterable<string | null>;
}

const ids = (values: Iterable<string | null> | undefined): string[] => [...new Set([...(values ?? [])].filter((v): v is string => v !== null && isUuid(v)))];

async function byId<T extends object>(m: EntityManager, entity: new () => T, key: keyof T & string, values: string[]): Promise<Map<string, T>> {
  if (values.length === 0) return new Map();
  const rows = await m.find(entity, { where: { [key]: In(values) } as never });
  return new Map(rows.map((r) => [String(r[key]), r]));
}

/**
 * The names beside the ids of an answer, read from the directory read model at read time (in the
 * caller's transaction, so inside an as-of answer too: there they are today's names).
 */
export class Names {
  constructor(
    private readonly consultations: Map<string, DirectoryConsultationRow>,
    private readonly policyAreas: Map<string, DirectoryPolicyAreaRow>,
    private readonly commitments: Map<string, DirectoryCommitmentRow>,
    private readonly stakeholders: Map<string, DirectoryStakeholderRow>,
  ) {}

  static readonly none = new Names(new Map(), new Map(), new Map(), new Map());

  static async lookup(m: EntityManager, refs: NameRefs): Promise<Names> {
    return new Names(
      await byId(m, DirectoryConsultationRow, 'consultationId', ids(refs.consultationIds)),
      await byId(m, DirectoryPolicyAreaRow, 'policyAreaId', ids(refs.policyAreaIds)),
      await byId(m, DirectoryCommitmentRow, 'commitmentId', ids(refs.commitmentIds)),
      await byId(m, DirectoryStakeholderRow, 'stakeholderId', ids(refs.stakeholderIds)),
    );
  }

  consultationTitle(id: string | null): string | null {
    return (id && this.consultations.get(id)?.title) ?? null;
  }

  /** Who runs the consultation: its policy area's lead, or the POC institution. */
  consultationLead(id: string | null): string | null {
    return (id && this.consultations.get(id)?.leadInstitution) ?? null;
  }

  policyAreaName(id: string | null): string | null {
    return (id && this.policyAreas.get(id)?.name) ?? null;
  }

  leadInstitution(id: string | null): string | null {
    return (id && this.policyAreas.get(id)?.leadInstitution) ?? null;
  }

  commitmentTitle(id: string | null): string | null {
    return (id && this.commitments.get(id)?.title) ?? null;
  }

  /** In the order of the ids; null for one the directory does not know (yet). */
  commitmentTitles(ids: readonly string[]): (string | null)[] {
    return ids.map((id) => this.commitmentTitle(id));
  }

  stakeholder(id: string | null): DirectoryStakeholderRow | null {
    return (id && this.stakeholders.get(id)) || null;
  }

  /** See stakeholderDisplayName. */
  stakeholderName(id: string | null, reader: Reader, presenter: PersonalTextPresenter): Promise<string | null> {
    return stakeholderDisplayName(this.stakeholder(id), reader, presenter);
  }
}

/**
 * A stakeholder's name as this reader may see it: an organisation's always; an individual's only
 * to those who may read that person's data (officials, the person); nobody's after erasure.
 */
export async function stakeholderDisplayName(row: DirectoryStakeholderRow | null, reader: Reader, presenter: PersonalTextPresenter): Promise<string | null> {
  if (!row) return null;
  // An organisation's name is not personal data (an erasure destroys only its contact details).
  if (row.kind !== 'individual') return typeof row.name === 'string' ? row.name : null;
  if (row.erased || !maySeePersonalData(reader, row.stakeholderId)) return null;
  return (await presenter.present(row.name, true)).text;
}
