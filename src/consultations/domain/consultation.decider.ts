import { cycleAlreadySubmitted, cycleNotFound, policyAreaNotFound } from '../../cycles/domain/errors.js';
import type { Decider } from '../../shared/decider.js';
import { DomainError } from '../../shared/domain-error.js';
import type { PersonalText } from '../../shared/personal-text.js';
import { actingStakeholder, assertLeads, assertSelf } from '../../shared/scope.js';
import { StakeholderErrors } from '../../stakeholders/domain/errors.js';
import { personalDataSubjectFor, registeredStakeholders } from '../../stakeholders/domain/stakeholder.decider.js';
import type {
  AnnounceConsultation,
  CloseConsultation,
  ConsultationCommand,
  DefineSurvey,
  InviteStakeholders,
  PublishMaterial,
  RecordAttendance,
  SubmitSurveyResponse,
} from './commands.js';
import { ConsultationErrors, SurveyErrors, consultationClosed, consultationNotFound } from './errors.js';
import type { ConsultationEvent, ConsultationKind, SurveyAnswer, SurveyQuestion, SurveyResponseSubmitted } from './events.js';

export interface ConsultationState {
  exists: boolean;
  consultationId: string | null;
  cycleId: string | null;
  policyAreaId: string | null;
  /** As announced: the area's lead, or the cycle's POC institution when there is no area. */
  leadInstitution: string | null;
  kind: ConsultationKind | null;
  closed: boolean;
  closedAt: string | null;
  invitedIds: readonly string[];
  attendeeIds: readonly string[];
  anonymousAttendance: number;
  /** Null until a survey is defined. */
  surveyQuestions: readonly SurveyQuestion[] | null;
  /** Once true, the survey's questions are fixed. */
  hasResponses: boolean;
}

/** The `consultation` context other aggregates' commands take (contributions, reports). */
export interface ConsultationSnapshot {
  exists: boolean;
  closed: boolean;
  cycleId: string;
  policyAreaId: string | null;
  /** Who may act besides the POC: null outside a policy area (POC only). */
  leadInstitution: string | null;
}

/** The institution an LFP must be to act on the consultation; null means POC only. */
export const scopeInstitution = (state: ConsultationState): string | null =>
  state.policyAreaId === null ? null : state.leadInstitution;

export const consultationSnapshot = (state: ConsultationState): ConsultationSnapshot => ({
  exists: state.exists,
  closed: state.closed,
  cycleId: state.cycleId ?? '',
  policyAreaId: state.policyAreaId,
  leadInstitution: scopeInstitution(state),
});

/** What the survey reactor puts into a ContributionReceived (it adds receivedAt: the response's occurredAt). */
export interface SurveyContribution {
  contributionId: string;
  consultationId: string;
  cycleId: string;
  policyAreaId: string | null;
  stakeholderId: string | null;
  channel: 'survey';
  body: PersonalText;
  commitmentId: null;
  late: boolean;
  source: { kind: 'survey_response'; responseId: string; questionId: string };
  personalDataSubject: string | null;
}

/**
 * One contribution per text answer. The event names each answer's type, and the decider leaves
 * blank text answers out of it, so this gives the same result on plain or encrypted events.
 */
export function contributionsFromSurveyResponse(
  event: SurveyResponseSubmitted,
  idFor: (responseId: string, questionId: string) => string,
): SurveyContribution[] {
  const { consultationId, cycleId, policyAreaId, responseId, stakeholderId, late, personalDataSubject } = event.data;
  return event.data.answers
    .filter((answer) => answer.type === 'text' && !isBlank(answer.value))
    .map((answer) => ({
      contributionId: idFor(responseId, answer.questionId),
      consultationId,
      cycleId,
      policyAreaId,
      stakeholderId,
      channel: 'survey',
      body: answer.value,
      commitmentId: null,
      late,
      source: { kind: 'survey_response', responseId, questionId: answer.questionId },
      personalDataSubject,
    }));
}

const isBlank = (value: PersonalText): boolean => typeof value === 'string' && value.trim() === '';

// Options compare like names: "Yes" and " yes " are the same choice.
const optionKey = (option: string): string => option.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

const initialState: ConsultationState = {
  exists: false,
  consultationId: null,
  cycleId: null,
  policyAreaId: null,
  leadInstitution: null,
  kind: null,
  closed: false,
  closedAt: null,
  invitedIds: [],
  attendeeIds: [],
  anonymousAttendance: 0,
  surveyQuestions: null,
  hasResponses: false,
};

const invalid = (code: string, message: string, field: string) => new DomainError(code, message, 'invalid', { field });

function decide(command: ConsultationCommand, state: ConsultationState): ConsultationEvent[] {
  if (command.type === 'AnnounceConsultation') return announce(command, state);
  if (!state.exists) throw consultationNotFound(command.consultationId);
  switch (command.type) {
    case 'InviteStakeholders':
      return invite(command, state);
    case 'PublishMaterial':
      return publishMaterial(command, state);
    case 'RecordAttendance':
      return recordAttendance(command, state);
    case 'DefineSurvey':
      return defineSurvey(command, state);
    case 'SubmitSurveyResponse':
      return submitSurveyResponse(command, state);
    case 'CloseConsultation':
      return close(command, state);
  }
}

