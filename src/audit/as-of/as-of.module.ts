import { Global, Module } from '@nestjs/common';
import { AsOfService } from './as-of.service.js';

/** Global: the read models' query handlers (in their own module) answer as of a past point too. */
@Global()
@Module({ providers: [AsOfService], exports: [AsOfService] })
export class AsOfModule {}
