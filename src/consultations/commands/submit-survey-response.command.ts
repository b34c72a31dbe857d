import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { ContextLoader } from '../../command-handling/context-loader.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { seededId } from '../../shared/ids.js';
import { actingStakeholder } from '../../shared/scope.js';
import { streams } from '../../shared/streams.js';
import { SurveyReaction } from '../survey-reactor.js';
import { executeOnConsultation } from './execute-on-consultation.js';
import type { SubmitSurveyResponse } from '../domain/commands.js';

export class SubmitSurveyResponseCommand {
  constructor(
    readonly consultationId: string,
    readonly input: CommandInput<SubmitSurveyResponse, 'consultationId' | 'responseId'>,
    readonly meta: CommandMeta,
  ) {}
}

/**
 * Appends the response to the consultation, then runs the survey reaction at once, so that the
 * answer can list contributions that exist. A crash in between is caught up by the SurveyReactor.
 */
@CommandHandler(SubmitSurveyResponseCommand)
export class SubmitSurveyResponseHandler implements ICommandHandler<SubmitSurveyResponseCommand, CommandResult> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly contexts: ContextLoader,
    private readonly reaction: SurveyReaction,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ consultationId, input, meta }: SubmitSurveyResponseCommand): Promise<CommandResult> {
    const responseId = seededId(meta.idempotencySeed);
    // The decider checks that the respondent exists; its kind decides whether the text is personal.
    const respondentId = actingStakeholder(meta.actor, input.stakeholderId);
    const result = await executeOnConsultation(this.aggregates, consultationId, meta, async () => ({
      type: 'SubmitSurveyResponse',
      responseId,
      stakeholderId: input.stakeholderId,
      answers: input.answers,
      late: input.late,
      context: { stakeholder: respondentId === null ? null : await this.contexts.stakeholder(respondentId) },
    }));
    // The response as stored (text of an individual encrypted), also when this was a replay.
    const [response] = await this.store.readStream(streams.consultation(consultationId), { from: result.revision, limit: 1 });
    const reaction = await this.reaction.react(response);
    return { ...result, id: responseId, consultationId, position: reaction.position, contributionIds: reaction.contributionIds };
  }
}
