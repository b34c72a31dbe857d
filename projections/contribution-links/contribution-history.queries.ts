import { readModelProgress } from '../../src/projection-runner/progress.js';
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource, type EntityManager } from 'typeorm';
import { contributionLinksProjection, linkedContributions } from './contribution-links.projection.js';
import { ContributionLinkRow } from './contribution-link.entity.js';
import { EVENT_STORE, type EventMetadata, type EventStore, type RecordedEvent } from '../../src/event-store/event-store.port.js';
import type { Actor } from '../../src/shared/actor.js';
import { ReadModels } from '../../src/read-side/read-models.js';
import { maySeePersonalData, maySeeRedacted, readerOf, type Reader } from '../../src/read-side/access.js';
import { PersonalDataVault } from '../../src/security/personal-data.vault.js';
import { streams } from '../../src/shared/streams.js';
import { pastFilter, type PastPoint, type PastQuery } from '../../src/audit/as-of/as-of-point.js';
import { AsOfService } from '../../src/audit/as-of/as-of.service.js';
import { presentPersonalData } from '../../src/read-side/personal-data.js';
import { DomainError } from '../../src/shared/domain-error.js';

/** Why an event of another stream is in a contribution's history. */
export type HistoryLink = 'duplicate' | 'commitment_revision' | 'report';

const LINKS: Record<string, HistoryLink> = {
  ContributionMarkedDuplicate: 'duplicate',
  CommitmentRevised: 'commitment_revision',
  ReportDrafted: 'report',
  ReportRevised: 'report',
};

export interface HistoryEntry {
  eventId: string;
  type: string;
  streamId: string;
  revision: number;
  position: string;
  /** null: the contribution's own stream; else how the other stream's event names it. */
  link: HistoryLink | null;
  actor: { id: string; role: string };
  institution: string | null;
  occurredAt: string;
  recordedAt: string;
  data: Record<string, unknown>;
  /** Personal fields whose person's key was destroyed (their value is null for everyone). */
  erased: string[];
  /** Personal fields this reader may not see (null). */
  withheld: string[];
  /** Text fields hidden because the contribution was redacted (now: a redaction applies to the past too). */
  redacted: string[];
}

export interface ContributionHistoryView {
  contributionId: string;
  /** The asOf asked for, or null for the record as it stands. */
  asOf: string | null;
  /** The asOfOccurred asked for, or null. */
  asOfOccurred: string | null;
  events: HistoryEntry[];
}

export class GetContributionHistoryQuery extends Query<ContributionHistoryView> {
  constructor(
    readonly contributionId: string,
    readonly actor: Actor | undefined,
    readonly consistentWith?: string,
    readonly past: PastQuery = {},
  ) {
    super();
  }
}

const notFound = (id: string) => new DomainError('CONTRIBUTION.NOT_FOUND', `no contribution ${id} whose history you may read`, 'not_found');

/**
 * Every event that concerns a contribution, in log order: its own stream (read from the store),
 * and the events of other streams that name it (the contribution-links read model, a copy of
 * them). The answer is one cut of the log: the own stream is cut where the read model has seen
 * the log up to (its horizon), or at asOf / asOfOccurred. A redaction hides the text in every
 * entry, past ones included, from all but the POC and the LFPs.
 */
@QueryHandler(GetContributionHistoryQuery)
export class GetContributionHistoryHandler implements IQueryHandler<GetContributionHistoryQuery, ContributionHistoryView> {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModels,
    private readonly asOf: AsOfService,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute({ contributionId, actor, consistentWith, past }: GetContributionHistoryQuery): Promise<ContributionHistoryView> {
    return this.readModels.read(
      { consistentWith, past },
      [contributionLinksProjection],
      async (m, point) => {
        if (point) return this.history(m, contributionId, actor, point, past);
        const seen = (await readModelProgress(this.dataSource, [contributionLinksProjection.name])).get(contributionLinksProjection.name)?.seen ?? null;
        if (seen === null) throw notFound(contributionId);
        return this.history(m, contributionId, actor, { recorded: { kind: 'position', position: seen }, occurred: null }, {});
      },
      // Only the events that name this contribution make its link rows.
      { projection: contributionLinksProjection, scope: { keep: (e: RecordedEvent) => linkedContributions(e).includes(contributionId) } },
    );
  }

  private async history(m: EntityManager, contributionId: string, actor: Actor | undefined, cut: PastPoint, past: PastQuery): Promise<ContributionHistoryView> {
    const stream = await this.store.readStream(streams.contribution(contributionId));
    const own = stream.filter(pastFilter(this.store, cut));
    const reader = readerOf(actor);
    if (!this.mayRead(reader, own)) throw notFound(contributionId);
    // The link rows were replayed at the point already (asOf); by the live horizon they are cut here.
    const inCut = pastFilter(this.store, { recorded: cut.recorded, occurred: null });
    const links = (await m.getRepository(ContributionLinkRow).findBy({ contributionId }))
      .map(toRecordedEvent)
      .sort((a, b) => this.store.comparePositions(a.position, b.position))
      .filter((e) => inCut(e) && (!cut.occurred || Date.parse(e.metadata.occurredAt) <= cut.occurred.getTime()));
    const entries = [...own, ...links].sort((a, b) => this.store.comparePositions(a.position, b.position));
    // Redacted now, whatever the point: the text stays hidden in the past too.
    const hideText = stream.some((e) => e.type === 'ContributionRedacted') && !maySeeRedacted(reader);
    return {
      contributionId,
      asOf: past.asOf ?? null,
      asOfOccurred: past.asOfOccurred ?? null,
      events: await Promise.all(
        entries.map((e) => this.present(e, e.streamId === streams.contribution(contributionId) ? null : LINKS[e.type], reader, hideText)),
      ),
    };
  }

  /** Officials read every history; a stakeholder those of its own contributions. */
  private mayRead(reader: Reader, own: RecordedEvent[]): boolean {
    const received = own.find((e) => e.type === 'ContributionReceived');
    if (!received || reader.kind === 'public') return false;
    return reader.kind === 'official' || received.data.stakeholderId === reader.actor.id;
  }

  private async present(event: RecordedEvent, link: HistoryLink | null, reader: Reader, hideText: boolean): Promise<HistoryEntry> {
    const hidden = hideText && event.type === 'ContributionReceived' ? ['body'] : [];
    const shown = hidden.length ? { ...event.data, body: null } : event.data;
    const { data, erased, withheld } = await presentPersonalData(this.vault, shown, (subject) => maySeePersonalData(reader, subject));
    const { actor, occurredAt, recordedAt } = event.metadata;
    return {
      eventId: event.eventId,
      type: event.type,
      streamId: event.streamId,
      revision: event.revision,
      position: event.position,
      link,
      actor: { id: actor.id, role: actor.role },
      institution: actor.institution ?? null,
      occurredAt,
      recordedAt,
      data,
      erased,
      withheld,
      redacted: hidden,
    };
  }
}

function toRecordedEvent(row: ContributionLinkRow): RecordedEvent {
  return {
    eventId: row.eventId,
    type: row.type,
    streamId: row.streamId,
    revision: row.revision,
    position: row.position,
    data: row.data,
    metadata: row.metadata as EventMetadata,
  };
}
