import type { PersonalText } from '../../shared/personal-text.js';

export const CHANNELS = ['survey', 'meeting', 'written', 'online_comment', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DECISIONS = [
  'accepted',
  'partially_accepted',
  'not_accepted',
  'out_of_scope',
  'already_addressed',
  'noted',
] as const;
export type Decision = (typeof DECISIONS)[number];

/** Decisions that must name at least one commitment. */
export const DECISIONS_NEEDING_COMMITMENT: readonly Decision[] = ['accepted', 'partially_accepted'];

export const REVIEW_VERDICTS = ['endorsed', 'revision_requested'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

/** Where a contribution came from when another aggregate produced it (the survey reactor). */
export type ContributionSource = null | { kind: 'survey_response'; responseId: string; questionId: string };

export interface ContributionReceived {
  type: 'ContributionReceived';
  data: {
    contributionId: string;
    consultationId: string;
    cycleId: string;
    policyAreaId: string | null;
    /** Lead institution of the policy area; null outside a policy area (then only the POC acts). */
    leadInstitution: string | null;
    stakeholderId: string | null;
    channel: Channel;
    body: PersonalText;
    commitmentId: string | null;
    receivedAt: string;
    late: boolean;
    source: ContributionSource;
    personalDataSubject: string | null;
  };
}

export interface ContributionResponded {
  type: 'ContributionResponded';
  data: {
    contributionId: string;
    cycleId: string;
    policyAreaId: string | null;
    responseNumber: number;
    decision: Decision;
    rationale: string;
    commitmentIds: string[];
  };
}

export interface ResponseReviewed {
  type: 'ResponseReviewed';
  data: {
    contributionId: string;
    cycleId: string;
    policyAreaId: string | null;
    responseNumber: number;
    verdict: ReviewVerdict;
    comment: string | null;
  };
}

export interface ResponsePublished {
  type: 'ResponsePublished';
  data: { contributionId: string; cycleId: string; policyAreaId: string | null; responseNumber: number };
}

export interface ContributionWithdrawn {
  type: 'ContributionWithdrawn';
  data: { contributionId: string; cycleId: string; policyAreaId: string | null; reason: string | null };
}

export interface ContributionRedacted {
  type: 'ContributionRedacted';
  data: { contributionId: string; cycleId: string; policyAreaId: string | null; reason: string };
}

export interface ContributionMarkedDuplicate {
  type: 'ContributionMarkedDuplicate';
  data: { contributionId: string; cycleId: string; policyAreaId: string | null; canonicalId: string };
}

export type ContributionEvent =
  | ContributionReceived
  | ContributionResponded
  | ResponseReviewed
  | ResponsePublished
  | ContributionWithdrawn
  | ContributionRedacted
  | ContributionMarkedDuplicate;

export const CONTRIBUTION_EVENT_TYPES = [
  'ContributionReceived',
  'ContributionResponded',
  'ResponseReviewed',
  'ResponsePublished',
  'ContributionWithdrawn',
  'ContributionRedacted',
  'ContributionMarkedDuplicate',
] as const satisfies readonly ContributionEvent['type'][];
