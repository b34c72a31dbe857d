import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-request.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { nextId } from '../../http/request-context.js';
import { streams } from '../../shared/streams.js';
import { stakeholderDecider } from '../domain/stakeholder.decider.js';
import type { RegisterStakeholderRequest } from './stakeholder.dto.js';

export class RegisterStakeholderCommand {
  constructor(
    readonly body: RegisterStakeholderRequest,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(RegisterStakeholderCommand)
export class RegisterStakeholderHandler implements ICommandHandler<RegisterStakeholderCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ body, meta }: RegisterStakeholderCommand): Promise<CommandResult> {
    const stakeholderId = nextId();
    const result = await this.aggregates.execute({
      streamId: streams.stakeholder(stakeholderId),
      decider: stakeholderDecider,
      ...meta,
      command: () => ({
        type: 'RegisterStakeholder' as const,
        actor: meta.actor,
        occurredAt: meta.occurredAt,
        stakeholderId,
        kind: body.kind,
        name: body.name,
        email: body.email ?? null,
        registryRef: body.registryRef ?? null,
      }),
    });
    return { id: stakeholderId, revision: result.revision, position: result.position };
  }
}
