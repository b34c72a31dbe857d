import { executorFor } from '../../command-handling/execute-on.js';
import { streams } from '../../shared/streams.js';
import { consultationDecider } from '../domain/consultation.decider.js';

/** Runs one command on the consultation's stream and answers with its id, revision and position. */
export const executeOnConsultation = executorFor(consultationDecider, streams.consultation, 'consultationId');
