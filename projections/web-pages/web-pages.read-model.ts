import type { ReadModelKit } from '../shared/read-model-kit.js';
import { WebPages1796300000000 } from './migrations/1796300000000-web-pages.js';
import { WebPagesStepsFromTheLog1796700000800 } from './migrations/1796700000800-web-pages-steps-from-the-log.js';
import { webPagesProjection } from './web-pages.projection.js';

export const webPagesReadModel: ReadModelKit = {
  projection: webPagesProjection,
  migrations: [WebPages1796300000000, WebPagesStepsFromTheLog1796700000800],
};
