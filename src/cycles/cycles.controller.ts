import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { commandMeta } from '../http/command-meta.js';
import { ApiProblems, COMMAND_PROBLEMS, CommandResponse } from '../http/api-problems.js';
import type { CommandResult } from '../command-handling/command-response.js';
import { Roles, type AuthenticatedRequest } from '../security/auth.guard.js';
import { AddPolicyAreaCommand } from './commands/add-policy-area.command.js';
import { AdvanceStageCommand } from './commands/advance-stage.command.js';
import { ApprovePlanCommand } from './commands/approve-plan.command.js';
import { CompleteMilestoneCommand } from './commands/complete-milestone.command.js';
import {
  AddPolicyAreaRequest,
  AdvanceStageRequest,
  ApprovePlanRequest,
  CompleteMilestoneRequest,
  CyclePartResponse,
  OpenCycleRequest,
  PublishDraftPlanRequest,
  RecordForumMeetingRequest,
  ScheduleMilestoneRequest,
  SetComplianceThresholdsRequest,
  SubmitPlanRequest,
} from './commands/cycle.dto.js';
import { OpenCycleCommand } from './commands/open-cycle.command.js';
import { PublishDraftPlanCommand } from './commands/publish-draft-plan.command.js';
import { RecordForumMeetingCommand } from './commands/record-forum-meeting.command.js';
import { ScheduleMilestoneCommand } from './commands/schedule-milestone.command.js';
import { SetComplianceThresholdsCommand } from './commands/set-compliance-thresholds.command.js';
import { SubmitPlanCommand } from './commands/submit-plan.command.js';

@ApiTags('cycles')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body: same answer, nothing appended twice' })
@ApiHeader({ name: 'If-Match', required: false, description: 'The cycle revision you saw: 409 if the record moved on' })
@Controller('v1/cycles')
@Roles('poc')
export class CyclesController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiOperation({ summary: "Open a cycle: one action plan's co-creation (e.g. Albania NAP 2020–2022), in stage preparation" })
  @ApiCreatedResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  open(@Body() body: OpenCycleRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new OpenCycleCommand(body, commandMeta(req, body)));
  }

  @Post(':id/policy-areas')
  @ApiOperation({ summary: "Add a policy area led by a Lead Focal Point institution; `id` is the policy area's, `cycleId` the cycle's" })
  @ApiCreatedResponse({ type: CyclePartResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  addPolicyArea(@Param('id') id: string, @Body() body: AddPolicyAreaRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new AddPolicyAreaCommand(id, body, commandMeta(req, body)));
  }

  @Post(':id/milestones')
  @ApiOperation({ summary: "Schedule a milestone of the management calendar; `id` is the milestone's" })
  @ApiCreatedResponse({ type: CyclePartResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  scheduleMilestone(@Param('id') id: string, @Body() body: ScheduleMilestoneRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new ScheduleMilestoneCommand(id, body, commandMeta(req, body)));
  }

  @Post(':id/milestones/:mid/completion')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that a milestone was completed, with its evidence' })
  @ApiOkResponse({ type: CyclePartResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  completeMilestone(
    @Param('id') id: string,
    @Param('mid') milestoneId: string,
    @Body() body: CompleteMilestoneRequest,
    @Req() req: AuthenticatedRequest,
  ): Promise<CommandResult> {
    return this.commands.execute(new CompleteMilestoneCommand(id, milestoneId, body, commandMeta(req, body)));
  }

  @Post(':id/forum-meetings')
  @ApiOperation({ summary: "Record a meeting of the multi-stakeholder forum; `id` is the meeting's" })
  @ApiCreatedResponse({ type: CyclePartResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  recordForumMeeting(@Param('id') id: string, @Body() body: RecordForumMeetingRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new RecordForumMeetingCommand(id, body, commandMeta(req, body)));
  }

  @Post(':id/stage')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the cycle to the next stage (forward only, one at a time)' })
  @ApiOkResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  advanceStage(@Param('id') id: string, @Body() body: AdvanceStageRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new AdvanceStageCommand(id, body, commandMeta(req, body)));
  }

  @Post(':id/draft-plans')
  @ApiOperation({ summary: 'Publish a version of the draft action plan' })
  @ApiCreatedResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  publishDraftPlan(@Param('id') id: string, @Body() body: PublishDraftPlanRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new PublishDraftPlanCommand(id, body, commandMeta(req, body)));
  }

  @Post(':id/approval')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the approval of the plan by a government body (e.g. the GMIP); the cycle must be in stage approval' })
  @ApiOkResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  approve(@Param('id') id: string, @Body() body: ApprovePlanRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new ApprovePlanCommand(id, body, commandMeta(req, body)));
  }

  @Post(':id/submission')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the submission of the approved plan to OGP; the cycle moves to stage submitted' })
  @ApiOkResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  submit(@Param('id') id: string, @Body() body: SubmitPlanRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new SubmitPlanCommand(id, body, commandMeta(req, body)));
  }

  @Post(':id/compliance-thresholds')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set some of the thresholds the compliance check applies; the others keep their value' })
  @ApiOkResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  setComplianceThresholds(
    @Param('id') id: string,
    @Body() body: SetComplianceThresholdsRequest,
    @Req() req: AuthenticatedRequest,
  ): Promise<CommandResult> {
    const { forumMaxGapDays, timelineNoticeDays, consultationNoticeDays, repositoryUpdatesPerYear } = body;
    const thresholds = { forumMaxGapDays, timelineNoticeDays, consultationNoticeDays, repositoryUpdatesPerYear };
    return this.commands.execute(new SetComplianceThresholdsCommand(id, { thresholds }, commandMeta(req, body)));
  }
}
