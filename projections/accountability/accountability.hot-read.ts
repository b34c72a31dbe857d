import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { Names, type StakeholderName } from '../directory/directory.queries.js';
import type { DirectoryCommitmentRow, DirectoryConsultationRow, DirectoryPolicyAreaRow } from '../directory/directory.entity.js';
import { AccountabilityRow } from './accountability.entity.js';

const UUID = `'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;

/**
 * The row and every name beside it in one round trip: the same shapes Names.lookup reads, joined
 * here instead of asked for afterwards. Ids that are not uuids are skipped, as Names skips them.
 */
const SQL = `
  SELECT a.*, jsonb_build_object(
    'consultation', (SELECT jsonb_build_object('consultationId', consultation_id, 'cycleId', cycle_id, 'policyAreaId', policy_area_id,
                       'kind', kind, 'title', title, 'leadInstitution', lead_institution)
                       FROM directory_consultation WHERE consultation_id = a.consultation_id),
    'policyArea', (SELECT jsonb_build_object('policyAreaId', policy_area_id, 'cycleId', cycle_id, 'name', name, 'leadInstitution', lead_institution)
                     FROM directory_policy_area WHERE policy_area_id = a.policy_area_id),
    'commitments', (SELECT jsonb_agg(jsonb_build_object('commitmentId', commitment_id, 'cycleId', cycle_id, 'policyAreaId', policy_area_id, 'title', title))
                      FROM directory_commitment
                     WHERE commitment_id = ANY (ARRAY(SELECT x::uuid FROM unnest(a.commitment_ids || a.commitment_id::text) x WHERE x ~* ${UUID}))),
    'stakeholder', (SELECT jsonb_build_object('stakeholderId', stakeholder_id, 'kind', kind, 'name', name, 'erased', erased)
                      FROM directory_stakeholder
                     WHERE stakeholder_id = CASE WHEN a.stakeholder_id ~* ${UUID} THEN a.stakeholder_id::uuid END)
  ) AS cr_names
  FROM accountability a WHERE a.contribution_id = $1`;

interface JoinedNames {
  consultation: DirectoryConsultationRow | null;
  policyArea: DirectoryPolicyAreaRow | null;
  commitments: DirectoryCommitmentRow[] | null;
  stakeholder: StakeholderName | null;
}

/** A contribution's accountability row and every name beside it. */
export interface Found {
  row: AccountabilityRow;
  names: Names;
}

/**
 * The hot read of GET /v1/contributions/:id/accountability: one prepared statement on the read
 * models' pool, no ORM on the way (TypeORM's query building and hydration cost more than the
 * query). Rows come back as TypeORM would give them: the entity's columns under its property names.
 */
@Injectable()
export class AccountabilityHotRead {
  private readonly pool: pg.Pool;
  private readonly columns: { db: string; property: string }[];

  constructor(dataSource: DataSource) {
    this.pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
    this.columns = dataSource.getMetadata(AccountabilityRow).columns.map((c) => ({ db: c.databaseName, property: c.propertyName }));
  }

  async find(contributionId: string): Promise<Found | null> {
    const { rows } = await this.pool.query<Record<string, unknown>>({ name: 'cr_accountability_hot', text: SQL, values: [contributionId] });
    if (rows.length === 0) return null;
    const raw = rows[0];
    const row = new AccountabilityRow();
    for (const { db, property } of this.columns) (row as unknown as Record<string, unknown>)[property] = raw[db];
    const joined = raw.cr_names as JoinedNames;
    const names = new Names(
      new Map(joined.consultation ? [[joined.consultation.consultationId, joined.consultation]] : []),
      new Map(joined.policyArea ? [[joined.policyArea.policyAreaId, joined.policyArea]] : []),
      new Map((joined.commitments ?? []).map((c) => [c.commitmentId, c])),
      new Map(joined.stakeholder ? [[joined.stakeholder.stakeholderId, joined.stakeholder]] : []),
    );
    return { row, names };
  }
}
