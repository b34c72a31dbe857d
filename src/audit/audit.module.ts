import { Module } from '@nestjs/common';
import { AsOfModule } from './as-of/as-of.module.js';
import { EventLookup } from './events/event-lookup.js';
import { EventsController } from './events/events.controller.js';

/**
 * What auditors check for themselves that is no read model: any event by id. (Contribution history and
 * compliance are the contribution-links' and compliance read models' queries; as-of is its own module.)
 */
@Module({
  imports: [AsOfModule],
  controllers: [EventsController],
  providers: [EventLookup],
})
export class AuditModule {}
