import { Module } from '@nestjs/common';
import { PersonalTextPresenter } from '../read-side/personal-text.js';
import { CommitmentPageHandler } from './queries/commitment.query.js';
import { ConsultationPageHandler } from './queries/consultation.query.js';
import { ContributionPageHandler } from './queries/contribution.query.js';
import { CyclePageHandler } from './queries/cycle.query.js';
import { HomePageHandler } from './queries/home.query.js';
import { MatrixPageHandler } from './queries/reasoned-response.query.js';
import { StakeholderPageHandler } from './queries/stakeholder.query.js';
import { ComplianceFacts } from './compliance-facts.js';
import { RecordReader } from './record-reader.js';
import { WebErrorFilter } from './web-error.filter.js';
import { WebController } from './web.controller.js';
import { WebRenderer } from './web-renderer.js';

/** The public website ("you said, we did"): its pages, their queries and their rendering. */
@Module({
  controllers: [WebController],
  providers: [
    RecordReader,
    ComplianceFacts,
    WebRenderer,
    WebErrorFilter,
    PersonalTextPresenter,
    HomePageHandler,
    CyclePageHandler,
    ConsultationPageHandler,
    ContributionPageHandler,
    CommitmentPageHandler,
    MatrixPageHandler,
    StakeholderPageHandler,
  ],
})
export class WebModule {}
