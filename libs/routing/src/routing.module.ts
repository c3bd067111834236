import { AuditModule } from '@backtalk/audit';
import { ChannelsModule } from '@backtalk/channels';
import { ConversationsModule } from '@backtalk/conversations';
import { CsatModule } from '@backtalk/csat';
import { OutboundModule } from '@backtalk/outbound';
import { QueueName } from '@backtalk/platform';
import { PresenceModule } from '@backtalk/realtime';
import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { AssignmentService } from './assignment/assignment.service';
import { CsatEscalation } from './assignment/csat-escalation';
import { OutOfOfficeService } from './out-of-office/out-of-office.service';
import { QueueViewsService } from './queues/queue-views.service';
import { RoutingController } from './routing.controller';
import { RoutingProcessor } from './routing.processor';
import { RoutingTriggers } from './routing-triggers';
import { TeamRoutingCache } from './settings/team-routing.cache';
import { TeamRoutingService } from './settings/team-routing.service';
import { SlaService } from './sla/sla.service';
import { SnoozeAlarms } from './snooze/snooze-alarms';

const SERVICES = [AssignmentService, RoutingTriggers, SnoozeAlarms, OutOfOfficeService, TeamRoutingCache, TeamRoutingService, QueueViewsService, SlaService];

const RoutingQueue = BullModule.registerQueue({ name: QueueName.Routing });

/** Team queues: assignment, business hours, SLAs, snoozes. Reacts to changes in whichever process makes them. */
@Module({
  imports: [ChannelsModule, ConversationsModule, OutboundModule, PresenceModule, CsatModule, RoutingQueue, AuditModule],
  controllers: [RoutingController],
  providers: [...SERVICES, CsatEscalation],
  exports: SERVICES,
})
export class RoutingModule {}

/** The routing sweep and snooze alarms. */
@Module({
  imports: [RoutingModule, RoutingQueue],
  providers: [RoutingProcessor],
})
export class RoutingWorkerModule {}
