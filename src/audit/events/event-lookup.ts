import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../event-store/event-store.port.js';
import { maySeeRedacted, type Reader } from '../../read-side/access.js';
import { PersonalDataVault } from '../../security/personal-data.vault.js';
import { presentPersonalData } from '../../read-side/personal-data.js';
import { PublicFacts, publicLines } from '../exports/public-events.js';
import { summarizeEvent } from './event-summary.js';
import { DomainError } from '../../shared/domain-error.js';

export interface EventView {
  eventId: string;
  type: string;
  streamId: string;
  revision: number;
  position: string;
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  /** What the event records, in one line (never personal data). */
  summary: string;
  /** full: the event as stored, personal data decrypted (POC, auditor); public: as the public event log shows it. */
  view: 'full' | 'public';
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  /** Personal fields whose person was erased (null for everyone). */
  erased: string[];
  /** Text hidden because the contribution was redacted (auditors: a redaction applies to them too). */
  redacted: string[];
}

const notFound = (eventId: string) => new DomainError('EVENT.NOT_FOUND', `no event ${eventId} that you may read`, 'not_found');

/**
 * One event by its id, read through the port: as stored (POC, auditor), or through the public
 * export's own rules (anyone else), so that this endpoint never shows the public more than
 * events.ndjson does.
 */
@Injectable()
export class EventLookup {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly vault: PersonalDataVault,
  ) {}

  async find(eventId: string, reader: Reader): Promise<EventView> {
    const found = await this.store.findEvent(eventId);
    // Only what every reader of the log can see yet.
    const head = found && (await this.store.head());
    if (!found || !head || this.store.comparePositions(found.position, head) > 0) throw notFound(eventId);
    const full = reader.kind === 'official' && (reader.actor.role === 'poc' || reader.actor.role === 'auditor');
    return full ? this.full(found, reader) : this.public(found, head);
  }

  private async full(event: RecordedEvent, reader: Reader): Promise<EventView> {
    const stream = await this.store.readStream(event.streamId);
    // A redaction (at any time, later ones too) hides the contribution's text from the auditor.
    const hide = event.type === 'ContributionReceived' && stream.some((e) => e.type === 'ContributionRedacted') && !maySeeRedacted(reader);
    const shown = hide ? { ...event.data, body: null } : event.data;
    const { data, erased } = await presentPersonalData(this.vault, shown, () => true);
    return this.view(event, 'full', data, event.metadata as unknown as Record<string, unknown>, erased, hide ? ['body'] : []);
  }

  private async public(found: RecordedEvent, head: string): Promise<EventView> {
    const { eventId, streamId } = found;
    const stored = (await this.store.readLog({ upTo: head, streams: [streamId], limit: found.revision + 1 })).find((e) => e.eventId === eventId);
    const line = stored ? await publicLines(new PublicFacts(this.store, head), [stored]) : '';
    if (!stored || !line) throw notFound(eventId);
    const shown = JSON.parse(line) as { position: string; data: Record<string, unknown>; metadata: Record<string, unknown> };
    const event: RecordedEvent = {
      eventId,
      type: stored.type,
      streamId,
      revision: stored.revision,
      position: shown.position,
      data: shown.data,
      metadata: shown.metadata as RecordedEvent['metadata'],
    };
    const redacted = stored.type === 'ContributionReceived' && (await this.isRedacted(streamId)) ? ['body'] : [];
    return this.view(event, 'public', shown.data, shown.metadata, [], redacted);
  }

  private async isRedacted(streamId: string): Promise<boolean> {
    return (await this.store.readStream(streamId)).some((e) => e.type === 'ContributionRedacted');
  }

  private view(event: RecordedEvent, view: EventView['view'], data: Record<string, unknown>, metadata: Record<string, unknown>, erased: string[], redacted: string[]): EventView {
    return {
      eventId: event.eventId,
      type: event.type,
      streamId: event.streamId,
      revision: event.revision,
      position: event.position,
      schemaVersion: Number(metadata.schemaVersion),
      occurredAt: String(metadata.occurredAt),
      recordedAt: String(metadata.recordedAt),
      summary: summarizeEvent(event.type, data),
      view,
      data,
      metadata,
      erased,
      redacted,
    };
  }
}

