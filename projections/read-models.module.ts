import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PersonalTextPresenter } from '../src/read-side/personal-text.js';
import { ALL_PROJECTIONS, READ_MODELS } from './index.js';

/** The query side: every read model's controllers, query handlers and repositories, from the one list in index.ts. */
@Module({
  imports: [TypeOrmModule.forFeature(ALL_PROJECTIONS.flatMap((p) => [...p.entities]))],
  controllers: READ_MODELS.flatMap((m) => m.controllers ?? []),
  providers: [PersonalTextPresenter, ...READ_MODELS.flatMap((m) => m.providers ?? [])],
})
export class ReadModelsModule {}