/** The ids of the stream the events belong to, which every consultation event repeats. */
const ref = (state: ConsultationState) => ({
  consultationId: state.consultationId as string,
  cycleId: state.cycleId as string,
  policyAreaId: state.policyAreaId,
});

function announce(command: AnnounceConsultation, state: ConsultationState): ConsultationEvent[] {
  if (state.exists) {
    throw new DomainError(ConsultationErrors.ALREADY_EXISTS, `consultation ${command.consultationId} already exists`, 'conflict');
  }
  checkDates(command);
  const { cycle } = command.context;
  if (!cycle.exists) throw cycleNotFound(command.cycleId, 'conflict');
  if (cycle.submitted) throw cycleAlreadySubmitted(command.cycleId);
  const policyAreaId = command.policyAreaId ?? null;
  let leadInstitution = cycle.pocInstitution;
  if (policyAreaId !== null) {
    const area = cycle.policyAreas.find((a) => a.id === policyAreaId);
    if (!area) throw policyAreaNotFound(command.cycleId, policyAreaId);
    leadInstitution = area.leadInstitution;
  }
  assertLeads(command.actor, policyAreaId === null ? null : leadInstitution, 'a consultation');
  const { consultationId, cycleId, kind, title, announcedAt, opensAt, closesAt } = command;
  return [
    {
      type: 'ConsultationAnnounced',
      data: {
        consultationId,
        cycleId,
        policyAreaId,
        leadInstitution,
        kind,
        title,
        description: command.description ?? null,
        announcedAt,
        opensAt,
        closesAt,
      },
    },
  ];
}

/** announcedAt ≤ opensAt < closesAt; the field named is the later one of the broken pair. */
function checkDates({ announcedAt, opensAt, closesAt }: AnnounceConsultation): void {
  const dates = { announcedAt: Date.parse(announcedAt), opensAt: Date.parse(opensAt), closesAt: Date.parse(closesAt) };
  for (const [field, time] of Object.entries(dates)) {
    if (Number.isNaN(time)) throw invalid(ConsultationErrors.INVALID_DATES, `${field} is not a date`, field);
  }
  if (dates.announcedAt > dates.opensAt) {
    throw invalid(ConsultationErrors.INVALID_DATES, 'a consultation cannot open before it is announced', 'opensAt');
  }
  if (dates.opensAt >= dates.closesAt) {
    throw invalid(ConsultationErrors.INVALID_DATES, 'a consultation must close after it opens', 'closesAt');
  }
}

function assertInScope(command: ConsultationCommand, state: ConsultationState): void {
  assertLeads(command.actor, scopeInstitution(state), `consultation ${state.consultationId}`);
}

function invite(command: InviteStakeholders, state: ConsultationState): ConsultationEvent[] {
  assertInScope(command, state);
  const ids = registeredStakeholders(command.stakeholderIds, command.context.stakeholders, 'stakeholderIds');
  if (state.closed) throw consultationClosed(command.consultationId);
  const fresh = ids.filter((id) => !state.invitedIds.includes(id));
  // Re-inviting is harmless: nothing new, nothing recorded.
  if (fresh.length === 0) return [];
  return [{ type: 'StakeholdersInvited', data: { ...ref(state), stakeholderIds: fresh } }];
}

function publishMaterial(command: PublishMaterial, state: ConsultationState): ConsultationEvent[] {
  assertInScope(command, state);
  const { materialId, kind, title, url } = command;
  return [{ type: 'MaterialPublished', data: { ...ref(state), materialId, kind, title, url } }];
}

function recordAttendance(command: RecordAttendance, state: ConsultationState): ConsultationEvent[] {
  assertInScope(command, state);
  const ids = registeredStakeholders(command.stakeholderIds ?? [], command.context.stakeholders, 'stakeholderIds');
  const fresh = ids.filter((id) => !state.attendeeIds.includes(id));
  const anonymousCount = command.anonymousCount ?? 0;
  if (fresh.length === 0 && anonymousCount === 0) return [];
  return [{ type: 'AttendanceRecorded', data: { ...ref(state), stakeholderIds: fresh, anonymousCount } }];
}

