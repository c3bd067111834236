import { ChannelsModule } from '@backtalk/channels';
import { ConversationsModule } from '@backtalk/conversations';
import { CsatModule } from '@backtalk/csat';
import { OutboundModule } from '@backtalk/outbound';
import { QueueName } from '@backtalk/platform';
import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { ConcatAssemblerService } from './concat-assembler.service';
import { ConcatSweeperProcessor } from './concat-sweeper';
import { DeliveryReportsService } from './delivery-reports.service';
import { InboundMessageService } from './inbound-message.service';
import { WebhookIngestionService } from './webhook-ingestion.service';
import { WebhookEndpoint } from './webhook-endpoint';

const SERVICES = [InboundMessageService, ConcatAssemblerService, DeliveryReportsService, WebhookIngestionService];

/** Carrier webhooks in: verification, exactly-once storage, threading, delivery reports, keyword consent. */
@Module({
  imports: [ChannelsModule, ConversationsModule, OutboundModule, CsatModule],
  providers: [...SERVICES, WebhookEndpoint],
  exports: SERVICES,
})
export class InboundModule {}

@Module({
  imports: [InboundModule, ChannelsModule, BullModule.registerQueue({ name: QueueName.Inbound })],
  providers: [ConcatSweeperProcessor],
})
export class InboundWorkerModule {}
