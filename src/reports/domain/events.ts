export const REPORT_STATUSES = ['draft', 'submitted', 'accepted', 'published'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface FeedbackItem {
  section: string;
  comment: string;
}

export interface ReportDrafted {
  type: 'ReportDrafted';
  data: {
    reportId: string;
    consultationId: string;
    cycleId: string;
    policyAreaId: string | null;
    /** Lead institution of the policy area; null outside a policy area (then only the POC acts). */
    leadInstitution: string | null;
    summary: string;
    contributionIds: string[];
  };
}

export interface ReportSubmitted {
  type: 'ReportSubmitted';
  data: { reportId: string; consultationId: string; cycleId: string; policyAreaId: string | null };
}

export interface ReportFeedbackGiven {
  type: 'ReportFeedbackGiven';
  data: {
    reportId: string;
    consultationId: string;
    cycleId: string;
    policyAreaId: string | null;
    round: number;
    items: FeedbackItem[];
  };
}

export interface ReportRevised {
  type: 'ReportRevised';
  data: {
    reportId: string;
    consultationId: string;
    cycleId: string;
    policyAreaId: string | null;
    revisionNumber: number;
    summary: string;
    contributionIds: string[];
  };
}

export interface ReportAccepted {
  type: 'ReportAccepted';
  data: { reportId: string; consultationId: string; cycleId: string; policyAreaId: string | null };
}

export interface ReportPublished {
  type: 'ReportPublished';
  data: { reportId: string; consultationId: string; cycleId: string; policyAreaId: string | null; url: string | null };
}

export type ReportEvent =
  | ReportDrafted
  | ReportSubmitted
  | ReportFeedbackGiven
  | ReportRevised
  | ReportAccepted
  | ReportPublished;

export const REPORT_EVENT_TYPES = [
  'ReportDrafted',
  'ReportSubmitted',
  'ReportFeedbackGiven',
  'ReportRevised',
  'ReportAccepted',
  'ReportPublished',
] as const satisfies readonly ReportEvent['type'][];
