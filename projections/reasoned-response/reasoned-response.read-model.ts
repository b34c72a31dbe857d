import type { ReadModelKit } from '../shared/read-model-kit.js';
import { ReasonedResponseController } from './reasoned-response.controller.js';
import { GetReasonedResponseHandler, ExportReasonedResponseHandler } from './reasoned-response.queries.js';
import { ReasonedResponse1795500003400 } from './migrations/1795500003400-reasoned-response.js';
import { ReasonedResponseResponder1796100000300 } from './migrations/1796100000300-reasoned-response-responder.js';
import { ReasonedResponseFromAccountability1796700000600 } from './migrations/1796700000600-reasoned-response-from-accountability.js';

/** Queries only: the matrix reads the accountability and cycles views (no projection of its own). */
export const reasonedResponseReadModel: ReadModelKit = {
  migrations: [ReasonedResponse1795500003400, ReasonedResponseResponder1796100000300, ReasonedResponseFromAccountability1796700000600],
  controllers: [ReasonedResponseController],
  providers: [GetReasonedResponseHandler, ExportReasonedResponseHandler],
};
