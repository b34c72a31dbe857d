import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandHandlingModule } from './command-handling/command-handling.module.js';
import { IdempotencyInterceptor } from './http/idempotency.interceptor.js';
import { DatabaseModule } from './database/database.module.js';
import { EventStoreModule } from './event-store/event-store.module.js';
import { HealthModule } from './health/health.module.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';
import { ProjectionRunnerModule } from './projection-runner/projection-runner.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuditIntegrityModule } from './audit/integrity/audit-integrity.module.js';
import { ExportsModule } from './audit/exports/exports.module.js';
import { ReadModelsModule } from '../projections/read-models.module.js';
import type { Runtime } from './runtime.js';
import { AuthGuard } from './security/auth.guard.js';
import { SecurityModule } from './security/security.module.js';
import { StakeholdersModule } from './stakeholders/stakeholders.module.js';
import { ContributionsModule } from './contributions/contributions.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { CommitmentsModule } from './commitments/commitments.module.js';
import { CyclesModule } from './cycles/cycles.module.js';
import { ConsultationsModule } from './consultations/consultations.module.js';
import { WebModule } from './web/web.module.js';

/** The feature modules: one per aggregate family, then the read side. */
export const FEATURE_MODULES: Type[] = [StakeholdersModule, CyclesModule, ConsultationsModule, ContributionsModule, ReportsModule, CommitmentsModule, AuditModule, AuditIntegrityModule, ExportsModule, WebModule];

@Module({})
export class AppModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        DatabaseModule.forRoot(runtime),
        EventStoreModule,
        SecurityModule,
        CommandHandlingModule,
        ProjectionRunnerModule,
        ReadModelsModule,
        HealthModule,
        ...FEATURE_MODULES,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
