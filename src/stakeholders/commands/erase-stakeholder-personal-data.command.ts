import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-request.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { PersonalDataVault } from '../../security/personal-data.vault.js';
import { streams } from '../../shared/streams.js';
import { stakeholderDecider } from '../domain/stakeholder.decider.js';
import type { EraseStakeholderRequest } from './stakeholder.dto.js';

export class EraseStakeholderPersonalDataCommand {
  constructor(
    readonly stakeholderId: string,
    readonly body: EraseStakeholderRequest,
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

  async execute({ stakeholderId, body, meta }: EraseStakeholderPersonalDataCommand): Promise<CommandResult> {
    const result = await this.aggregates.execute({
      streamId: streams.stakeholder(stakeholderId),
      decider: stakeholderDecider,
      ...meta,
      command: async (state) => {
        const command = {
          type: 'EraseStakeholderPersonalData' as const,
          actor: meta.actor,
          occurredAt: meta.occurredAt,
          stakeholderId,
          reason: body.reason,
        };
        // Let the decider refuse first (unknown stakeholder, already erased, no reason).
        stakeholderDecider.decide(command, state);
        await this.vault.erase(stakeholderId);
        return command;
      },
    });
    return { id: stakeholderId, revision: result.revision, position: result.position };
  }
}
