import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandInput, CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { seededId } from '../../shared/ids.js';
import { executeOnCycle } from './execute-on-cycle.js';
import type { AddPolicyArea } from '../domain/commands.js';

export class AddPolicyAreaCommand {
  constructor(
    readonly cycleId: string,
    readonly input: CommandInput<AddPolicyArea, 'cycleId' | 'policyAreaId'>,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(AddPolicyAreaCommand)
export class AddPolicyAreaHandler implements ICommandHandler<AddPolicyAreaCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ cycleId, input, meta }: AddPolicyAreaCommand): Promise<CommandResult> {
    const policyAreaId = seededId(meta.idempotencySeed);
    const result = await executeOnCycle(this.aggregates, cycleId, meta, () => ({
      type: 'AddPolicyArea',
      policyAreaId,
      name: input.name,
      leadInstitution: input.leadInstitution,
    }));
    return { ...result, id: policyAreaId, cycleId };
  }
}
