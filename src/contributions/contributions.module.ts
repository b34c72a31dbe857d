import { Module } from '@nestjs/common';
import { MarkDuplicateHandler } from './commands/mark-duplicate.command.js';
import { PublishResponseHandler } from './commands/publish-response.command.js';
import { ReceiveContributionHandler } from './commands/receive-contribution.command.js';
import { RedactContributionHandler } from './commands/redact-contribution.command.js';
import { RespondToContributionHandler } from './commands/respond-to-contribution.command.js';
import { ReviewResponseHandler } from './commands/review-response.command.js';
import { WithdrawContributionHandler } from './commands/withdraw-contribution.command.js';
import { ContributionsController } from './contributions.controller.js';
import { ContributionImportController } from './import/contribution-import.controller.js';
import { ContributionImporter } from './import/contribution-importer.js';

@Module({
  controllers: [ContributionsController, ContributionImportController],
  providers: [
    ReceiveContributionHandler,
    RespondToContributionHandler,
    ReviewResponseHandler,
    PublishResponseHandler,
    WithdrawContributionHandler,
    RedactContributionHandler,
    MarkDuplicateHandler,
    ContributionImporter,
  ],
  exports: [ContributionImporter],
})
export class ContributionsModule {}
