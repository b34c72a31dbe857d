import { Module } from '@nestjs/common';
import { AcceptReportHandler } from './commands/accept-report.command.js';
import { DraftReportHandler } from './commands/draft-report.command.js';
import { GiveReportFeedbackHandler } from './commands/give-report-feedback.command.js';
import { PublishReportHandler } from './commands/publish-report.command.js';
import { ReviseReportHandler } from './commands/revise-report.command.js';
import { SubmitReportHandler } from './commands/submit-report.command.js';
import { ReportsController } from './reports.controller.js';

@Module({
  controllers: [ReportsController],
  providers: [DraftReportHandler, SubmitReportHandler, GiveReportFeedbackHandler, ReviseReportHandler, AcceptReportHandler, PublishReportHandler],
})
export class ReportsModule {}
