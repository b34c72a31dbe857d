import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { seededId } from '../../shared/ids.js';
import { executeOnStakeholder } from './execute-on-stakeholder.js';
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

  execute({ body, meta }: RegisterStakeholderCommand): Promise<CommandResult> {
    return executeOnStakeholder(this.aggregates, seededId(meta.idempotencySeed), meta, () => ({
      type: 'RegisterStakeholder',
      kind: body.kind,
      name: body.name,
      email: body.email ?? null,
      registryRef: body.registryRef ?? null,
    }));
  }
}
