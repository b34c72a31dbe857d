import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { seededId } from '../../shared/ids.js';
import { executeOnStakeholder } from './execute-on-stakeholder.js';
import type { RegisterStakeholder } from '../domain/commands.js';

export class RegisterStakeholderCommand {
  constructor(
    readonly input: CommandInput<RegisterStakeholder, 'stakeholderId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(RegisterStakeholderCommand)
export class RegisterStakeholderHandler implements ICommandHandler<RegisterStakeholderCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ input, meta }: RegisterStakeholderCommand): Promise<CommandResult> {
    return executeOnStakeholder(this.aggregates, seededId(meta.idempotencySeed), meta, () => ({
      type: 'RegisterStakeholder',
      kind: input.kind,
      name: input.name,
      email: input.email ?? null,
      registryRef: input.registryRef ?? null,
    }));
  }
}
