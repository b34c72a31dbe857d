import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { EVENT_STORE, WrongExpectedRevision, type EventStore, type NewEvent, type RecordedEvent, type StreamAppend, type StreamAppendResult } from '../event-store/event-store.port.js';
import type { Actor } from '../shared/actor.js';
import { encryptPersonalFields } from '../security/personal-fields.js';
import { PersonalDataVault } from '../security/personal-data.vault.js';
import type { Decider, DomainEvent } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { randomId, uuidv5 } from '../shared/ids.js';

export interface Loaded<S> {
  state: S;
  /** -1 when the stream does not exist. */
  revision: number;
  events: RecordedEvent[];
}

export interface ExecuteResult {
  /** Revision of the stream after the command. */
  revision: number;
  /** Log position of the stream's last event after the command. */
  position: string;
  /** What this command appended (empty when it decided nothing, or on an idempotent replay). */
  appended: DomainEvent[];
  /** True when the same request had already been applied and nothing new was appended. */
  replayed: boolean;
}

export interface ExecuteOptions<C, E extends DomainEvent, S> {
  streamId: string;
  decider: Decider<C, E, S>;
  /** Builds the command from the current state; it runs again on every retry, so contexts stay fresh. */
  command: (state: S, loaded: Loaded<S>) => C | Promise<C>;
  actor: Actor;
  occurredAt: string;
  /** The revision the client insists on (If-Match / expectedRevision): no retry when it differs. */
  expectedRevision?: number;
  causationId?: string | null;
  /** Recorded in each event's metadata, and the correlation id unless one is given. */
  requestId?: string;
  /** From the request's Idempotency-Key: the event ids derive from it (and the stream), so a retry is recognised. */
  idempotencySeed?: string;
  /** Names the event ids of this command deterministically (an idempotent reaction, say); wins over idempotencySeed. */
  idSeed?: string;
}

const MAX_ATTEMPTS = 10;
// Full jitter, capped: contending writers spread out instead of colliding again in step.
const backoffMs = (attempt: number) => Math.random() * Math.min(250, 4 * 2 ** attempt);

/**
 * The write path of every command: load the stream, fold evolve, decide, append with the loaded
 * revision as expected revision; on a conflict load again and retry a few times, then 409.
 */
@Injectable()
export class AggregateStore {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly vault: PersonalDataVault,
  ) {}

  async load<E extends DomainEvent, S>(streamId: string, decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>): Promise<Loaded<S>> {
    const events = await this.store.readStream(streamId);
    const state = events.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as unknown as E), decider.initialState);
    return { state, revision: events.length - 1, events };
  }

  async execute<C, E extends DomainEvent, S>(options: ExecuteOptions<C, E, S>): Promise<ExecuteResult> {
    const seed = options.idSeed ?? (options.idempotencySeed ? `${options.idempotencySeed}|${options.streamId}` : undefined);
    const eventId = (index: number) => (seed ? uuidv5(`${seed}|event|${index}`) : randomId());

    for (let attempt = 1; ; attempt++) {
      const loaded = await this.load<E, S>(options.streamId, options.decider);
      if (seed) {
        const replay = this.findReplay(loaded.events, eventId);
        if (replay) return replay;
      }
      if (options.expectedRevision !== undefined && options.expectedRevision !== loaded.revision) {
        throw new WrongExpectedRevision(options.streamId, options.expectedRevision, loaded.revision);
      }
      const command = await options.command(loaded.state, loaded);
      const decided = options.decider.decide(command, loaded.state);
      const last = loaded.events.at(-1);
      if (decided.length === 0) {
        return { revision: loaded.revision, position: last?.position ?? (await this.store.head()) ?? '', appended: [], replayed: false };
      }
      const events = await this.toNewEvents(decided, options, eventId);
      try {
        const result = await this.store.append(options.streamId, events, {
          expectedRevision: loaded.revision === -1 ? 'no_stream' : loaded.revision,
        });
        return { revision: result.nextRevision, position: result.position, appended: decided, replayed: false };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision) || options.expectedRevision !== undefined) throw error;
        if (attempt >= MAX_ATTEMPTS) {
          throw new DomainError(
            'CONCURRENCY.CONFLICT',
            `${options.streamId} kept changing while the command ran (${attempt} attempts); send it again`,
            'conflict',
            { actualRevision: error.actualRevision },
          );
        }
        await sleep(backoffMs(attempt));
      }
    }
  }

  /** What `decide` returned, as the store takes it: personal fields encrypted, metadata of this request. */
  async toNewEvents(
    decided: readonly DomainEvent[],
    options: { actor: Actor; occurredAt: string; causationId?: string | null; correlationId?: string; requestId?: string },
    eventId: (index: number) => string,
  ): Promise<NewEvent[]> {
    const correlationId = options.correlationId ?? options.requestId ?? randomId();
    const events: NewEvent[] = [];
    for (const [index, event] of decided.entries()) {
      events.push({
        eventId: eventId(index),
        type: event.type,
        data: await encryptPersonalFields(this.vault, event.type, event.data as Record<string, unknown>),
        metadata: {
          actor: options.actor,
          correlationId,
          causationId: options.causationId ?? null,
          occurredAt: options.occurredAt,
          schemaVersion: 1,
          ...(options.requestId ? { requestId: options.requestId } : {}),
        },
      });
    }
    return events;
  }

  /** Many new streams at once (a bulk import): see EventStore.appendMany. */
  async appendMany(appends: readonly StreamAppend[]): Promise<StreamAppendResult[]> {
    return this.store.appendMany(appends);
  }

  /** The events this request would have appended are already there: answer what was answered. */
  private findReplay(events: RecordedEvent[], eventId: (index: number) => string): ExecuteResult | undefined {
    const first = eventId(0);
    const start = events.findIndex((e) => e.eventId === first);
    if (start === -1) return undefined;
    let end = start;
    while (end + 1 < events.length && events[end + 1].eventId === eventId(end + 1 - start)) end++;
    return { revision: events[end].revision, position: events[end].position, appended: [], replayed: true };
  }
}
