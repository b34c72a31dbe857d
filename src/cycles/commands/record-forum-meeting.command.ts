import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { ContextLoader } from '../../command-handling/context-loader.js';
import { seededId } from '../../shared/ids.js';
import type { RecordForumMeetingRequest } from './cycle.dto.js';
import { executeOnCycle } from './execute-on-cycle.js';

export class RecordForumMeetingCommand {
  constructor(
    readonly cycleId: string,
    readonly body: RecordForumMeetingRequest,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(RecordForumMeetingCommand)
export class RecordForumMeetingHandler implements ICommandHandler<RecordForumMeetingCommand, CommandResult> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly contexts: ContextLoader,
  ) {}

  async execute({ cycleId, body, meta }: RecordForumMeetingCommand): Promise<CommandResult> {
    const meetingId = seededId(meta.idempotencySeed);
    const result = await executeOnCycle(this.aggregates, cycleId, meta, async () => ({
      type: 'RecordForumMeeting',
      meetingId,
      heldAt: body.heldAt,
      minutesUrl: body.minutesUrl ?? null,
      attendeeIds: body.attendeeIds ?? [],
      context: { attendees: await this.contexts.stakeholders(body.attendeeIds) },
    }));
    return { ...result, id: meetingId, cycleId };
  }
}
