import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PersonalTextPresenter } from '../src/read-side/personal-text.js';
import { AccountabilityController } from './accountability/accountability.controller.js';
import { AccountabilityRow } from './accountability/accountability.entity.js';
import { GetAccountabilityHandler, ListContributionsHandler } from './accountability/accountability.queries.js';

/** The query side: each read model's controller and query handlers. */
@Module({
  imports: [TypeOrmModule.forFeature([AccountabilityRow])],
  controllers: [AccountabilityController],
  providers: [PersonalTextPresenter, GetAccountabilityHandler, ListContributionsHandler],
})
export class ReadModelsModule {}
