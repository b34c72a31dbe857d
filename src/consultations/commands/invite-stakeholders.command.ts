import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { ContextLoader } from '../../command-handling/context-loader.js';
import { executeOnConsultation } from './execute-on-consultation.js';
import type { InviteStakeholders } from '../domain/commands.js';

export class InviteStakeholdersCommand {
  constructor(
    readonly consultationId: string,
    readonly input: CommandInput<InviteStakeholders, 'consultationId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(InviteStakeholdersCommand)
export class InviteStakeholdersHandler implements ICommandHandler<InviteStakeholdersCommand, CommandResult> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly contexts: ContextLoader,
  ) {}

  execute({ consultationId, input, meta }: InviteStakeholdersCommand): Promise<CommandResult> {
    return executeOnConsultation(this.aggregates, consultationId, meta, async () => ({
      type: 'InviteStakeholders',
      stakeholderIds: input.stakeholderIds,
      context: { stakeholders: await this.contexts.stakeholders(input.stakeholderIds) },
    }));
  }
}
