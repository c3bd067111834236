import { ChannelsModule } from '@backtalk/channels';
import { ConversationsModule } from '@backtalk/conversations';
import { QueueName } from '@backtalk/platform';
import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { MessageStatusWriter } from './message-status-writer';
import { OutboundMessagesService } from './outbound-messages.service';
import { OutboundQueue } from './outbound-queue';
import { OutboxSweeper } from './outbox-sweeper';
import { OutboundProcessor } from './outbound.processor';
import { SendService } from './send.service';

const SERVICES = [MessageStatusWriter, OutboundMessagesService, OutboundQueue, SendService, OutboxSweeper];

/** Outbound SMS: queueing, sending at most once through the channel's provider, and status changes. */
@Module({
  imports: [ChannelsModule, ConversationsModule, BullModule.registerQueue({ name: QueueName.Outbound })],
  providers: SERVICES,
  exports: SERVICES,
})
export class OutboundModule {}

@Module({
  imports: [OutboundModule, BullModule.registerQueue({ name: QueueName.Outbound })],
  providers: [OutboundProcessor],
})
export class OutboundWorkerModule {}
