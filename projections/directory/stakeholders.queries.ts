import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Repository } from 'typeorm';
import type { Actor } from '../../src/shared/actor.js';
import { ReadModels } from '../../src/read-side/read-models.js';
import { maySeePersonalData, readerOf, type Reader } from '../../src/read-side/access.js';
import { decodeCursor, toPage, type Page } from '../../src/read-side/pagination.js';
import { PersonalTextPresenter } from '../../src/read-side/personal-text.js';
import { afterKey } from '../shared/keyset.js';
import { DirectoryStakeholderRow } from './directory.entity.js';
import { stakeholderDisplayName } from './directory.queries.js';
import { directoryProjection } from './directory.projection.js';

export interface StakeholderItemView {
  stakeholderId: string;
  kind: string;
  /** An organisation's name; an individual's only for officials and the person, null after erasure. */
  name: string | null;
  /** The person's data was erased: the name and email can no longer be read by anyone. */
  erased: boolean;
  /** A contact detail (personal data): officials and the stakeholder itself only. */
  email: string | null;
  registryRef: string | null;
  registeredAt: string;
}

export interface StakeholderFilters {
  kind?: string;
  q?: string;
}

export class ListStakeholdersQuery extends Query<Page<StakeholderItemView>> {
  constructor(
    readonly filters: StakeholderFilters,
    readonly actor: Actor | undefined,
    readonly limit: number,
    readonly cursor?: string,
    readonly consistentWith?: string,
  ) {
    super();
  }
}

const SCAN = 200;
const key = (r: DirectoryStakeholderRow) => [r.registeredAt.toISOString(), r.stakeholderId];
const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Registered stakeholders in registration order. Officials list everyone; others the
 * organisations (whose registrations are public) and themselves. `q` matches names and registry
 * references, case-insensitively: an individual's name is encrypted, so it is matched only for
 * readers who may read it, by decrypting while the list is scanned.
 */
@QueryHandler(ListStakeholdersQuery)
export class ListStakeholdersHandler implements IQueryHandler<ListStakeholdersQuery, Page<StakeholderItemView>> {
  constructor(
    @InjectRepository(DirectoryStakeholderRow) private readonly rows: Repository<DirectoryStakeholderRow>,
    private readonly readModels: ReadModels,
    private readonly presenter: PersonalTextPresenter,
  ) {}

  async execute({ filters, actor, limit, cursor, consistentWith }: ListStakeholdersQuery): Promise<Page<StakeholderItemView>> {
    await this.readModels.today([directoryProjection], consistentWith);
    const reader = readerOf(actor);
    const q = filters.q?.trim().toLowerCase() || undefined;
    const found: DirectoryStakeholderRow[] = [];
    let after = decodeCursor(cursor, 2);
    for (;;) {
      const qb = this.rows.createQueryBuilder('s');
      if (filters.kind) qb.andWhere('s.kind = :kind', { kind: filters.kind });
      if (reader.kind === 'public') qb.andWhere("s.kind <> 'individual'");
      if (reader.kind === 'stakeholder') qb.andWhere(new Brackets((w) => w.where("s.kind <> 'individual'").orWhere('s.stakeholder_id = :me', { me: reader.actor.id })));
      if (q) {
        qb.andWhere(
          new Brackets((w) => {
            w.where("s.search_name LIKE :pattern ESCAPE '\\'", { pattern: likePattern(q) }).orWhere("lower(s.registry_ref) LIKE :pattern ESCAPE '\\'");
            // Candidates whose (encrypted) name only a permitted reader can match.
            if (reader.kind !== 'public') w.orWhere("s.kind = 'individual' AND NOT s.erased");
          }),
        );
      }
      const batch = await afterKey(qb, ['s.registered_at', 's.stakeholder_id'], after, SCAN).getMany();
      for (const row of batch) {
        if (found.length > limit) break;
        if (!q || (await this.matches(row, q, reader))) found.push(row);
      }
      if (found.length > limit || batch.length < SCAN) break;
      after = key(batch[batch.length - 1]);
    }
    return toPage(found, limit, key, (r) => this.present(r, reader));
  }

  private async matches(row: DirectoryStakeholderRow, q: string, reader: Reader): Promise<boolean> {
    if (row.searchName?.includes(q) || row.registryRef?.toLowerCase().includes(q)) return true;
    const name = await stakeholderDisplayName(row, reader, this.presenter);
    return name !== null && name.toLowerCase().includes(q);
  }

  private async present(row: DirectoryStakeholderRow, reader: Reader): Promise<StakeholderItemView> {
    const personal = maySeePersonalData(reader, row.stakeholderId) && !row.erased;
    return {
      stakeholderId: row.stakeholderId,
      kind: row.kind,
      name: await stakeholderDisplayName(row, reader, this.presenter),
      erased: row.erased,
      email: personal ? (await this.presenter.present(row.email, true)).text : null,
      registryRef: row.registryRef,
      registeredAt: row.registeredAt.toISOString(),
    };
  }
}
