import { executorFor, type CommandFields } from '../../command-handling/execute-on.js';
import { streams } from '../../shared/streams.js';
import type { ConsultationCommand } from '../domain/commands.js';
import { consultationDecider } from '../domain/consultation.decider.js';

/** A consultation command as a handler builds it: executeOnConsultation adds who, when and which consultation. */
export type ConsultationCommandFields = CommandFields<ConsultationCommand, 'consultationId'>;

/** Runs one command on the consultation's stream and answers with its id, revision and position. */
export const executeOnConsultation = executorFor(consultationDecider, streams.consultation, 'consultationId');
