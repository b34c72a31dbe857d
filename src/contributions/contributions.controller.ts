import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandRequest, commandMeta } from '../http/command-meta.js';
import { ApiProblems, COMMAND_PROBLEMS, CommandResponse } from '../http/api-problems.js';
import type { CommandResult } from '../command-handling/command-response.js';
import { Roles, type AuthenticatedRequest } from '../security/auth.guard.js';
import {
  MarkDuplicateRequest,
  ReceiveContributionRequest,
  RedactContributionRequest,
  RespondToContributionRequest,
  ReviewResponseRequest,
  WithdrawContributionRequest,
} from './commands/contribution.dto.js';
import { MarkDuplicateCommand } from './commands/mark-duplicate.command.js';
import { PublishResponseCommand } from './commands/publish-response.command.js';
import { ReceiveContributionCommand } from './commands/receive-contribution.command.js';
import { RedactContributionCommand } from './commands/redact-contribution.command.js';
import { RespondToContributionCommand } from './commands/respond-to-contribution.command.js';
import { ReviewResponseCommand } from './commands/review-response.command.js';
import { WithdrawContributionCommand } from './commands/withdraw-contribution.command.js';

@ApiTags('contributions')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body: same answer, nothing appended twice' })
@ApiHeader({ name: 'If-Match', required: false, description: 'The stream revision you saw (e.g. "3"): 409 if the record moved on' })
@Controller('v1/contributions')
export class ContributionsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('stakeholder', 'lfp', 'poc')
  @ApiOperation({ summary: 'Record a contribution: a survey answer, a remark in meeting minutes, a written comment, an email' })
  @ApiCreatedResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  receive(@Body() body: ReceiveContributionRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new ReceiveContributionCommand(body, commandMeta(req, body)));
  }

  @Post(':id/responses')
  @HttpCode(200)
  @Roles('lfp', 'poc')
  @ApiOperation({ summary: 'Answer it with a decision and a reasoned response; a new response replaces the current one' })
  @ApiOkResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  respond(@Param('id') id: string, @Body() body: RespondToContributionRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new RespondToContributionCommand(id, body, commandMeta(req, body)));
  }

  @Post(':id/review')
  @HttpCode(200)
  @Roles('poc')
  @ApiOperation({ summary: 'Endorse the current response, or send it back for revision' })
  @ApiOkResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  review(@Param('id') id: string, @Body() body: ReviewResponseRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new ReviewResponseCommand(id, body, commandMeta(req, body)));
  }

  @Post(':id/publication')
  @HttpCode(200)
  @Roles('poc')
  @ApiOperation({ summary: 'Publish the endorsed response' })
  @ApiOkResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  publish(@Param('id') id: string, @Body() body: CommandRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new PublishResponseCommand(id, commandMeta(req, body)));
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @Roles('stakeholder')
  @ApiOperation({ summary: 'Withdraw your own contribution (its author only)' })
  @ApiOkResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  withdraw(@Param('id') id: string, @Body() body: WithdrawContributionRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new WithdrawContributionCommand(id, body, commandMeta(req, body)));
  }

  @Post(':id/redaction')
  @HttpCode(200)
  @Roles('poc')
  @ApiOperation({ summary: 'Redact it (moderation), with a reason; its response and links stay' })
  @ApiOkResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  redact(@Param('id') id: string, @Body() body: RedactContributionRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new RedactContributionCommand(id, body, commandMeta(req, body)));
  }

  @Post(':id/duplicate-of')
  @HttpCode(200)
  @Roles('lfp', 'poc')
  @ApiOperation({ summary: "Group it with the contribution it repeats: it then shares that one's response" })
  @ApiOkResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  markDuplicate(@Param('id') id: string, @Body() body: MarkDuplicateRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new MarkDuplicateCommand(id, body, commandMeta(req, body)));
  }
}
