import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ComplianceFactRow } from '../../projections/compliance/compliance-fact.entity.js';
import { AsOfModule } from './as-of/as-of.module.js';
import { ComplianceController } from './compliance/compliance.controller.js';
import { GetComplianceHandler } from './compliance/compliance.queries.js';
import { EventLookup } from './events/event-lookup.js';
import { EventsController } from './events/events.controller.js';
import { ContributionHistoryController } from './history/contribution-history.controller.js';
import { GetContributionHistoryHandler } from './history/contribution-history.queries.js';

/** What auditors check for themselves: histories, the past as it was, OGP co-creation compliance. */
@Module({
  imports: [AsOfModule, TypeOrmModule.forFeature([ComplianceFactRow])],
  controllers: [ContributionHistoryController, ComplianceController, EventsController],
  providers: [GetContributionHistoryHandler, GetComplianceHandler, EventLookup],
})
export class AuditModule {}
