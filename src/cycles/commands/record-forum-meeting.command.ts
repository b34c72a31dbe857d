import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { ContextLoader } from '../../command-handling/context-loader.js';
import { seededId } from '../../shared/ids.js';
import { executeOnCycle } from './execute-on-cycle.js';
import type { RecordForumMeeting } from '../domain/commands.js';

export class RecordForumMeetingCommand {
  constructor(
    readonly cycleId: string,
    readonly input: CommandInput<RecordForumMeeting, 'cycleId' | 'meetingId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(RecordForumMeetingCommand)
export class RecordForumMeetingHandler implements ICommandHandler<RecordForumMeetingCommand, CommandResult> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly contexts: ContextLoader,
  ) {}

  async execute({ cycleId, input, meta }: RecordForumMeetingCommand): Promise<CommandResult> {
    const meetingId = seededId(meta.idempotencySeed);
    const result = await executeOnCycle(this.aggregates, cycleId, meta, async () => ({
      type: 'RecordForumMeeting',
      meetingId,
      heldAt: input.heldAt,
      minutesUrl: input.minutesUrl ?? null,
      attendeeIds: input.attendeeIds ?? [],
      context: { attendees: await this.contexts.stakeholders(input.attendeeIds) },
    }));
    return { ...result, id: meetingId, cycleId };
  }
}
