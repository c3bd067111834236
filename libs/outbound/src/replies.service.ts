import { createHash } from 'node:crypto';
import { AccessPolicy, type ApiKeyActor, type UserActor } from '@backtalk/auth';
import { nextOpening } from '@backtalk/business-hours';
import { ChannelEntity } from '@backtalk/channels';
import {
  type BusinessHours,
  ConversationStatus,
  type DomainEvent,
  ErrorCode,
  MessageDirection,
  MessageKind,
  MessageStatus,
  type MessageView,
  type SendNotificationRequest,
  type SendNotificationResponse,
  type StartConversationRequest,
  type StartConversationResponse,
} from '@backtalk/contracts';
import { ConsentService, ContactsService, ConversationActionsService, ConversationEntity, ConversationsService, MessageEntity, ThreadingService, toMessageView } from '@backtalk/conversations';
import { isCountryCode, toE164 } from '@backtalk/phone';
import { DomainError, EventLog, isUniqueViolation } from '@backtalk/platform';
import { MAX_MESSAGE_LENGTH, smartEncode } from '@backtalk/sms';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { MessageStatusWriter } from './message-status-writer';
import { OutboundMessagesService } from './outbound-messages.service';
import { OutboundQueue } from './outbound-queue';
import { replyCollision, replyCollisionError } from './reply-collision';

/** Carriers cut longer texts or refuse them (Twilio: 1,600 characters); the console's counter uses the same limit. */
export const MAX_BODY_LENGTH = MAX_MESSAGE_LENGTH;
const MAX_SCHEDULE_DAYS = 365;

export interface ComposeOptions {
  body: string;
  smartEncode?: boolean;
  sendAt?: string;
  sendAtNextOpening?: boolean;
  cannedAnswerId?: string;
}

export interface ReplyOptions extends ComposeOptions {
  /** The event seq the agent's console had applied when they opened the thread; see `replyCollision`. */
  seenThrough?: number;
  /** Send even though a colleague got there first. */
  force?: boolean;
}

/** Who asked, for the idempotency record: a retried request of the same caller with the same key is the same send. */
interface IdempotencyContext {
  scope: string;
  key: string;
  request: unknown;
}

interface Outgoing {
  conversation: ConversationEntity;
  channel: ChannelEntity;
  body: string;
  kind: MessageKind;
  authorId: string | null;
  sendAt: Date | null;
  externalReference?: string | null;
  metadata?: Record<string, string> | null;
  /** Events already logged in this transaction (a conversation created or reopened for this message). */
  earlierEvents?: DomainEvent[];
}

/**
 * Everything that sends a text on purpose: agent replies, agent-started conversations, notifications and deliberate
 * resends. The message is written (with its events and idempotency record) in one transaction and enqueued after
 * the commit; refusals (opted out, bad number, inactive channel) change nothing.
 */
