import { Module } from '@nestjs/common';
import { EraseStakeholderPersonalDataHandler } from './commands/erase-stakeholder-personal-data.command.js';
import { RegisterStakeholderHandler } from './commands/register-stakeholder.command.js';
import { StakeholdersController } from './stakeholders.controller.js';

@Module({
  controllers: [StakeholdersController],
  providers: [RegisterStakeholderHandler, EraseStakeholderPersonalDataHandler],
})
export class StakeholdersModule {}
