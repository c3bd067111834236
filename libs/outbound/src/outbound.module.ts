import { ChannelsModule } from '@backtalk/channels';
import { ConversationsModule } from '@backtalk/conversations';
import { Module } from '@nestjs/common';
import { AutoReplyGuard } from './auto-reply-guard';
import { MessageStatusWriter } from './message-status-writer';
import { OutboundMessagesService } from './outbound-messages.service';
import { OutboundQueue, OutboundQueueRegistration } from './outbound-queue';
import { SendRateLimiter } from './send-rate-limiter';
import { OutboxSweeper } from './outbox-sweeper';
import { OutboundProcessor } from './outbound.processor';
import { SendService } from './send.service';
import { NotificationRateLimiter } from './notification-rate-limiter';
import { RepliesController } from './replies.controller';
import { RepliesService } from './replies.service';

const SERVICES = [AutoReplyGuard, MessageStatusWriter, OutboundMessagesService, OutboundQueue, SendService, OutboxSweeper, SendRateLimiter, RepliesService, NotificationRateLimiter];

/** Outbound SMS: queueing, sending at most once through the channel's provider, and status changes. */
@Module({
  imports: [ChannelsModule, ConversationsModule, OutboundQueueRegistration],
  controllers: [RepliesController],
  providers: SERVICES,
  exports: SERVICES,
})
export class OutboundModule {}

@Module({
  imports: [OutboundModule, OutboundQueueRegistration],
  providers: [OutboundProcessor],
})
export class OutboundWorkerModule {}
