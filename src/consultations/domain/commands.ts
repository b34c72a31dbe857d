import type { CycleSnapshot } from '../../cycles/domain/cycle.decider.js';
import type { CommandBase } from '../../shared/decider.js';
import type { StakeholderSnapshot } from '../../stakeholders/domain/stakeholder.decider.js';
import type { ConsultationKind, MaterialKind, QuestionType } from './events.js';

/** What the handler loaded of the cycle the consultation belongs to. */
export type CycleContext = CycleSnapshot;

export interface StakeholderRef {
  id: string;
  exists: boolean;
}

export type AnnounceConsultation = CommandBase<'AnnounceConsultation'> & {
  consultationId: string;
  cycleId: string;
  /** Omitted or null: a consultation of the whole cycle (POC only). */
  policyAreaId?: string | null;
  kind: ConsultationKind;
  title: string;
  description?: string | null;
  announcedAt: string;
  opensAt: string;
  closesAt: string;
  context: { cycle: CycleContext };
};

export type InviteStakeholders = CommandBase<'InviteStakeholders'> & {
  consultationId: string;
  stakeholderIds: string[];
  context: { stakeholders: StakeholderRef[] };
};

export type PublishMaterial = CommandBase<'PublishMaterial'> & {
  consultationId: string;
  materialId: string;
  kind: MaterialKind;
  title: string;
  url: string;
};

export type RecordAttendance = CommandBase<'RecordAttendance'> & {
  consultationId: string;
  stakeholderIds?: string[];
  /** People present who are not registered stakeholders. Default 0. */
  anonymousCount?: number;
  context: { stakeholders: StakeholderRef[] };
};

export type DefineSurvey = CommandBase<'DefineSurvey'> & {
  consultationId: string;
  questions: { id: string; text: string; type: QuestionType; options?: string[] | null }[];
};

export type SubmitSurveyResponse = CommandBase<'SubmitSurveyResponse'> & {
  consultationId: string;
  responseId: string;
  /** Omitted by a stakeholder: it answers as itself. Omitted or null with poc/lfp: anonymous. */
  stakeholderId?: string | null;
  answers: { questionId: string; value: string }[];
  /** Asks to record it after the consultation closed. */
  late?: boolean;
  /** The answering stakeholder; null when the response is anonymous. */
  context: { stakeholder: StakeholderSnapshot | null };
};

export type CloseConsultation = CommandBase<'CloseConsultation'> & { consultationId: string };

export type ConsultationCommand =
  | AnnounceConsultation
  | InviteStakeholders
  | PublishMaterial
  | RecordAttendance
  | DefineSurvey
  | SubmitSurveyResponse
  | CloseConsultation;
