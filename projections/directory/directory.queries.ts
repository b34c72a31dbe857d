import type { EntityManager } from 'typeorm';
import { maySeePersonalData, type Reader } from '../../src/read-side/access.js';
import type { PersonalTextPresenter } from '../../src/read-side/personal-text.js';
import { isUuid } from '../shared/aggregate-view.js';
import type { DirectoryCommitmentRow, DirectoryConsultationRow, DirectoryPolicyAreaRow, DirectoryStakeholderRow } from './directory.entity.js';

export interface NameRefs {
  consultationIds?: Iterable<string | null>;
  policyAreaIds?: Iterable<string | null>;
  commitmentIds?: Iterable<string | null>;
  stakeholderIds?: Iterable<string | null>;
}

const ids = (values: Iterable<string | null> | undefined): string[] => [...new Set([...(values ?? [])].filter((v): v is string => v !== null && isUuid(v)))];

/** What a stakeholder's name needs: enough to show it, or not. */
export type StakeholderName = Pick<DirectoryStakeholderRow, 'stakeholderId' | 'kind' | 'name' | 'erased'>;

interface NameRow {
  kind: 'consultation' | 'policy_area' | 'commitment' | 'stakeholder';
  row: Record<string, unknown>;
}

// One round trip for all four: every answer that shows names pays for it.
const LOOKUP = `
  SELECT 'consultation' AS kind, jsonb_build_object('consultationId', consultation_id, 'cycleId', cycle_id, 'policyAreaId', policy_area_id,
           'kind', kind, 'title', title, 'leadInstitution', lead_institution) AS row
    FROM directory_consultation WHERE consultation_id = ANY ($1::uuid[])
  UNION ALL
  SELECT 'policy_area', jsonb_build_object('policyAreaId', policy_area_id, 'cycleId', cycle_id, 'name', name, 'leadInstitution', lead_institution)
    FROM directory_policy_area WHERE policy_area_id = ANY ($2::uuid[])
  UNION ALL
  SELECT 'commitment', jsonb_build_object('commitmentId', commitment_id, 'cycleId', cycle_id, 'policyAreaId', policy_area_id, 'title', title)
    FROM directory_commitment WHERE commitment_id = ANY ($3::uuid[])
  UNION ALL
  SELECT 'stakeholder', jsonb_build_object('stakeholderId', stakeholder_id, 'kind', kind, 'name', name, 'erased', erased)
    FROM directory_stakeholder WHERE stakeholder_id = ANY ($4::uuid[])`;

/**
 * The names beside the ids of an answer, read from the directory read model at read time (in the
 * caller's transaction, so inside an as-of answer too: there they are today's names).
 */
export class Names {
  constructor(
    private readonly consultations: Map<string, DirectoryConsultationRow>,
    private readonly policyAreas: Map<string, DirectoryPolicyAreaRow>,
    private readonly commitments: Map<string, DirectoryCommitmentRow>,
    private readonly stakeholders: Map<string, StakeholderName>,
  ) {}

  static readonly none = new Names(new Map(), new Map(), new Map(), new Map());

  static async lookup(m: EntityManager, refs: NameRefs): Promise<Names> {
    const wanted = [ids(refs.consultationIds), ids(refs.policyAreaIds), ids(refs.commitmentIds), ids(refs.stakeholderIds)];
    if (wanted.every((list) => list.length === 0)) return Names.none;
    const rows = (await m.query(LOOKUP, wanted)) as NameRow[];
    const of = <T>(kind: NameRow['kind'], key: string) =>
      new Map(rows.filter((r) => r.kind === kind).map((r) => [String(r.row[key]), r.row as unknown as T]));
    return new Names(
      of<DirectoryConsultationRow>('consultation', 'consultationId'),
      of<DirectoryPolicyAreaRow>('policy_area', 'policyAreaId'),
      of<DirectoryCommitmentRow>('commitment', 'commitmentId'),
      of<StakeholderName>('stakeholder', 'stakeholderId'),
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

  stakeholder(id: string | null): StakeholderName | null {
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
export async function stakeholderDisplayName(row: StakeholderName | null, reader: Reader, presenter: PersonalTextPresenter): Promise<string | null> {
  if (!row) return null;
  // An organisation's name is not personal data (an erasure destroys only its contact details).
  if (row.kind !== 'individual') return typeof row.name === 'string' ? row.name : null;
  if (row.erased || !maySeePersonalData(reader, row.stakeholderId)) return null;
  return (await presenter.present(row.name, true)).text;
}
