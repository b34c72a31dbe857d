import type { ReadModelKit } from '../shared/read-model-kit.js';
import { ReasonedResponseController } from './reasoned-response.controller.js';
import { GetReasonedResponseHandler, ExportReasonedResponseHandler } from './reasoned-response.queries.js';
import { ReasonedResponse1795500003400 } from './migrations/1795500003400-reasoned-response.js';
import { ReasonedResponseResponder1796100000300 } from './migrations/1796100000300-reasoned-response-responder.js';
import { reasonedResponseProjection } from './reasoned-response.projection.js';

export const reasonedResponseReadModel: ReadModelKit = {
  projection: reasonedResponseProjection,
  migrations: [ReasonedResponse1795500003400, ReasonedResponseResponder1796100000300],
  controllers: [ReasonedResponseController],
  providers: [GetReasonedResponseHandler, ExportReasonedResponseHandler],
};
