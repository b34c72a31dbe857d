import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import type { CommandResult } from '../../command-handling/command-response.js';
import { seededId } from '../../shared/ids.js';
import type { AddPolicyAreaRequest } from './cycle.dto.js';
import { executeOnCycle } from './execute-on-cycle.js';

export class AddPolicyAreaCommand {
  constructor(
    readonly cycleId: string,
    readonly body: AddPolicyAreaRequest,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(AddPolicyAreaCommand)
export class AddPolicyAreaHandler implements ICommandHandler<AddPolicyAreaCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ cycleId, body, meta }: AddPolicyAreaCommand): Promise<CommandResult> {
    const policyAreaId = seededId(meta.idempotencySeed);
    const result = await executeOnCycle(this.aggregates, cycleId, meta, () => ({
      type: 'AddPolicyArea',
      policyAreaId,
      name: body.name,
      leadInstitution: body.leadInstitution,
    }));
    return { ...result, id: policyAreaId, cycleId };
  }
}
