import { AuditModule } from '@backtalk/audit';
import { Module } from '@nestjs/common';
import { AuditLogController } from './audit-log.controller';
import { AuditLogService } from './audit-log.service';

/** Settings → Audit log over REST: browsing, filtering and exporting the trail `@backtalk/audit` writes. */
@Module({ imports: [AuditModule], controllers: [AuditLogController], providers: [AuditLogService] })
export class AuditLogModule {}
