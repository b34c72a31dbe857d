import { Module } from '@nestjs/common';
import { AnnounceConsultationHandler } from './commands/announce-consultation.command.js';
import { CloseConsultationHandler } from './commands/close-consultation.command.js';
import { DefineSurveyHandler } from './commands/define-survey.command.js';
import { InviteStakeholdersHandler } from './commands/invite-stakeholders.command.js';
import { PublishMaterialHandler } from './commands/publish-material.command.js';
import { RecordAttendanceHandler } from './commands/record-attendance.command.js';
import { SubmitSurveyResponseHandler } from './commands/submit-survey-response.command.js';
import { ConsultationsController } from './consultations.controller.js';
import { SurveyReaction, SurveyReactor } from './survey-reactor.js';

@Module({
  controllers: [ConsultationsController],
  providers: [
    AnnounceConsultationHandler,
    InviteStakeholdersHandler,
    PublishMaterialHandler,
    RecordAttendanceHandler,
    DefineSurveyHandler,
    SubmitSurveyResponseHandler,
    CloseConsultationHandler,
    SurveyReaction,
    SurveyReactor,
  ],
})
export class ConsultationsModule {}
