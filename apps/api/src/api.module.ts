import { AuditLogModule } from '@backtalk/audit-log';
import { AuthModule, AuthWorkerModule } from '@backtalk/auth';
import { AutomationModule, AutomationWorkerModule, CannedAnswersModule } from '@backtalk/automation';
import { ChannelsModule } from '@backtalk/channels';
import { ContactsDirectoryModule, ContactsWorkerModule } from '@backtalk/contacts';
import { ConversationsModule } from '@backtalk/conversations';
import { CsatModule, CsatWorkerModule } from '@backtalk/csat';
import { InboundModule, InboundWorkerModule } from '@backtalk/inbound';
import { LabelsModule } from '@backtalk/labels';
import { MacrosModule, MacrosWorkerModule } from '@backtalk/macros';
import { OutboundModule, OutboundWorkerModule } from '@backtalk/outbound';
import { PlatformModule } from '@backtalk/platform';
import { RealtimeModule } from '@backtalk/realtime';
import { ReportsModule, ReportsWorkerModule } from '@backtalk/reports';
import { RetentionWorkerModule } from '@backtalk/retention';
import { RoutingModule, RoutingWorkerModule } from '@backtalk/routing';
import { type DynamicModule, Module } from '@nestjs/common';

export interface ApiModuleOptions {
  /** Run the queue processors in this process too (RUN_WORKERS), so a small install is one process. */
  runWorkers: boolean;
}

@Module({})
export class ApiModule {
  static forRoot(options: ApiModuleOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [PlatformModule, AuthModule, ChannelsModule, ConversationsModule, InboundModule, OutboundModule, RealtimeModule, CannedAnswersModule, LabelsModule, RoutingModule, AutomationModule, CsatModule, ReportsModule, ContactsDirectoryModule, MacrosModule, AuditLogModule, ...(options.runWorkers ? [MacrosWorkerModule, AuthWorkerModule, InboundWorkerModule, OutboundWorkerModule, RoutingWorkerModule, AutomationWorkerModule, CsatWorkerModule, ReportsWorkerModule, ContactsWorkerModule, RetentionWorkerModule] : [])],
    };
  }
}
