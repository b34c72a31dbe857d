import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandRequest, commandMeta } from '../http/command-meta.js';
import { ApiProblems, COMMAND_PROBLEMS, CommandResponse } from '../http/api-problems.js';
import type { CommandResult } from '../command-handling/command-response.js';
import { Roles, type AuthenticatedRequest } from '../security/auth.guard.js';
import { AcceptReportCommand } from './commands/accept-report.command.js';
import { DraftReportCommand } from './commands/draft-report.command.js';
import { GiveReportFeedbackCommand } from './commands/give-report-feedback.command.js';
import { PublishReportCommand } from './commands/publish-report.command.js';
import { DraftReportRequest, GiveReportFeedbackRequest, PublishReportRequest, ReviseReportRequest } from './commands/report.dto.js';
import { ReviseReportCommand } from './commands/revise-report.command.js';
import { SubmitReportCommand } from './commands/submit-report.command.js';

@ApiTags('reports')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body: same answer, nothing appended twice' })
@ApiHeader({ name: 'If-Match', required: false, description: 'The stream revision you saw (e.g. "3"): 409 if the record moved on' })
@Controller('v1/reports')
export class ReportsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('lfp', 'poc')
  @ApiOperation({ summary: 'Draft the consultation report (from the POC template)' })
  @ApiCreatedResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  draft(@Body() body: DraftReportRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new DraftReportCommand(body, commandMeta(req, body)));
  }

  @Post(':id/submission')
  @HttpCode(200)
  @Roles('lfp', 'poc')
  @ApiOperation({ summary: 'Submit the draft to the POC' })
  @ApiOkResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  submit(@Param('id') id: string, @Body() body: CommandRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new SubmitReportCommand(id, commandMeta(req, body)));
  }

  @Post(':id/feedback')
  @HttpCode(200)
  @Roles('poc')
  @ApiOperation({ summary: "Give the POC's structured feedback on a submitted report" })
  @ApiOkResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  feedback(@Param('id') id: string, @Body() body: GiveReportFeedbackRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new GiveReportFeedbackCommand(id, body, commandMeta(req, body)));
  }

  @Post(':id/revisions')
  @HttpCode(200)
  @Roles('lfp', 'poc')
  @ApiOperation({ summary: 'Revise the report: it returns to draft and must be submitted again' })
  @ApiOkResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  revise(@Param('id') id: string, @Body() body: ReviseReportRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new ReviseReportCommand(id, body, commandMeta(req, body)));
  }

  @Post(':id/acceptance')
  @HttpCode(200)
  @Roles('poc')
  @ApiOperation({ summary: 'Accept a submitted report' })
  @ApiOkResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  accept(@Param('id') id: string, @Body() body: CommandRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new AcceptReportCommand(id, commandMeta(req, body)));
  }

  @Post(':id/publication')
  @HttpCode(200)
  @Roles('poc')
  @ApiOperation({ summary: 'Publish an accepted report (on the OGP web)' })
  @ApiOkResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  publish(@Param('id') id: string, @Body() body: PublishReportRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new PublishReportCommand(id, body, commandMeta(req, body)));
  }
}
