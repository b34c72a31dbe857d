import type { ConsultationSnapshot } from '../../consultations/domain/consultation.decider.js';
import type { CommandBase } from '../../shared/decider.js';
import type { FeedbackItem } from './events.js';

/** The contributions a report names, as the handler found them. */
export type ContributionRefs = { id: string; exists: boolean; consultationId: string }[];

export type DraftReport = CommandBase<'DraftReport'> & {
  reportId: string;
  consultationId: string;
  summary: string;
  contributionIds?: string[];
  context: {
    consultation: ConsultationSnapshot;
    contributions: ContributionRefs;
  };
};

export type SubmitReport = CommandBase<'SubmitReport'> & { reportId: string };

export type GiveReportFeedback = CommandBase<'GiveReportFeedback'> & { reportId: string; items: FeedbackItem[] };

export type ReviseReport = CommandBase<'ReviseReport'> & {
  reportId: string;
  summary: string;
  /** Omitted: the report keeps the contributions it names. */
  contributionIds?: string[];
  context: { contributions: ContributionRefs };
};

export type AcceptReport = CommandBase<'AcceptReport'> & { reportId: string };

export type PublishReport = CommandBase<'PublishReport'> & { reportId: string; url?: string | null };

export type ReportCommand =
  | DraftReport
  | SubmitReport
  | GiveReportFeedback
  | ReviseReport
  | AcceptReport
  | PublishReport;
