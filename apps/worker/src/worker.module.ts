import { AuthWorkerModule } from '@backtalk/auth';
import { AutomationWorkerModule } from '@backtalk/automation';
import { ContactsWorkerModule } from '@backtalk/contacts';
import { CsatWorkerModule } from '@backtalk/csat';
import { InboundWorkerModule } from '@backtalk/inbound';
import { MacrosWorkerModule } from '@backtalk/macros';
import { OutboundWorkerModule } from '@backtalk/outbound';
import { PlatformModule } from '@backtalk/platform';
import { ReportsWorkerModule } from '@backtalk/reports';
import { RetentionWorkerModule } from '@backtalk/retention';
import { RoutingWorkerModule } from '@backtalk/routing';
import { Module } from '@nestjs/common';

/** Every queue processor, and no HTTP server. */
@Module({ imports: [PlatformModule, MacrosWorkerModule, AuthWorkerModule, InboundWorkerModule, OutboundWorkerModule, RoutingWorkerModule, AutomationWorkerModule, CsatWorkerModule, ReportsWorkerModule, ContactsWorkerModule, RetentionWorkerModule] })
export class WorkerModule {}
