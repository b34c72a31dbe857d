import type { Decider } from '../../shared/decider.js';
import { DomainError } from '../../shared/domain-error.js';
import { assertLeads } from '../../shared/scope.js';
import { ConsultationErrors } from '../../consultations/domain/errors.js';
import { ContributionErrors, contributionsMissing } from '../../contributions/domain/errors.js';
import type {
  AcceptReport,
  ContributionRefs,
  DraftReport,
  GiveReportFeedback,
  PublishReport,
  ReportCommand,
  ReviseReport,
  SubmitReport,
} from './commands.js';
import { ReportErrors as E, reportNotFound } from './errors.js';
import type { ReportEvent, ReportStatus } from './events.js';

export interface ExistingReport {
  exists: true;
  status: ReportStatus;
  consultationId: string;
  cycleId: string;
  policyAreaId: string | null;
  /** Scope of the LFP that may act on it; null: POC only. */
  leadInstitution: string | null;
  contributionIds: string[];
  /** Feedback rounds so far, over all submissions. */
  round: number;
  /** 0 until the first revision. */
  revisionNumber: number;
}

export type ReportState = { exists: false } | ExistingReport;

const WHAT = 'this report';

function draft(command: DraftReport, state: ReportState): ReportEvent[] {
  if (state.exists) throw new DomainError(E.ALREADY_EXISTS, `report ${command.reportId} already exists`);
  const { consultation } = command.context;
  if (!consultation.exists) {
    throw new DomainError(ConsultationErrors.NOT_FOUND, `consultation ${command.consultationId} does not exist`);
  }
  const leadInstitution = consultation.policyAreaId === null ? null : consultation.leadInstitution;
  assertLeads(command.actor, leadInstitution, 'the consultation');
  const contributionIds = checkedContributions(command.contributionIds ?? [], command.context.contributions, command.consultationId);
  return [
    {
      type: 'ReportDrafted',
      data: {
        reportId: command.reportId,
        consultationId: command.consultationId,
        cycleId: consultation.cycleId,
        policyAreaId: consultation.policyAreaId,
        leadInstitution,
        summary: command.summary,
        contributionIds,
      },
    },
  ];
}

function submit(command: SubmitReport, state: ExistingReport): ReportEvent[] {
  assertLeads(command.actor, state.leadInstitution, WHAT);
  if (state.status !== 'draft') throw new DomainError(E.NOT_DRAFT, `the report is ${state.status}, not a draft`);
  return [{ type: 'ReportSubmitted', data: ids(command.reportId, state) }];
}

function giveFeedback(command: GiveReportFeedback, state: ExistingReport): ReportEvent[] {
  assertLeads(command.actor, null, 'report feedback');
  const items = command.items.map((i) => ({ section: i.section.trim(), comment: i.comment.trim() }));
  if (items.length === 0 || items.some((i) => i.section === '' || i.comment === '')) {
    throw new DomainError(E.FEEDBACK_REQUIRED, 'feedback names at least one section, each with a comment', 'invalid', {
      field: 'items',
    });
  }
  assertSubmitted(state);
  return [{ type: 'ReportFeedbackGiven', data: { ...ids(command.reportId, state), round: state.round + 1, items } }];
}

function revise(command: ReviseReport, state: ExistingReport): ReportEvent[] {
  assertLeads(command.actor, state.leadInstitution, WHAT);
  if (state.status !== 'draft' && state.status !== 'submitted') {
    throw new DomainError(E.ALREADY_ACCEPTED, `the report is already ${state.status}`);
  }
  const contributionIds =
    command.contributionIds === undefined
      ? state.contributionIds
      : checkedContributions(command.contributionIds, command.context.contributions, state.consultationId);
  return [
    {
      type: 'ReportRevised',
      data: {
        ...ids(command.reportId, state),
        revisionNumber: state.revisionNumber + 1,
        summary: command.summary,
        contributionIds,
      },
    },
  ];
}

function accept(command: AcceptReport, state: ExistingReport): ReportEvent[] {
  assertLeads(command.actor, null, 'report acceptance');
  assertSubmitted(state);
  return [{ type: 'ReportAccepted', data: ids(command.reportId, state) }];
}

function publish(command: PublishReport, state: ExistingReport): ReportEvent[] {
  assertLeads(command.actor, null, 'report publication');
  if (state.status !== 'accepted') {
    throw new DomainError(E.NOT_ACCEPTED, `the report is ${state.status}: only an accepted report is published`);
  }
  return [{ type: 'ReportPublished', data: { ...ids(command.reportId, state), url: command.url ?? null } }];
}

function assertSubmitted(state: ExistingReport): void {
  if (state.status !== 'submitted') {
    throw new DomainError(E.NOT_SUBMITTED, `the report is ${state.status}: submit it first`);
  }
}

/** The named contributions must exist and come from the report's consultation. */
function checkedContributions(requested: string[], refs: ContributionRefs, consultationId: string): string[] {
  const contributionIds = [...new Set(requested)];
  const snapshots = new Map(refs.map((c) => [c.id, c]));
  const missing = contributionIds.filter((id) => !snapshots.get(id)?.exists);
  if (missing.length > 0) throw contributionsMissing(missing, 'contributionIds');
  const elsewhere = contributionIds.filter((id) => snapshots.get(id)!.consultationId !== consultationId);
  if (elsewhere.length > 0) {
    throw new DomainError(
      ContributionErrors.OTHER_CONSULTATION,
      `contributions of another consultation: ${elsewhere.join(', ')}`,
      'conflict',
      { field: 'contributionIds', contributionIds: elsewhere },
    );
  }
  return contributionIds;
}

function ids(reportId: string, state: ExistingReport) {
  return { reportId, consultationId: state.consultationId, cycleId: state.cycleId, policyAreaId: state.policyAreaId };
}

export const reportDecider: Decider<ReportCommand, ReportEvent, ReportState> = {
  initialState: { exists: false },

  decide(command, state) {
    if (command.type === 'DraftReport') return draft(command, state);
    if (!state.exists) throw reportNotFound(command.reportId);
    switch (command.type) {
      case 'SubmitReport':
        return submit(command, state);
      case 'GiveReportFeedback':
        return giveFeedback(command, state);
      case 'ReviseReport':
        return revise(command, state);
      case 'AcceptReport':
        return accept(command, state);
      case 'PublishReport':
        return publish(command, state);
    }
  },

  evolve(state, event) {
    if (event.type === 'ReportDrafted') {
      const d = event.data;
      return {
        exists: true,
        status: 'draft',
        consultationId: d.consultationId,
        cycleId: d.cycleId,
        policyAreaId: d.policyAreaId,
        leadInstitution: d.leadInstitution,
        contributionIds: d.contributionIds,
        round: 0,
        revisionNumber: 0,
      };
    }
    if (!state.exists) return state;
    switch (event.type) {
      case 'ReportSubmitted':
        return { ...state, status: 'submitted' };
      case 'ReportFeedbackGiven':
        return { ...state, round: event.data.round };
      case 'ReportRevised':
        return {
          ...state,
          status: 'draft',
          revisionNumber: event.data.revisionNumber,
          contributionIds: event.data.contributionIds,
        };
      case 'ReportAccepted':
        return { ...state, status: 'accepted' };
      case 'ReportPublished':
        return { ...state, status: 'published' };
    }
  },
};
