import { Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** The audit trail's writer; every module whose actions are audited imports this. */
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
