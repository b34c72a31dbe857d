import { Module } from '@nestjs/common';
import { AuditIntegrityController } from './audit-integrity.controller.js';
import { AuditIntegrityService } from './audit-integrity.service.js';

/** GET /v1/audit/digest, POST /v1/audit/verify, GET /v1/audit/events (NDJSON). */
@Module({
  controllers: [AuditIntegrityController],
  providers: [AuditIntegrityService],
  exports: [AuditIntegrityService],
})
export class AuditIntegrityModule {}
