import { Module } from '@nestjs/common';
import { AddPolicyAreaHandler } from './commands/add-policy-area.command.js';
import { AdvanceStageHandler } from './commands/advance-stage.command.js';
import { ApprovePlanHandler } from './commands/approve-plan.command.js';
import { CompleteMilestoneHandler } from './commands/complete-milestone.command.js';
import { OpenCycleHandler } from './commands/open-cycle.command.js';
import { PublishDraftPlanHandler } from './commands/publish-draft-plan.command.js';
import { RecordForumMeetingHandler } from './commands/record-forum-meeting.command.js';
import { ScheduleMilestoneHandler } from './commands/schedule-milestone.command.js';
import { SetComplianceThresholdsHandler } from './commands/set-compliance-thresholds.command.js';
import { SubmitPlanHandler } from './commands/submit-plan.command.js';
import { CyclesController } from './cycles.controller.js';

@Module({
  controllers: [CyclesController],
  providers: [
    OpenCycleHandler,
    AddPolicyAreaHandler,
    ScheduleMilestoneHandler,
    CompleteMilestoneHandler,
    RecordForumMeetingHandler,
    AdvanceStageHandler,
    PublishDraftPlanHandler,
    ApprovePlanHandler,
    SubmitPlanHandler,
    SetComplianceThresholdsHandler,
  ],
})
export class CyclesModule {}
