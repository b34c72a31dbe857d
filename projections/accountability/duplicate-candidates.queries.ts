import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiProperty } from '@nestjs/swagger';
import { Repository } from 'typeorm';
import type { Actor } from '../../src/shared/actor.js';
import { ReadModels } from '../../src/read-side/read-models.js';
import { maySeeRedacted, readerOf } from '../../src/read-side/access.js';
import { decodeCursor, encodeCursor, type Page } from '../../src/read-side/pagination.js';
import { PersonalTextPresenter } from '../../src/read-side/personal-text.js';
import { Names } from '../directory/directory.queries.js';
import { AccountabilityRow } from './accountability.entity.js';
import { DomainError } from '../../src/shared/domain-error.js';
import { accountabilityProjection } from './accountability.projection.js';
import { directoryProjection } from '../directory/directory.projection.js';

export class DuplicateCandidateGroup {
  @ApiProperty({ description: 'The text they share, as the suggested canonical has it', example: 'Publish every procurement contract in full.' })
  text: string;
  @ApiProperty({ format: 'uuid', description: 'The suggested canonical: the earliest received member that is no duplicate itself' })
  canonicalId: string;
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Members that may still be marked duplicate of it (no response of their own, not yet a duplicate), in the order received',
  })
  candidateIds: string[];
  @ApiProperty({ type: [String], format: 'uuid', description: 'Members already marked as duplicates' })
  confirmedIds: string[];
}

export class DuplicateCandidatesQuery extends Query<Page<DuplicateCandidateGroup>> {
  constructor(
    readonly consultationId: string,
    readonly actor: Actor,
    readonly limit: number,
    readonly cursor?: string,
    readonly consistentWith?: string,
  ) {
    super();
  }
}

/** What "identical" means here: the same words, whatever the case, spacing or Unicode form. */
const normalise = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

interface Member {
  contribution_id: string;
  body: unknown;
  duplicate_of: string | null;
  response_number: number;
  redacted: boolean;
}

/**
 * Identical texts within a consultation, grouped, for the LFP to confirm with duplicate-of (never
 * marked automatically). A query on the accountability read model: texts may be encrypted
 * personal data, so they are compared after decryption, here, not in SQL.
 */
@QueryHandler(DuplicateCandidatesQuery)
export class DuplicateCandidatesHandler implements IQueryHandler<DuplicateCandidatesQuery, Page<DuplicateCandidateGroup>> {
  constructor(
    @InjectRepository(AccountabilityRow) private readonly rows: Repository<AccountabilityRow>,
    private readonly readModels: ReadModels,
    private readonly presenter: PersonalTextPresenter,
  ) {}

  async execute({ consultationId, actor, limit, cursor, consistentWith }: DuplicateCandidatesQuery): Promise<Page<DuplicateCandidateGroup>> {
    const given = decodeCursor(cursor, 1)?.[0] ?? 0;
    // A cursor that decodes but holds no offset: refused like any other foreign cursor.
    const offset = typeof given === 'number' && Number.isInteger(given) && given >= 0 ? given : (decodeCursor('-', 1) as never);
    await this.readModels.today([accountabilityProjection, directoryProjection], consistentWith);
    const m = this.rows.manager;
    const names = await Names.lookup(m, { consultationIds: [consultationId] });
    if (names.consultationTitle(consultationId) === null) {
      throw new DomainError('CONSULTATION.NOT_FOUND', `no consultation ${consultationId}`, 'not_found');
    }
    const members: Member[] = await m.query(
      `SELECT contribution_id, body, duplicate_of, response_number, redacted FROM accountability
        WHERE consultation_id = $1 AND NOT withdrawn ORDER BY received_at, contribution_id`,
      [consultationId],
    );
    const seeRedacted = maySeeRedacted(readerOf(actor));
    const groups = new Map<string, { text: string; members: Member[] }>();
    for (const member of members) {
      if (member.redacted && !seeRedacted) continue;
      const { text } = await this.presenter.present(member.body, true);
      if (text === null) continue;
      const key = normalise(text);
      const group = groups.get(key);
      if (group) group.members.push(member);
      else groups.set(key, { text, members: [member] });
    }
    const offered: DuplicateCandidateGroup[] = [];
    for (const { text, members: all } of groups.values()) {
      if (all.length < 2) continue;
      const canonical = all.find((x) => x.duplicate_of === null);
      if (!canonical) continue;
      const candidateIds = all.filter((x) => x !== canonical && x.duplicate_of === null && x.response_number === 0).map((x) => x.contribution_id);
      if (candidateIds.length === 0) continue;
      offered.push({
        text,
        canonicalId: canonical.contribution_id,
        candidateIds,
        confirmedIds: all.filter((x) => x.duplicate_of !== null).map((x) => x.contribution_id),
      });
    }
    // Largest groups first: they save the most answers.
    offered.sort((a, b) => b.candidateIds.length - a.candidateIds.length);
    const items = offered.slice(offset, offset + limit);
    return { items, nextCursor: offset + limit < offered.length ? encodeCursor([offset + limit]) : null };
  }
}
