import type { PersonalText } from '../../shared/personal-text.js';

export const CONSULTATION_KINDS = ['survey', 'thematic_meeting', 'public_consultation', 'council_meeting', 'written_call'] as const;
export type ConsultationKind = (typeof CONSULTATION_KINDS)[number];

export const MATERIAL_KINDS = ['brief', 'agenda', 'minutes', 'evidence', 'presentation', 'feedback_tool', 'other'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

export const QUESTION_TYPES = ['text', 'choice'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface SurveyQuestion {
  id: string;
  text: string;
  type: QuestionType;
  /** The choices of a `choice` question; null for `text`. */
  options: string[] | null;
}

/**
 * An answer names its question's type so that readers (the encryption of personal fields, the
 * survey reactor) need not look the survey up: text answers are personal, choice answers are not.
 */
export type SurveyAnswer =
  | { questionId: string; type: 'text'; value: PersonalText }
  | { questionId: string; type: 'choice'; value: string };

export interface ConsultationAnnounced {
  type: 'ConsultationAnnounced';
  data: {
    consultationId: string;
    cycleId: string;
    policyAreaId: string | null;
    /** The area's lead institution, or the cycle's POC institution when there is no area. */
    leadInstitution: string;
    kind: ConsultationKind;
    title: string;
    description: string | null;
    announcedAt: string;
    opensAt: string;
    closesAt: string;
  };
}

export interface StakeholdersInvited {
  type: 'StakeholdersInvited';
  data: { consultationId: string; cycleId: string; policyAreaId: string | null; stakeholderIds: string[] };
}

export interface MaterialPublished {
  type: 'MaterialPublished';
  data: {
    consultationId: string;
    cycleId: string;
    policyAreaId: string | null;
    materialId: string;
    kind: MaterialKind;
    title: string;
    url: string;
  };
}

export interface AttendanceRecorded {
  type: 'AttendanceRecorded';
  data: {
    consultationId: string;
    cycleId: string;
    policyAreaId: string | null;
    /** Only stakeholders not recorded as attending before. */
    stakeholderIds: string[];
    /** Added to the anonymous attendance recorded before. */
    anonymousCount: number;
  };
}

export interface SurveyDefined {
  type: 'SurveyDefined';
  data: { consultationId: string; cycleId: string; policyAreaId: string | null; questions: SurveyQuestion[] };
}

export interface SurveyResponseSubmitted {
  type: 'SurveyResponseSubmitted';
  data: {
    consultationId: string;
    cycleId: string;
    policyAreaId: string | null;
    responseId: string;
    stakeholderId: string | null;
    answers: SurveyAnswer[];
    late: boolean;
    /** The stakeholder's id when it is an individual, else null. */
    personalDataSubject: string | null;
  };
}

export interface ConsultationClosed {
  type: 'ConsultationClosed';
  data: { consultationId: string; cycleId: string; policyAreaId: string | null; closedAt: string };
}

export type ConsultationEvent =
  | ConsultationAnnounced
  | StakeholdersInvited
  | MaterialPublished
  | AttendanceRecorded
  | SurveyDefined
  | SurveyResponseSubmitted
  | ConsultationClosed;

export const CONSULTATION_EVENT_TYPES = [
  'ConsultationAnnounced',
  'StakeholdersInvited',
  'MaterialPublished',
  'AttendanceRecorded',
  'SurveyDefined',
  'SurveyResponseSubmitted',
  'ConsultationClosed',
] as const satisfies readonly ConsultationEvent['type'][];
