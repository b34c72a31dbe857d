import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { PersonalDataVault } from '../../security/personal-data.vault.js';
import { stakeholderDecider } from '../domain/stakeholder.decider.js';
import { executeOnStakeholder } from './execute-on-stakeholder.js';
import type { EraseStakeholderPersonalData } from '../domain/commands.js';

export class EraseStakeholderPersonalDataCommand {
  constructor(
    readonly stakeholderId: string,
    readonly input: CommandInput<EraseStakeholderPersonalData, 'stakeholderId'>,
    readonly meta: CommandMeta,
  ) {}
}

/**
 * Crypto-shredding: the person's key is destroyed, then the erasure is recorded. In that order, a
 * crash in between leaves the key gone and the command retryable (the decider has not seen an
 * erasure yet); the other order could record an erasure whose key survived.
 */
@CommandHandler(EraseStakeholderPersonalDataCommand)
export class EraseStakeholderPersonalDataHandler implements ICommandHandler<EraseStakeholderPersonalDataCommand, CommandResult> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly vault: PersonalDataVault,
  ) {}

  execute({ stakeholderId, input, meta }: EraseStakeholderPersonalDataCommand): Promise<CommandResult> {
    return executeOnStakeholder(this.aggregates, stakeholderId, meta, async (state) => {
      const fields = { type: 'EraseStakeholderPersonalData' as const, reason: input.reason };
      // Let the decider refuse first (unknown stakeholder, already erased, no reason): no key is destroyed then.
      stakeholderDecider.decide({ ...fields, actor: meta.actor, occurredAt: meta.occurredAt, stakeholderId }, state);
      await this.vault.erase(stakeholderId);
      return fields;
    });
  }
}
