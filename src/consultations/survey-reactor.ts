import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { ContextLoader } from '../command-handling/context-loader.js';
import type { ContributionReceived } from '../contributions/domain/events.js';
import { DATABASE_POOL } from '../database/tokens.js';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../event-store/event-store.port.js';
import { AppendSignal } from '../projection-runner/append-signal.js';
import { RUNTIME, type Runtime } from '../runtime.js';
import { uuidv5 } from '../shared/ids.js';
import { streams } from '../shared/streams.js';
import { contributionsFromSurveyResponse } from './domain/consultation.decider.js';
import type { SurveyResponseSubmitted } from './domain/events.js';

/** The contribution a text answer becomes: the same response and question always name the same one. */
const surveyContributionId = (responseId: string, questionId: string): string => uuidv5(`${responseId}:${questionId}`);

export interface SurveyReactionResult {
  contributionIds: string[];
  /** Position of the last append; the response's own when it yields no contribution. */
  position: string;
}

/**
 * Turns a stored SurveyResponseSubmitted into one ContributionReceived per text answer, each in a
 * stream of its own. No decider: the rules were checked when the response was accepted. Event ids
 * are derived from the response's, so running it again for the same response appends nothing.
 */
@Injectable()
export class SurveyReaction {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly contexts: ContextLoader,
    @Optional() private readonly signal?: AppendSignal,
  ) {}

  async react(response: RecordedEvent): Promise<SurveyReactionResult> {
    const event = response as RecordedEvent<'SurveyResponseSubmitted', SurveyResponseSubmitted['data']>;
    const contributions = contributionsFromSurveyResponse(event, surveyContributionId);
    let position = response.position;
    if (contributions.length === 0) return { contributionIds: [], position };

    const { leadInstitution } = await this.contexts.consultation(event.data.consultationId);
    const { actor, correlationId, occurredAt } = response.metadata;
    for (const contribution of contributions) {
      // Text values are copied as stored: already encrypted when the respondent is an individual.
      const data: ContributionReceived['data'] = { ...contribution, leadInstitution, receivedAt: occurredAt };
      const appended = await this.store.append(
        streams.contribution(contribution.contributionId),
        [
          {
            eventId: uuidv5(`survey-reaction|${response.eventId}|${contribution.source.questionId}`),
            type: 'ContributionReceived',
            data,
            metadata: { actor, correlationId, causationId: response.eventId, occurredAt, schemaVersion: 1 },
          },
        ],
        { expectedRevision: 'any' },
      );
      position = appended.position;
    }
    this.signal?.notify();
    return { contributionIds: contributions.map((c) => c.contributionId), position };
  }
}

const NAME = 'survey-reactor';
const BATCH_SIZE = 100;
const IDLE_MS = 250;
const RETRY_MS = 1000;

/**
 * Catches up what the survey-response command did not finish (a crash between the response and
 * its contributions): follows SurveyResponseSubmitted in the global log from a checkpoint and runs
 * the same idempotent reaction. Several processes may run it: a reaction done twice appends nothing.
 */
@Injectable()
export class SurveyReactor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SurveyReactor');
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE_POOL) private readonly pool: pg.Pool,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly reaction: SurveyReaction,
    private readonly appends: AppendSignal,
  ) {}

  onApplicationBootstrap(): void {
    // Background work follows the projections' switch: a process that serves only requests skips it.
    if (this.runtime.config.PROJECTIONS_ENABLED === 'false') return;
    this.start();
  }

  start(): void {
    this.loop ??= this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { signal } = this.abort;
    while (!signal.aborted) {
      try {
        const caughtUp = await this.step();
        if (caughtUp) await this.appends.wait(IDLE_MS, signal);
      } catch (error) {
        if (signal.aborted) return;
        // A lost connection or the like: the checkpoint has not moved past the failed batch.
        this.logger.warn(`batch failed, retrying: ${(error as Error).message}`);
        await sleep(RETRY_MS, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  /** Reacts to the next batch after the checkpoint, then moves the checkpoint past it. True when caught up. */
  private async step(): Promise<boolean> {
    const { rows } = await this.pool.query<{ position: string | null }>('SELECT position FROM reactor_checkpoints WHERE name = $1', [NAME]);
    const checkpoint = rows[0]?.position ?? null;
    const head = await this.store.head();
    const events = await this.store.readAll({ after: checkpoint, types: ['SurveyResponseSubmitted'], limit: BATCH_SIZE });
    for (const event of events) await this.reaction.react(event);
    const caughtUp = events.length < BATCH_SIZE;
    let next = this.later(checkpoint, events.at(-1)?.position ?? null);
    // Fewer than a batch: every event up to the head read before has been seen. Moving past the
    // other types keeps the next read short when survey responses are rare.
    if (caughtUp) next = this.later(next, head);
    if (next !== checkpoint) {
      await this.pool.query(
        `INSERT INTO reactor_checkpoints (name, position, updated_at) VALUES ($1, $2, now())
         ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
        [NAME, next],
      );
    }
    return caughtUp;
  }

  private later(a: string | null, b: string | null): string | null {
    if (a === null) return b;
    if (b === null) return a;
    return this.store.comparePositions(a, b) >= 0 ? a : b;
  }
}
