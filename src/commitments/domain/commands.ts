import type { CycleSnapshot } from '../../cycles/domain/cycle.decider.js';
import type { CommandBase } from '../../shared/decider.js';
import type { Milestone, OgpValue } from './events.js';

export type DraftCommitment = CommandBase<'DraftCommitment'> & {
  commitmentId: string;
  cycleId: string;
  policyAreaId: string;
  title: string;
  problem: string;
  description: string;
  ogpValues: OgpValue[];
  milestones: Milestone[];
  leadInstitution: string;
  supportingInstitutions?: string[];
  context: { cycle: CycleSnapshot };
};

export type ReviseCommitment = CommandBase<'ReviseCommitment'> & {
  commitmentId: string;
  title?: string;
  problem?: string;
  description?: string;
  ogpValues?: OgpValue[];
  milestones?: Milestone[];
  /** The contributions that caused the revision. */
  inResponseTo?: string[];
  /** `leadInstitution`: the contribution's scope (null: a consultation of the whole cycle). */
  context: { contributions: { id: string; exists: boolean; cycleId: string; leadInstitution: string | null }[] };
};

export type WithdrawCommitment = CommandBase<'WithdrawCommitment'> & {
  commitmentId: string;
  reason?: string | null;
};

export type CommitmentCommand = DraftCommitment | ReviseCommitment | WithdrawCommitment;
