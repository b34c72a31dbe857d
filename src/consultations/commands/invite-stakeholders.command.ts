import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { ContextLoader } from '../../command-handling/context-loader.js';
import type { InviteStakeholdersRequest } from './consultation.dto.js';
import { executeOnConsultation } from './execute-on-consultation.js';

export class InviteStakeholdersCommand {
  constructor(
    readonly consultationId: string,
    readonly body: InviteStakeholdersRequest,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(InviteStakeholdersCommand)
export class InviteStakeholdersHandler implements ICommandHandler<InviteStakeholdersCommand, CommandResult> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly contexts: ContextLoader,
  ) {}

  execute({ consultationId, body, meta }: InviteStakeholdersCommand): Promise<CommandResult> {
    return executeOnConsultation(this.aggregates, consultationId, meta, async () => ({
      type: 'InviteStakeholders',
      stakeholderIds: body.stakeholderIds,
      context: { stakeholders: await this.contexts.stakeholders(body.stakeholderIds) },
    }));
  }
}
