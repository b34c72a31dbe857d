import type { CommandBase } from '../../shared/decider.js';
import type { StakeholderKind } from './events.js';

export type RegisterStakeholder = CommandBase<'RegisterStakeholder'> & {
  stakeholderId: string;
  kind: StakeholderKind;
  name: string;
  email?: string | null;
  /** E.g. the entry in the Agency for Support of Civil Society's register of CSOs. */
  registryRef?: string | null;
};

export type EraseStakeholderPersonalData = CommandBase<'EraseStakeholderPersonalData'> & {
  stakeholderId: string;
  reason: string;
};

export type StakeholderCommand = RegisterStakeholder | EraseStakeholderPersonalData;
