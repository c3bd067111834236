import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditOriginInterceptor } from './audit-origin';
import { AuditService } from './audit.service';

/** The audit trail's writer; every module whose actions are audited imports this. */
@Module({ providers: [AuditService, { provide: APP_INTERCEPTOR, useClass: AuditOriginInterceptor }], exports: [AuditService] })
export class AuditModule {}