@Injectable()
export class RepliesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventLog: EventLog,
    private readonly queue: OutboundQueue,
    private readonly consent: ConsentService,
    private readonly contacts: ContactsService,
    private readonly threading: ThreadingService,
    private readonly conversations: ConversationsService,
    private readonly statusWriter: MessageStatusWriter,
    private readonly outboundMessages: OutboundMessagesService,
    private readonly conversationActions: ConversationActionsService,
  ) {}

  async reply(actor: UserActor, conversationId: string, request: ReplyOptions, idempotencyKey?: string): Promise<MessageView> {
    if (request.sendAt && request.sendAtNextOpening) throw DomainError.validation('Choose a time or the next opening, not both');
    let sendAt = parseSendAt(request.sendAt);
    // What the agent saw and whether they insist say when to send, not what: a forced retry of a held request with the
    // same Idempotency-Key is the same reply (the held one stored nothing, so its key is still free).
    const { seenThrough, force, ...sent } = request;
    const result = await this.transaction(idempotencyKey ? { scope: `user:${actor.userId}`, key: idempotencyKey, request: { conversationId, ...sent } } : undefined, async (manager) => {
      const conversation = await manager.findOne(ConversationEntity, { where: { id: conversationId }, lock: { mode: 'pessimistic_write' } });
      if (!conversation || !AccessPolicy.canSeeConversation(actor, conversation)) throw DomainError.notFound('Conversation');
      if (seenThrough !== undefined && !force) {
        const collision = await replyCollision(manager, conversation, actor.userId, seenThrough);
        if (collision) throw replyCollisionError(collision);
      }
      if (request.sendAtNextOpening) sendAt = await this.nextOpeningOf(manager, conversation.teamId);
      const channel = await this.activeChannel(manager, conversation.channelId);
      // Kept with the reply so the customer's question can be suggested as an example of that FAQ.
      const metadata = request.cannedAnswerId ? { cannedAnswerId: request.cannedAnswerId } : null;
      const written = await this.write(manager, { conversation, channel, body: this.textFor(channel, request), kind: MessageKind.Agent, authorId: actor.userId, sendAt, metadata });
      return { message: written.message, events: [...written.events, ...(await this.claimByReply(manager, actor, conversation))] };
    });
    return toMessageView(result.message);
  }

  async startConversation(actor: UserActor, request: StartConversationRequest, idempotencyKey?: string): Promise<StartConversationResponse> {
    const sendAt = parseSendAt(request.sendAt);
    const result = await this.transaction(idempotencyKey ? { scope: `user:${actor.userId}`, key: idempotencyKey, request } : undefined, async (manager) => {
      const channel = await this.activeChannel(manager, request.channelId);
      if (!AccessPolicy.canSeeTeam(actor, channel.teamId)) throw DomainError.notFound('Channel');
      const { conversation, events } = await this.conversationWith(manager, channel, request.phone, ConversationStatus.Open);
      // Whoever starts a conversation works it: it must not wait in the queue for someone else.
      if (!conversation.assigneeId) events.push(...(await this.conversationActions.recordAssignment(manager, conversation, { assigneeId: actor.userId, teamId: conversation.teamId, actorId: actor.userId, reason: 'started' })));
      return this.write(manager, { conversation, channel, body: this.textFor(channel, request), kind: MessageKind.Agent, authorId: actor.userId, sendAt, earlierEvents: events });
    });
    return { conversation: await this.conversations.viewOf(result.message.conversationId), message: toMessageView(result.message) };
  }

  /**
   * A system's message to a customer. It threads into the customer's active conversation, or starts one that waits
   * (pending) for their answer, so a reply lands next to the notification it answers.
   */
  async notify(actor: ApiKeyActor, request: SendNotificationRequest, idempotencyKey?: string): Promise<SendNotificationResponse> {
    const body = fillTemplate(request.body, request.variables ?? {});
    const sendAt = parseSendAt(request.sendAt);
    const result = await this.transaction(idempotencyKey ? { scope: `key:${actor.apiKeyId}`, key: idempotencyKey, request } : undefined, async (manager) => {
      const channel = await this.activeChannel(manager, request.channelId);
      const { conversation, events } = await this.conversationWith(manager, channel, request.to, ConversationStatus.Pending);
      return this.write(manager, {
        conversation,
        earlierEvents: events,
        channel,
        body: this.textFor(channel, { body }),
        kind: MessageKind.Notification,
        authorId: null,
        sendAt,
        externalReference: request.externalReference ?? null,
        metadata: request.metadata ?? null,
      });
    });
    const message = result.message;
    return { messageId: message.id, conversationId: message.conversationId, status: message.status, segments: message.segments, encoding: message.encoding, externalReference: message.externalReference };
  }

  /** An agent's deliberate second try of a message that failed or whose fate is unknown: a new message, same text. */
  async resend(actor: UserActor, messageId: string): Promise<MessageView> {
    const result = await this.transaction(undefined, async (manager) => {
      const original = await manager.findOne(MessageEntity, { where: { id: messageId } });
      const conversation = original && (await manager.findOne(ConversationEntity, { where: { id: original.conversationId }, lock: { mode: 'pessimistic_write' } }));
      if (!original || !conversation || !AccessPolicy.canSeeConversation(actor, conversation)) throw DomainError.notFound('Message');
      const resendable: MessageStatus[] = [MessageStatus.Failed, MessageStatus.Unknown, MessageStatus.Undelivered];
      if (original.direction !== MessageDirection.Outbound || !resendable.includes(original.status)) {
        throw DomainError.conflict('Only a message that failed, was not delivered or whose outcome is unknown can be resent');
      }
      const channel = await this.activeChannel(manager, original.channelId);
      return this.write(manager, { conversation, channel, body: original.body, kind: MessageKind.Agent, authorId: actor.userId, sendAt: null, metadata: { resendOf: original.id } });
    });
    return toMessageView(result.message);
  }

  async cancelScheduled(actor: UserActor, messageId: string): Promise<MessageView> {
    const { message, events } = await this.dataSource.transaction(async (manager) => {
      const found = await manager.findOne(MessageEntity, { where: { id: messageId }, lock: { mode: 'pessimistic_write' } });
      const conversation = found && (await manager.findOne(ConversationEntity, { where: { id: found.conversationId } }));
      if (!found || !conversation || !AccessPolicy.canSeeConversation(actor, conversation)) throw DomainError.notFound('Message');
      if (found.status !== MessageStatus.Scheduled) throw DomainError.conflict('Only a scheduled message that has not gone out yet can be cancelled');
      return { message: found, events: await this.statusWriter.advance(manager, found, MessageStatus.Cancelled, { teamId: conversation.teamId }) };
    });
    this.eventLog.publish(events);
    await this.queue.remove(messageId);
    return toMessageView(message);
  }

  private async transaction(idempotency: IdempotencyContext | undefined, work: (manager: EntityManager) => Promise<{ message: MessageEntity; events: DomainEvent[] }>) {
    const result = await this.dataSource.transaction(async (manager) => {
      if (idempotency) {
        const earlier = await this.claimIdempotencyKey(manager, idempotency);
        if (earlier) return { message: earlier, events: [] as DomainEvent[], replayed: true };
      }
      const written = await work(manager);
      if (idempotency) {
        await manager.query(`UPDATE idempotency_record SET message_id = $3, conversation_id = $4 WHERE scope = $1 AND key = $2`, [
          idempotency.scope,
          idempotency.key,
          written.message.id,
          written.message.conversationId,
        ]);
      }
      return { ...written, replayed: false };
    });
    if (!result.replayed) {
      this.eventLog.publish(result.events);
      if (result.message.status === MessageStatus.Queued || result.message.status === MessageStatus.Scheduled) await this.queue.enqueue([result.message.id], result.message.sendAt);
    }
    return result;
  }

  /**
   * The primary key (scope, key) decides: a concurrent request with the same key waits here until the first commits,
   * then finds its message. Returns that earlier message, or undefined when this request is the first.
   */
  private async claimIdempotencyKey(manager: EntityManager, idempotency: IdempotencyContext): Promise<MessageEntity | undefined> {
    const requestHash = createHash('sha256').update(JSON.stringify(idempotency.request)).digest('hex');
    const inserted: unknown[] = await manager.query(
      `INSERT INTO idempotency_record (scope, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
      [idempotency.scope, idempotency.key, requestHash],
    );
    if (inserted.length > 0) return undefined;
    const [record]: Array<{ request_hash: string; message_id: string | null }> = await manager.query(`SELECT request_hash, message_id FROM idempotency_record WHERE scope = $1 AND key = $2`, [
      idempotency.scope,
      idempotency.key,
    ]);
    if (record.request_hash !== requestHash) {
      throw new DomainError(ErrorCode.IdempotencyKeyReused, 'This Idempotency-Key was already used for a different request; use a new key for a new message');
    }
    const message = record.message_id ? await manager.findOne(MessageEntity, { where: { id: record.message_id } }) : null;
    if (!message) throw DomainError.conflict('The first request with this Idempotency-Key did not produce a message');
    return message;
  }

  private async activeChannel(manager: EntityManager, channelId: string): Promise<ChannelEntity> {
    const channel = await manager.findOne(ChannelEntity, { where: { id: channelId } });
    if (!channel) throw DomainError.notFound('Channel');
    if (!channel.active) throw DomainError.conflict(`The channel “${channel.name}” is switched off; switch it on in Settings → Channels to send from it`);
    return channel;
  }

  private textFor(channel: ChannelEntity, request: ComposeOptions): string {
    const body = (request.smartEncode ?? channel.smartEncoding) ? smartEncode(request.body) : request.body;
    if (!body.trim()) throw DomainError.validation('The message is empty');
    if (body.length > MAX_BODY_LENGTH) throw DomainError.validation(`The message is ${body.length} characters long; at most ${MAX_BODY_LENGTH} can be sent as one SMS`);
    return body;
  }

  private async conversationWith(
    manager: EntityManager,
    channel: ChannelEntity,
    rawPhone: string,
    statusIfNew: ConversationStatus,
  ): Promise<{ conversation: ConversationEntity; events: DomainEvent[] }> {
    const phone = toE164(rawPhone, isCountryCode(channel.country) ? channel.country : undefined);
    if (!phone) throw DomainError.validation(`“${rawPhone}” is not a valid phone number (include the country code, e.g. +380501234567)`, [{ field: 'phone', messages: ['is not a valid phone number'] }]);
    const contactId = await this.contacts.findOrCreateByPhone(manager, phone);
    const threaded = await this.threading.conversationFor(manager, channel, contactId, new Date());
    if (threaded.outcome === 'created' && statusIfNew !== ConversationStatus.Open) {
      await manager.update(ConversationEntity, { id: threaded.conversation.id }, { status: statusIfNew });
      threaded.conversation.status = statusIfNew;
    }
    const events = threaded.outcome === 'created'
      ? [{ type: 'conversation.created' as const, teamId: channel.teamId, conversationId: threaded.conversation.id, payload: { conversationId: threaded.conversation.id, channelId: channel.id, contactId, status: threaded.conversation.status } }]
      : threaded.outcome === 'reopened'
        ? [{ type: 'conversation.updated' as const, teamId: threaded.conversation.teamId, conversationId: threaded.conversation.id, payload: { conversationId: threaded.conversation.id, status: threaded.conversation.status, previousStatus: ConversationStatus.Resolved, reason: 'reopened' } }]
        : [];
    return { conversation: threaded.conversation, events: await this.eventLog.append(manager, events) };
  }

  /**
   * An agent who answers an unassigned conversation of their team works it, so it leaves the queue for them (unless the
   * team turned this off). Capacity is not consulted: it limits what routing hands out, and replying is the agent's
   * own explicit choice. An admin answering a team they are not in helps out without taking the conversation over.
   */
  private async claimByReply(manager: EntityManager, actor: UserActor, conversation: ConversationEntity): Promise<DomainEvent[]> {
    if (conversation.assigneeId || !actor.teamIds.includes(conversation.teamId)) return [];
    const [team] = await manager.query<Array<{ assign_on_reply: boolean }>>(`SELECT assign_on_reply FROM team WHERE id = $1`, [conversation.teamId]);
    if (!team?.assign_on_reply) return [];
    return this.conversationActions.recordAssignment(manager, conversation, { assigneeId: actor.userId, teamId: conversation.teamId, actorId: actor.userId, reason: 'reply' });
  }

  /** When the team opens next; null (now) while it is open. */
  private async nextOpeningOf(manager: EntityManager, teamId: string): Promise<Date | null> {
    const [team] = await manager.query<Array<{ business_hours: BusinessHours | null }>>(`SELECT business_hours FROM team WHERE id = $1`, [teamId]);
    if (!team?.business_hours) throw DomainError.validation('This team has no business hours to wait for; pick a time instead');
    const now = new Date();
    const opening = nextOpening(team.business_hours, now);
    if (!opening) throw DomainError.validation('This team’s business hours never open; pick a time instead');
    return opening.getTime() > now.getTime() ? opening : null;
  }

  private async write(manager: EntityManager, outgoing: Outgoing): Promise<{ message: MessageEntity; events: DomainEvent[] }> {
    const { conversation, channel } = outgoing;
    const [contact] = await manager.query<Array<{ erased: boolean }>>(`SELECT erased_at IS NOT NULL AS erased FROM contact WHERE id = $1`, [conversation.contactId]);
    if (contact?.erased) throw DomainError.conflict('This customer was erased: their number is gone, so nothing can be sent to them.');
    if (await this.consent.isOptedOut(manager, conversation.contactId, channel.id)) {
      throw new DomainError(
        ErrorCode.ContactOptedOut,
        `This customer opted out of texts from ${channel.name} (they sent STOP). Nothing can be sent until they text START.`,
      );
    }
    const events: DomainEvent[] = [...(outgoing.earlierEvents ?? [])];
    // Answering a resolved conversation brings it back: the agent is clearly working on it again.
    if (conversation.status === ConversationStatus.Resolved) {
      try {
        await manager.update(ConversationEntity, { id: conversation.id }, { status: ConversationStatus.Open, resolvedAt: null });
      } catch (error) {
        if (isUniqueViolation(error)) throw DomainError.conflict('The customer already has another open conversation on this channel; reply there');
        throw error;
      }
      const payload = { conversationId: conversation.id, status: ConversationStatus.Open, previousStatus: ConversationStatus.Resolved, reason: 'reopened' };
      events.push(...(await this.eventLog.append(manager, [{ type: 'conversation.updated', teamId: conversation.teamId, conversationId: conversation.id, payload }])));
    }
    const queued = await this.outboundMessages.queue(manager, {
      conversationId: conversation.id,
      channelId: channel.id,
      teamId: conversation.teamId,
      body: outgoing.body,
      kind: outgoing.kind,
      authorId: outgoing.authorId,
      sendAt: outgoing.sendAt,
      pricePerSegment: channel.pricePerSegment,
      externalReference: outgoing.externalReference,
      metadata: outgoing.metadata,
      answersCustomer: outgoing.kind === MessageKind.Agent,
    });
    return { message: queued.message, events: [...events, ...queued.events] };
  }
}

function parseSendAt(raw: string | undefined): Date | null {
  if (!raw) return null;
  const at = new Date(raw);
  if (Number.isNaN(at.getTime())) throw DomainError.validation('sendAt must be an ISO date and time');
  if (at.getTime() > Date.now() + MAX_SCHEDULE_DAYS * 86_400_000) throw DomainError.validation(`A message can be scheduled at most ${MAX_SCHEDULE_DAYS} days ahead`);
  return at;
}

/** `{{name}}` placeholders; a missing value is an error rather than a text with a hole in it. */
export function fillTemplate(body: string, variables: Readonly<Record<string, string>>): string {
  const missing = new Set<string>();
  const filled = body.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_match, name: string) => {
    const value = variables[name];
    if (value === undefined) missing.add(name);
    return value ?? '';
  });
  if (missing.size > 0) throw DomainError.validation(`No value was given for ${[...missing].map((name) => `{{${name}}}`).join(', ')}`, [{ field: 'variables', messages: [...missing].map((name) => `${name} is missing`) }]);
  return filled;
}
