import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandRequest, commandMeta } from '../http/command-meta.js';
import { ApiProblems, COMMAND_PROBLEMS, CommandResponse } from '../http/api-problems.js';
import type { CommandResult } from '../command-handling/command-response.js';
import { Roles, type AuthenticatedRequest } from '../security/auth.guard.js';
import { AnnounceConsultationCommand } from './commands/announce-consultation.command.js';
import { CloseConsultationCommand } from './commands/close-consultation.command.js';
import {
  AnnounceConsultationRequest,
  ConsultationPartResponse,
  DefineSurveyRequest,
  InviteStakeholdersRequest,
  PublishMaterialRequest,
  RecordAttendanceRequest,
  SubmitSurveyResponseRequest,
  SurveyResponseAnswer,
} from './commands/consultation.dto.js';
import { DefineSurveyCommand } from './commands/define-survey.command.js';
import { InviteStakeholdersCommand } from './commands/invite-stakeholders.command.js';
import { PublishMaterialCommand } from './commands/publish-material.command.js';
import { RecordAttendanceCommand } from './commands/record-attendance.command.js';
import { SubmitSurveyResponseCommand } from './commands/submit-survey-response.command.js';

@ApiTags('consultations')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body: same answer, nothing appended twice' })
@ApiHeader({ name: 'If-Match', required: false, description: 'The consultation revision you saw: 409 if the record moved on' })
@Controller('v1/consultations')
@Roles('poc', 'lfp')
export class ConsultationsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiOperation({
    summary: 'Announce a consultation (survey, thematic meeting, public consultation, council meeting, written call); an LFP only in its policy areas',
  })
  @ApiCreatedResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  announce(@Body() body: AnnounceConsultationRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new AnnounceConsultationCommand(body, commandMeta(req, body)));
  }

  @Post(':id/invitations')
  @HttpCode(200)
  @ApiOperation({ summary: 'Invite registered stakeholders; those invited before are skipped' })
  @ApiOkResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  invite(@Param('id') id: string, @Body() body: InviteStakeholdersRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new InviteStakeholdersCommand(id, body, commandMeta(req, body)));
  }

  @Post(':id/materials')
  @ApiOperation({ summary: "Publish a material (brief, agenda, minutes, evidence…), also after closing; `id` is the material's" })
  @ApiCreatedResponse({ type: ConsultationPartResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  publishMaterial(@Param('id') id: string, @Body() body: PublishMaterialRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new PublishMaterialCommand(id, body, commandMeta(req, body)));
  }

  @Post(':id/attendance')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record who attended (registered stakeholders and a count of others), also after closing' })
  @ApiOkResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  recordAttendance(@Param('id') id: string, @Body() body: RecordAttendanceRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new RecordAttendanceCommand(id, body, commandMeta(req, body)));
  }

  @Post(':id/survey')
  @HttpCode(200)
  @ApiOperation({ summary: "Define the survey's questions; fixed once the first response arrives" })
  @ApiOkResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  defineSurvey(@Param('id') id: string, @Body() body: DefineSurveyRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new DefineSurveyCommand(id, body, commandMeta(req, body)));
  }

  @Post(':id/survey-responses')
  @Roles('poc', 'lfp', 'stakeholder')
  @ApiOperation({
    summary:
      "Submit a survey response; each non-blank text answer becomes a contribution. `id` is the response's; `contributionIds` lists those contributions",
  })
  @ApiCreatedResponse({ type: SurveyResponseAnswer })
  @ApiProblems(...COMMAND_PROBLEMS)
  submitSurveyResponse(@Param('id') id: string, @Body() body: SubmitSurveyResponseRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new SubmitSurveyResponseCommand(id, body, commandMeta(req, body)));
  }

  @Post(':id/closure')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the consultation; afterwards contributions and responses are taken only as late' })
  @ApiOkResponse({ type: CommandResponse })
  @ApiProblems(...COMMAND_PROBLEMS)
  close(@Param('id') id: string, @Body() body: CommandRequest, @Req() req: AuthenticatedRequest): Promise<CommandResult> {
    return this.commands.execute(new CloseConsultationCommand(id, commandMeta(req, body)));
  }
}
