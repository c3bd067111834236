import { ConversationStatus } from '@backtalk/contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConversationEntity } from './entities';

export interface ThreadingChannel {
  id: string;
  teamId: string;
  reopenWindowMinutes: number;
}

export interface ThreadedConversation {
  conversation: ConversationEntity;
  outcome: 'joined' | 'reopened' | 'created';
  previousStatus: ConversationStatus | null;
}

/**
 * Finds the conversation a new message belongs to: the active one for this customer and sender; else the last one,
 * reopened, if it was resolved within the channel's window; else a new one. Callers run it inside their transaction.
 */
@Injectable()
export class ThreadingService {
  async conversationFor(manager: EntityManager, channel: ThreadingChannel, contactId: string, at: Date): Promise<ThreadedConversation> {
    // Serialises threading per customer and sender for this transaction, so concurrent first messages agree on one
    // conversation. The partial unique index uq_conversation_active still guards the invariant on its own.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`thread:${channel.id}:${contactId}`]);

    const active = await manager
      .createQueryBuilder(ConversationEntity, 'conversation')
      .where('conversation.channelId = :channelId AND conversation.contactId = :contactId AND conversation.status <> :resolved', {
        channelId: channel.id,
        contactId,
        resolved: ConversationStatus.Resolved,
      })
      .getOne();
    if (active) return { conversation: active, outcome: 'joined', previousStatus: active.status };

    const lastResolved = await manager.findOne(ConversationEntity, {
      where: { channelId: channel.id, contactId, status: ConversationStatus.Resolved },
      order: { resolvedAt: 'DESC' },
    });
    const windowStart = at.getTime() - channel.reopenWindowMinutes * 60_000;
    if (lastResolved?.resolvedAt && lastResolved.resolvedAt.getTime() >= windowStart) {
      await manager.update(ConversationEntity, { id: lastResolved.id }, { status: ConversationStatus.Open, resolvedAt: null });
      return { conversation: { ...lastResolved, status: ConversationStatus.Open, resolvedAt: null }, outcome: 'reopened', previousStatus: ConversationStatus.Resolved };
    }

    const created = await manager.save(
      manager.create(ConversationEntity, { channelId: channel.id, contactId, teamId: channel.teamId, status: ConversationStatus.Open, lastMessageAt: at }),
    );
    return { conversation: created, outcome: 'created', previousStatus: null };
  }
}
