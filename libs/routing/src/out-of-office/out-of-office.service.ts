import { ConversationStatus, MessageKind } from '@backtalk/contracts';
import { ChannelsService } from '@backtalk/channels';
import { ConsentService, ConversationEntity } from '@backtalk/conversations';
import { OutboundMessagesService, OutboundQueue } from '@backtalk/outbound';
import { EventLog } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TeamRoutingCache } from '../settings/team-routing.cache';
import { closedPeriodStart } from '@backtalk/business-hours';

/**
 * Outside business hours a customer who writes is told so, once per closed period and conversation: the period's
 * start is stored on the conversation under its row lock, so two messages in a row, or two processes, send one reply.
 */
@Injectable()
export class OutOfOfficeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly teams: TeamRoutingCache,
    private readonly consent: ConsentService,
    private readonly channels: ChannelsService,
    private readonly outbound: OutboundMessagesService,
    private readonly outboundQueue: OutboundQueue,
    private readonly eventLog: EventLog,
  ) {}

  /** Called after an inbound message committed. Returns the id of the reply it queued, if any. */
  async answerIfClosed(teamId: string, conversationId: string, now = new Date()): Promise<string | null> {
    const team = await this.teams.get(teamId);
    if (!team?.businessHours || !team.outOfOfficeMessage.trim()) return null;
    const period = closedPeriodStart(team.businessHours, now);
    if (!period) return null;
    const queued = await this.dataSource.transaction(async (manager) => {
      const conversation = await manager.findOne(ConversationEntity, { where: { id: conversationId }, lock: { mode: 'pessimistic_write' } });
      if (!conversation || conversation.status === ConversationStatus.Resolved) return null;
      if (conversation.outOfOfficePeriod?.getTime() === period.getTime()) return null;
      if (await this.consent.isOptedOut(manager, conversation.contactId, conversation.channelId)) return null;
      await manager.update(ConversationEntity, { id: conversationId }, { outOfOfficePeriod: period });
      const channel = await this.channels.loadWithSecrets(conversation.channelId);
      return this.outbound.queue(manager, {
        conversationId,
        channelId: conversation.channelId,
        teamId: conversation.teamId,
        body: team.outOfOfficeMessage.trim(),
        kind: MessageKind.AutoReply,
        pricePerSegment: channel?.channel.pricePerSegment,
        metadata: { automation: 'out_of_office' },
      });
    });
    if (!queued) return null;
    this.eventLog.publish(queued.events);
    await this.outboundQueue.enqueue([queued.message.id]);
    return queued.message.id;
  }
}
