import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { commandMeta } from '../http/command-meta.js';
import { ApiProblems, COMMAND_PROBLEMS, CommandResponse } from '../http/api-problems.js';
import type { CommandResult } from '../command-handling/command-response.js';
import { Roles, type AuthenticatedRequest } from '../security/auth.guard.js';
import { EraseStakeholderPersonalDataCommand } from './commands/erase-stakeholder-personal-data.command.js';
import { RegisterStakeholderCommand } from './commands/register-stakeholder.command.js';
import { EraseStakeholderRequest, RegisterStakeholderRequest } from './commands/stakeholder.dto.js';

@ApiTags('stakeholders')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body: same answer, nothing appended twice' })
@Controller('v1/stakeholders')
export class StakeholdersController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('poc', 'lfp')
  @ApiOperation({ summary: 'Register a stakeholder (CSO, individual, institution, academia, private sector, international)' })
  @ApiCreatedResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  register(@Body() body: RegisterStakeholderRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new RegisterStakeholderCommand(body, commandMeta(req, body)));
  }

  @Post(':id/erasure')
  @HttpCode(200)
  @Roles('poc')
  @ApiOperation({ summary: "Erase a person's personal data: destroys their key; decisions, rationales and links stay" })
  @ApiOkResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  erase(@Param('id') id: string, @Body() body: EraseStakeholderRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new EraseStakeholderPersonalDataCommand(id, body, commandMeta(req, body)));
  }
}
