import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ContextLoader } from '../command-handling/context-loader.js';
import type { ContributionReceived } from '../contributions/domain/events.js';
import { EVENT_STORE, type EventStore, type RecordedEvent, type StreamAppend } from '../event-store/event-store.port.js';
import type { Checkpoint } from '../projection-runner/checkpoints.js';
import type { LogConsumer } from '../projection-runner/log-consumer.js';
import { ProjectionRunner } from '../projection-runner/projection-runner.service.js';
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
  ) {}

  async react(response: RecordedEvent): Promise<SurveyReactionResult> {
    const appends = await this.appendsFor(response, new Map());
    let position = response.position;
    for (const a of appends) position = (await this.store.append(a.streamId, a.events, { expectedRevision: a.expectedRevision })).position;
    return { contributionIds: appends.map((a) => a.contributionId), position };
  }

  /**
   * The reactions to many responses (a catch-up): each consultation is read once, and the
   * contributions go to the store in one appendMany per thousand, idempotent like `react`.
   */
  async reactAll(responses: readonly RecordedEvent[]): Promise<void> {
    const leads = new Map<string, string | null>();
    const appends: StreamAppend[] = [];
    for (const response of responses) appends.push(...(await this.appendsFor(response, leads)));
    for (let i = 0; i < appends.length; i += 1000) await this.store.appendMany(appends.slice(i, i + 1000));
  }

  /** One ContributionReceived per text answer, each to its own stream; `leads` keeps each consultation's lead institution. */
  private async appendsFor(response: RecordedEvent, leads: Map<string, string | null>): Promise<Array<StreamAppend & { contributionId: string }>> {
    const event = response as RecordedEvent<'SurveyResponseSubmitted', SurveyResponseSubmitted['data']>;
    const contributions = contributionsFromSurveyResponse(event, surveyContributionId);
    if (contributions.length === 0) return [];
    const consultationId = event.data.consultationId;
    if (!leads.has(consultationId)) leads.set(consultationId, (await this.contexts.consultation(consultationId)).leadInstitution);
    const leadInstitution = leads.get(consultationId) ?? null;
    const { actor, correlationId, occurredAt } = response.metadata;
    // Text values are copied as stored: already encrypted when the respondent is an individual.
    return contributions.map((contribution) => ({
      contributionId: contribution.contributionId,
      streamId: streams.contribution(contribution.contributionId),
      expectedRevision: 'any' as const,
      events: [
        {
          eventId: uuidv5(`survey-reaction|${response.eventId}|${contribution.source.questionId}`),
          type: 'ContributionReceived',
          data: { ...contribution, leadInstitution, receivedAt: occurredAt } satisfies ContributionReceived['data'],
          metadata: { actor, correlationId, causationId: response.eventId, occurredAt, schemaVersion: 1 },
        },
      ],
    }));
  }
}

const NAME = 'survey-reactor';

/**
 * Catches up what the survey-response command did not finish (a crash between the response and
 * its contributions): the log follower gives it every SurveyResponseSubmitted after its checkpoint
 * and it runs the same idempotent reaction, then moves its checkpoint. Its effects are appends to
 * the store, not rows beside the checkpoint: a batch reacted to again after a crash appends
 * nothing twice (deterministic event ids).
 */
@Injectable()
export class SurveyReactor implements LogConsumer, OnModuleInit {
  readonly name = NAME;
  readonly kind = 'reactor';
  readonly types: ReadonlySet<string> = new Set(['SurveyResponseSubmitted']);
  private readonly logger = new Logger('SurveyReactor');

  constructor(
    private readonly runner: ProjectionRunner,
    private readonly reaction: SurveyReaction,
  ) {}

  onModuleInit(): void {
    this.runner.register(this);
  }

  /** Starts the follower it runs on (with the projections), when the process did not. */
  start(): void {
    this.runner.start();
  }

  async prepare(): Promise<Checkpoint> {
    const state = await this.runner.checkpoints.ensure(NAME, 'reactor', 1);
    return { position: state.position, horizon: state.horizon };
  }

  async apply(events: readonly RecordedEvent[], from: Checkpoint, to: Checkpoint): Promise<void> {
    await this.reaction.reactAll(events);
    await this.runner.dataSource.transaction((m) => this.runner.checkpoints.advance(m, NAME, from, to, events.length));
  }

  async fail(error: unknown): Promise<void> {
    this.logger.error((error as Error)?.message ?? String(error));
    await this.runner.checkpoints.setStatus(NAME, 'failed', (error as Error)?.message ?? String(error), null);
  }
}
