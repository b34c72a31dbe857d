import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { commandMeta } from '../http/command-meta.js';
import { ApiProblems, COMMAND_PROBLEMS, CommandResponse } from '../http/api-problems.js';
import type { CommandResult } from '../command-handling/command-response.js';
import { Roles, type AuthenticatedRequest } from '../security/auth.guard.js';
import { DraftCommitmentRequest, ReviseCommitmentRequest, WithdrawCommitmentRequest } from './commands/commitment.dto.js';
import { DraftCommitmentCommand } from './commands/draft-commitment.command.js';
import { ReviseCommitmentCommand } from './commands/revise-commitment.command.js';
import { WithdrawCommitmentCommand } from './commands/withdraw-commitment.command.js';

@ApiTags('commitments')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body: same answer, nothing appended twice' })
@ApiHeader({ name: 'If-Match', required: false, description: 'The stream revision you saw (e.g. "3"): 409 if the record moved on' })
@Controller('v1/commitments')
export class CommitmentsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('lfp', 'poc')
  @ApiOperation({ summary: "Draft a commitment in OGP's template: problem, description, OGP values, milestones, institutions" })
  @ApiCreatedResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  draft(@Body() body: DraftCommitmentRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new DraftCommitmentCommand(body, commandMeta(req, body)));
  }

  @Post(':id/revisions')
  @HttpCode(200)
  @Roles('lfp', 'poc')
  @ApiOperation({ summary: 'Revise it, naming the contributions that caused the revision' })
  @ApiOkResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  revise(@Param('id') id: string, @Body() body: ReviseCommitmentRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new ReviseCommitmentCommand(id, body, commandMeta(req, body)));
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @Roles('lfp', 'poc')
  @ApiOperation({ summary: 'Withdraw it from the draft plan' })
  @ApiOkResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  withdraw(@Param('id') id: string, @Body() body: WithdrawCommitmentRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new WithdrawCommitmentCommand(id, body, commandMeta(req, body)));
  }
}
