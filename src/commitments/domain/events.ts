export const OGP_VALUES = ['transparency', 'accountability', 'participation', 'technology_innovation'] as const;
export type OgpValue = (typeof OGP_VALUES)[number];

export interface Milestone {
  title: string;
  /** ISO 8601 date. */
  dueDate: string;
}

/** The fields of OGP's commitment template that a revision may change. */
export interface CommitmentChanges {
  title?: string;
  problem?: string;
  description?: string;
  ogpValues?: OgpValue[];
  milestones?: Milestone[];
}

export interface CommitmentDrafted {
  type: 'CommitmentDrafted';
  data: {
    commitmentId: string;
    cycleId: string;
    policyAreaId: string;
    title: string;
    problem: string;
    description: string;
    ogpValues: OgpValue[];
    milestones: Milestone[];
    /** The template's lead implementing institution, as drafted. */
    leadInstitution: string;
    supportingInstitutions: string[];
    /** Lead institution of the policy area at drafting: whose LFP may act on the commitment. */
    areaLeadInstitution: string;
  };
}

export interface CommitmentRevised {
  type: 'CommitmentRevised';
  data: {
    commitmentId: string;
    cycleId: string;
    policyAreaId: string;
    revisionNumber: number;
    /** Only the fields that actually changed. */
    changes: CommitmentChanges;
    inResponseTo: string[];
  };
}

export interface CommitmentWithdrawn {
  type: 'CommitmentWithdrawn';
  data: { commitmentId: string; cycleId: string; policyAreaId: string; reason: string | null };
}

export type CommitmentEvent = CommitmentDrafted | CommitmentRevised | CommitmentWithdrawn;

export const COMMITMENT_EVENT_TYPES = [
  'CommitmentDrafted',
  'CommitmentRevised',
  'CommitmentWithdrawn',
] as const satisfies readonly CommitmentEvent['type'][];
