import { Global, Module } from '@nestjs/common';
import { ReadModels } from '../../read-side/read-models.js';
import { AsOfService } from './as-of.service.js';

/** Global: the read models' query handlers (in their own module) read through ReadModels, today or as of a past point. */
@Global()
@Module({ providers: [AsOfService, ReadModels], exports: [AsOfService, ReadModels] })
export class AsOfModule {}
