import { Module } from '@nestjs/common';
import { DraftCommitmentHandler } from './commands/draft-commitment.command.js';
import { ReviseCommitmentHandler } from './commands/revise-commitment.command.js';
import { WithdrawCommitmentHandler } from './commands/withdraw-commitment.command.js';
import { CommitmentsController } from './commitments.controller.js';

@Module({
  controllers: [CommitmentsController],
  providers: [DraftCommitmentHandler, ReviseCommitmentHandler, WithdrawCommitmentHandler],
})
export class CommitmentsModule {}