function defineSurvey(command: DefineSurvey, state: ConsultationState): ConsultationEvent[] {
  assertInScope(command, state);
  if (state.kind !== 'survey') {
    throw new DomainError(ConsultationErrors.NOT_A_SURVEY, `consultation ${command.consultationId} is a ${state.kind}, not a survey`, 'conflict');
  }
  if (state.hasResponses) {
    throw new DomainError(SurveyErrors.LOCKED, 'the survey has responses: its questions can no longer change', 'conflict');
  }
  const seen = new Set<string>();
  const questions = command.questions.map((question, i): SurveyQuestion => {
    if (seen.has(question.id)) {
      throw invalid(SurveyErrors.DUPLICATE_QUESTION, `question id "${question.id}" is used twice`, `questions[${i}].id`);
    }
    seen.add(question.id);
    const options = question.options ?? [];
    if (question.type === 'text') {
      if (options.length > 0) {
        throw invalid(SurveyErrors.INVALID_OPTIONS, 'a text question has no options', `questions[${i}].options`);
      }
      return { id: question.id, text: question.text, type: 'text', options: null };
    }
    if (options.length < 2 || new Set(options.map(optionKey)).size !== options.length) {
      throw invalid(SurveyErrors.INVALID_OPTIONS, 'a choice question needs at least two distinct options', `questions[${i}].options`);
    }
    return { id: question.id, text: question.text, type: 'choice', options: [...options] };
  });
  return [{ type: 'SurveyDefined', data: { ...ref(state), questions } }];
}

function submitSurveyResponse(command: SubmitSurveyResponse, state: ConsultationState): ConsultationEvent[] {
  const { actor } = command;
  const stakeholderId = actingStakeholder(actor, command.stakeholderId);
  if (actor.role === 'stakeholder') assertSelf(actor, stakeholderId, 'answer a survey');
  else assertInScope(command, state);

  const questions = state.surveyQuestions;
  if (questions === null) {
    throw new DomainError(SurveyErrors.NOT_DEFINED, `consultation ${command.consultationId} has no survey`, 'conflict');
  }
  if (state.closed && command.late !== true) throw consultationClosed(command.consultationId);

  const answered = new Set<string>();
  const answers: SurveyAnswer[] = [];
  command.answers.forEach(({ questionId, value }, i) => {
    const field = `answers[${i}]`;
    const question = questions.find((q) => q.id === questionId);
    if (!question) {
      throw new DomainError(SurveyErrors.UNKNOWN_QUESTION, `the survey has no question "${questionId}"`, 'conflict', {
        field: `${field}.questionId`,
      });
    }
    if (answered.has(questionId)) {
      throw invalid(SurveyErrors.DUPLICATE_ANSWER, `question "${questionId}" is answered twice`, `${field}.questionId`);
    }
    answered.add(questionId);
    if (question.type === 'choice') {
      if (!question.options?.includes(value)) {
        throw new DomainError(SurveyErrors.INVALID_CHOICE, `"${value}" is not an option of question "${questionId}"`, 'conflict', {
          field: `${field}.value`,
          options: question.options,
        });
      }
      answers.push({ questionId, type: 'choice', value });
    } else if (value.trim() !== '') {
      // A blank text answer is no answer: it would only become an empty contribution.
      answers.push({ questionId, type: 'text', value });
    }
  });

  const { stakeholder } = command.context;
  if (stakeholderId !== null && (!stakeholder || stakeholder.id !== stakeholderId || !stakeholder.exists)) {
    throw new DomainError(StakeholderErrors.NOT_FOUND, `stakeholder ${stakeholderId} does not exist`, 'conflict', { field: 'stakeholderId' });
  }

  return [
    {
      type: 'SurveyResponseSubmitted',
      data: {
        ...ref(state),
        responseId: command.responseId,
        stakeholderId,
        answers,
        // Late exactly when it arrives after the closure, whatever the command asked.
        late: state.closed,
        personalDataSubject: personalDataSubjectFor(stakeholderId, stakeholder?.kind ?? null),
      },
    },
  ];
}

function close(command: CloseConsultation, state: ConsultationState): ConsultationEvent[] {
  assertInScope(command, state);
  if (state.closed) {
    throw new DomainError(ConsultationErrors.ALREADY_CLOSED, `consultation ${command.consultationId} closed on ${state.closedAt}`, 'conflict');
  }
  return [{ type: 'ConsultationClosed', data: { ...ref(state), closedAt: command.occurredAt } }];
}

function evolve(state: ConsultationState, event: ConsultationEvent): ConsultationState {
  switch (event.type) {
    case 'ConsultationAnnounced': {
      const { consultationId, cycleId, policyAreaId, leadInstitution, kind } = event.data;
      return { ...state, exists: true, consultationId, cycleId, policyAreaId, leadInstitution, kind };
    }
    case 'StakeholdersInvited':
      return { ...state, invitedIds: [...state.invitedIds, ...event.data.stakeholderIds] };
    case 'MaterialPublished':
      return state;
    case 'AttendanceRecorded':
      return {
        ...state,
        attendeeIds: [...state.attendeeIds, ...event.data.stakeholderIds],
        anonymousAttendance: state.anonymousAttendance + event.data.anonymousCount,
      };
    case 'SurveyDefined':
      return { ...state, surveyQuestions: event.data.questions };
    case 'SurveyResponseSubmitted':
      return { ...state, hasResponses: true };
    case 'ConsultationClosed':
      return { ...state, closed: true, closedAt: event.data.closedAt };
  }
}

export const consultationDecider: Decider<ConsultationCommand, ConsultationEvent, ConsultationState> = {
  initialState,
  decide,
  evolve,
};
