import type { ConsultationSnapshot } from '../../consultations/domain/consultation.decider.js';
import type { CommandBase } from '../../shared/decider.js';
import type { StakeholderSnapshot } from '../../stakeholders/domain/stakeholder.decider.js';
import type { Channel, ContributionSource, Decision, ReviewVerdict } from './events.js';

export interface CommitmentRef {
  exists: boolean;
  cycleId: string;
}

export type ReceiveContribution = CommandBase<'ReceiveContribution'> & {
  contributionId: string;
  consultationId: string;
  /** Omitted by a stakeholder: it submits as itself. Null with poc/lfp: anonymous input. */
  stakeholderId?: string | null;
  channel: Channel;
  body: string;
  commitmentId?: string | null;
  /** Defaults to occurredAt. */
  receivedAt?: string;
  /** Asks to record it after the consultation closed. */
  late?: boolean;
  source?: ContributionSource;
  context: {
    consultation: ConsultationSnapshot;
    /** The contributing stakeholder, null when there is none (anonymous input). */
    stakeholder: StakeholderSnapshot | null;
    /** The commented commitment, null when the contribution names none. */
    commitment: CommitmentRef | null;
  };
};

export type RespondToContribution = CommandBase<'RespondToContribution'> & {
  contributionId: string;
  decision: Decision;
  rationale: string;
  commitmentIds?: string[];
  /** `areaLeadInstitution`: whose LFP may name the commitment. */
  context: { commitments: { id: string; exists: boolean; cycleId: string; withdrawn: boolean; areaLeadInstitution: string }[] };
};

export type ReviewResponse = CommandBase<'ReviewResponse'> & {
  contributionId: string;
  verdict: ReviewVerdict;
  comment?: string | null;
};

export type PublishResponse = CommandBase<'PublishResponse'> & { contributionId: string };

export type WithdrawContribution = CommandBase<'WithdrawContribution'> & {
  contributionId: string;
  reason?: string | null;
};

export type RedactContribution = CommandBase<'RedactContribution'> & { contributionId: string; reason: string };

export type MarkDuplicate = CommandBase<'MarkDuplicate'> & {
  contributionId: string;
  canonicalId: string;
  context: {
    /** `chain`: the canonical's own duplicate-of chain up to its root; `leadInstitution`: its scope (null: POC only). */
    canonical: { exists: boolean; cycleId: string; withdrawn: boolean; chain: string[]; leadInstitution: string | null };
  };
};

export type ContributionCommand =
  | ReceiveContribution
  | RespondToContribution
  | ReviewResponse
  | PublishResponse
  | WithdrawContribution
  | RedactContribution
  | MarkDuplicate;
