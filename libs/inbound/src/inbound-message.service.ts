import type { InboundSms } from '@backtalk/carriers';
import { ActivityType, type ChannelConfirmations, type ChannelKeywords, ConversationStatus, type DomainEvent, MessageKind } from '@backtalk/contracts';
import { type CapturedAnswer, CsatSurveyService } from '@backtalk/csat';
import { OutboundMessagesService } from '@backtalk/outbound';
import { ConsentService, ContactsService, ConversationActivity, ThreadingService } from '@backtalk/conversations';
import { type CountryCode, isCountryCode, toE164 } from '@backtalk/phone';
import { EventLog, MetricsService, type NewDomainEvent, PhoneHasher, preparedQuery } from '@backtalk/platform';
import { analyseSms } from '@backtalk/sms';
import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import type { DataSource, EntityManager } from 'typeorm';
import { FastPath, type FastPathMetrics } from './fast-path';
import { type KeywordMatch, matchKeyword } from './keywords';

export interface InboundChannel {
  id: string;
  teamId: string;
  country: string;
  reopenWindowMinutes: number;
  keywords: ChannelKeywords;
  confirmations: ChannelConfirmations;
  helpText: string;
}

/** Answers HELP when the channel has no help text of its own: at least how to stop and restart. */
export const DEFAULT_HELP_REPLY = 'Reply STOP to unsubscribe, START to subscribe again.';

export interface StoredInbound {
  messageId: string;
  conversationId: string;
  contactId: string;
  keyword: KeywordMatch | null;
  /** Already appended to the event log in the caller's transaction; publish them after the commit. */
  events: DomainEvent[];
  /** Keyword confirmations written as queued messages; enqueue them after the commit. */
  queuedMessageIds: string[];
}

/** The message was already stored by an earlier delivery of the same webhook; the transaction must roll back. */
export class DuplicateInboundMessage extends Error {
  override readonly name = 'DuplicateInboundMessage';
}

/** The conversation was resolved between looking it up and writing to it; the transaction must be retried. */
export class ConversationChangedConcurrently extends Error {
  override readonly name = 'ConversationChangedConcurrently';
}

/**
 * Inserts the message, counts it on its conversation and logs message.received in one round trip. Nothing happens
 * when the provider id is already stored (no row comes back), and the conversation is left alone if it was resolved
 * meanwhile (status comes back null).
 */
const STORE_MESSAGE_SQL = `
WITH inserted AS (
  INSERT INTO message (conversation_id, channel_id, direction, kind, status, body, encoding, segments, media, provider_message_id, provider_timestamp, sent_at, incomplete)
  VALUES ($1, $2, 'inbound', 'customer', 'received', $3, $4, $5, $6, $7, $8, $9, $10)
  ON CONFLICT (channel_id, provider_message_id) WHERE provider_message_id IS NOT NULL DO NOTHING
  RETURNING id
), updated AS (
  UPDATE conversation c SET
    status = CASE WHEN prev.old_status IN ('snoozed', 'pending') THEN 'open'::conversation_status ELSE prev.old_status END,
    snoozed_until = NULL,
    unread_count = c.unread_count + 1,
    last_message_at = GREATEST(c.last_message_at, $9),
    last_inbound_at = GREATEST(COALESCE(c.last_inbound_at, $9), $9),
    waiting_since = COALESCE(c.waiting_since, $9),
    updated_at = now()
  FROM (SELECT id, status AS old_status FROM conversation WHERE id = $1 FOR UPDATE) prev
  WHERE c.id = prev.id AND prev.old_status <> 'resolved' AND EXISTS (SELECT 1 FROM inserted)
  RETURNING c.status, prev.old_status
), event AS (
  INSERT INTO domain_event (type, team_id, conversation_id, payload)
  SELECT 'message.received', $11, $1, jsonb_build_object('messageId', inserted.id, 'conversationId', $1::uuid, 'channelId', $2::uuid, 'contactId', $12::uuid)
  FROM inserted, updated
  RETURNING seq, created_at
)
SELECT inserted.id AS message_id, updated.status, updated.old_status, event.seq, event.created_at
FROM inserted LEFT JOIN updated ON true LEFT JOIN event ON true`;

/** A known customer and their active conversation on this channel, if any. */
const KNOWN_CUSTOMER_SQL = `
SELECT ct.id AS contact_id, cv.id AS conversation_id FROM contact ct
LEFT JOIN conversation cv ON cv.contact_id = ct.id AND cv.channel_id = $2 AND cv.status <> 'resolved'
WHERE ct.phone = $1`;

/**
 * A customer's answer to the satisfaction survey: stored in the surveyed conversation like any message (and logged as
 * message.received), but the conversation stays resolved, unread and out of the queue. It names the survey it answers,
 * which is how automation knows to leave it alone.
 */
const STORE_SURVEY_ANSWER_SQL = `
WITH inserted AS (
  INSERT INTO message (conversation_id, channel_id, direction, kind, status, body, encoding, segments, media, provider_message_id, provider_timestamp, sent_at, incomplete, metadata)
  VALUES ($1, $2, 'inbound', 'customer', 'received', $3, $4, $5, $6, $7, $8, $9, false, jsonb_build_object('csatResponseId', $12::text))
  ON CONFLICT (channel_id, provider_message_id) WHERE provider_message_id IS NOT NULL DO NOTHING
  RETURNING id
), updated AS (
  UPDATE conversation c SET
    last_message_at = GREATEST(c.last_message_at, $9),
    last_inbound_at = GREATEST(COALESCE(c.last_inbound_at, $9), $9),
    updated_at = now()
  WHERE c.id = $1 AND EXISTS (SELECT 1 FROM inserted)
  RETURNING c.id
), event AS (
  INSERT INTO domain_event (type, team_id, conversation_id, payload)
  SELECT 'message.received', $10, $1, jsonb_build_object('messageId', inserted.id, 'conversationId', $1::uuid, 'channelId', $2::uuid, 'contactId', $11::uuid)
  FROM inserted
  RETURNING seq, created_at
)
SELECT inserted.id AS message_id, event.seq, event.created_at
FROM inserted LEFT JOIN updated ON true LEFT JOIN event ON true`;

/**
 * A message from a contact the team blocked: stored in their conversation on this channel as it is (unread count,
 * status and wait untouched, so it neither enters nor moves in the queue), marked so that automation passes it by.
 */
const STORE_BLOCKED_SQL = `
WITH inserted AS (
  INSERT INTO message (conversation_id, channel_id, direction, kind, status, body, encoding, segments, media, provider_message_id, provider_timestamp, sent_at, incomplete, metadata)
  VALUES ($1, $2, 'inbound', 'customer', 'received', $3, $4, $5, $6, $7, $8, $9, false, '{"blocked": true}'::jsonb)
  ON CONFLICT (channel_id, provider_message_id) WHERE provider_message_id IS NOT NULL DO NOTHING
  RETURNING id
), updated AS (
  UPDATE conversation c SET last_message_at = GREATEST(c.last_message_at, $9), last_inbound_at = GREATEST(COALESCE(c.last_inbound_at, $9), $9), updated_at = now()
  WHERE c.id = $1 AND EXISTS (SELECT 1 FROM inserted)
  RETURNING c.id
), event AS (
  INSERT INTO domain_event (type, team_id, conversation_id, payload)
  SELECT 'message.received', $10, $1, jsonb_build_object('messageId', inserted.id, 'conversationId', $1::uuid, 'channelId', $2::uuid, 'contactId', $11::uuid, 'blocked', true)
  FROM inserted
  RETURNING seq, created_at
)
SELECT inserted.id AS message_id, event.seq, event.created_at
FROM inserted LEFT JOIN updated ON true LEFT JOIN event ON true`;

/** $2 to $9 of both message statements: the channel, then the message's own columns. */
function messageColumns(channelId: string, sms: InboundSms, sentAt: Date): unknown[] {
  const analysis = analyseSms(sms.text);
  return [channelId, sms.text, analysis.encoding, sms.segments ?? analysis.segments, JSON.stringify(sms.media), sms.providerMessageId, sms.providerTimestamp, sentAt];
}

/** Senders that are not phone numbers (short codes, alphanumeric ids) are kept as given, cleaned of spaces. */
export function normaliseCustomerNumber(raw: string, country: string): string {
  const e164 = toE164(raw, isCountryCode(country) ? (country as CountryCode) : undefined);
  return e164 ?? raw.replace(/\s+/g, '').slice(0, 20);
}

@Injectable()
export class InboundMessageService {
  private readonly fastPaths = new WeakMap<DataSource, FastPath>();
  private readonly fastPathMetrics: FastPathMetrics;

  constructor(
    private readonly contacts: ContactsService,
    private readonly threading: ThreadingService,
    private readonly consent: ConsentService,
    private readonly eventLog: EventLog,
    private readonly outbound: OutboundMessagesService,
    private readonly activity: ConversationActivity,
    private readonly csat: CsatSurveyService,
    private readonly phoneHasher: PhoneHasher,
    metrics: MetricsService,
  ) {
    this.fastPathMetrics = {
      batchSize: new Histogram({
        name: 'inbound_fast_path_batch_size',
        help: 'Customer messages stored per statement of the inbound fast path',
        buckets: [1, 2, 4, 8, 16, 32, 64],
        registers: [metrics.registry],
      }),
      batchFailures: new Counter({
        name: 'inbound_fast_path_batch_failures_total',
        help: 'Fast-path batches that failed as a whole (a deadlock, say) and whose messages were stored one by one',
        registers: [metrics.registry],
      }),
    };
  }

  /**
   * The fast path for a plain message (no keyword) into an open conversation or from a brand-new customer, in one
   * statement without a transaction around it, which it shares with the messages arriving beside it. Returns null when it does not apply; throws DuplicateInboundMessage for
   * a carrier retry.
   */
  async storeFast(dataSource: DataSource, channel: InboundChannel, sms: InboundSms, receivedAt: Date): Promise<StoredInbound | null> {
    if (this.keywordOf(sms, channel)) return null;
    const sentAt = sms.providerTimestamp ?? receivedAt;
    const phone = normaliseCustomerNumber(sms.from, channel.country);
    const analysis = analyseSms(sms.text);
    const rows = await this.fastPathOf(dataSource).store({
      phone,
      phoneHash: await this.phoneHasher.hash(phone),
      channelId: channel.id,
      teamId: channel.teamId,
      body: sms.text,
      encoding: analysis.encoding,
      segments: sms.segments ?? analysis.segments,
      media: JSON.stringify(sms.media),
      providerMessageId: sms.providerMessageId,
      providerTimestamp: sms.providerTimestamp,
      sentAt,
    });
    if (rows.length === 0) return null;
    const [first] = rows;
    if (!first.message_id) throw new DuplicateInboundMessage(sms.providerMessageId);
    const events = rows.map(
      (row): DomainEvent => ({
        type: row.type!,
        seq: Number(row.seq),
        teamId: channel.teamId,
        conversationId: row.conversation_id,
        payload: row.payload!,
        createdAt: new Date(row.created_at!).toISOString(),
      }),
    );
    return { messageId: first.message_id, conversationId: first.conversation_id, contactId: first.contact_id, keyword: null, events, queuedMessageIds: [] };
  }

  private fastPathOf(dataSource: DataSource): FastPath {
    let fastPath = this.fastPaths.get(dataSource);
    if (!fastPath) this.fastPaths.set(dataSource, (fastPath = new FastPath(dataSource, this.fastPathMetrics)));
    return fastPath;
  }

  /**
   * Stores one customer message inside the caller's transaction: contact, conversation (joined, reopened or new),
   * the message, keyword consent changes, and the domain events describing all of it. Throws DuplicateInboundMessage
   * when the provider id is already stored, so that a carrier retry changes nothing.
   */
  async store(manager: EntityManager, channel: InboundChannel, sms: InboundSms, options: { receivedAt: Date; incomplete?: boolean }): Promise<StoredInbound> {
    const sentAt = sms.providerTimestamp ?? options.receivedAt;
    const phone = normaliseCustomerNumber(sms.from, channel.country);
    const events: DomainEvent[] = [];

    // A customer already in an active conversation needs no lock: one look-up finds both. A first message only comes
    // here with a keyword, or after losing a race with another first message: the fast path stores the rest.
    const [known] = await preparedQuery<{ contact_id: string; conversation_id: string | null }>(manager, 'inbound_known_customer', KNOWN_CUSTOMER_SQL, [phone, channel.id]);
    const contactId = known?.contact_id ?? (await this.contacts.findOrCreateByPhone(manager, phone));
    if (known && (await this.isBlocked(manager, contactId, channel.teamId))) return this.storeBlocked(manager, channel, sms, sentAt, contactId);
    let conversationId = known?.conversation_id ?? null;
    if (!conversationId && !options.incomplete && !this.keywordOf(sms, channel)) {
      const answer = await this.surveyAnswerTarget(manager, channel, contactId, sms.text, sentAt);
      if (answer) return this.storeSurveyAnswer(manager, channel, sms, sentAt, contactId, answer);
    }
    if (!conversationId) {
      const { conversation, outcome } = await this.threading.conversationFor(manager, channel, contactId, sentAt);
      conversationId = conversation.id;
      const scope = { teamId: channel.teamId, conversationId };
      if (outcome === 'created') {
        events.push(...(await this.eventLog.append(manager, [{ ...scope, type: 'conversation.created', payload: { conversationId, channelId: channel.id, contactId, status: ConversationStatus.Open } }])));
      } else if (outcome === 'reopened') {
        events.push(
          ...(await this.eventLog.append(manager, [
            { ...scope, type: 'conversation.updated', payload: { conversationId, status: ConversationStatus.Open, previousStatus: ConversationStatus.Resolved, reason: 'reopened' } },
            await this.activity.record(manager, { conversationId, teamId: conversation.teamId, type: ActivityType.Reopened, actorKind: 'customer' }),
          ])),
        );
      }
    }

    const [row] = await preparedQuery<{ message_id: string; status: ConversationStatus | null; old_status: ConversationStatus | null; seq: string | null; created_at: Date | null }>(
      manager,
      'inbound_store_message',
      STORE_MESSAGE_SQL,
      [
        conversationId,
        ...messageColumns(channel.id, sms, sentAt),
        options.incomplete ?? false,
        channel.teamId,
        contactId,
      ]);
    if (!row) throw new DuplicateInboundMessage(sms.providerMessageId);
    if (!row.status || !row.seq || !row.created_at) throw new ConversationChangedConcurrently(conversationId);
    const messageId = row.message_id;
    const scope = { teamId: channel.teamId, conversationId };
    events.push({
      ...scope,
      seq: Number(row.seq),
      type: 'message.received',
      payload: { messageId, conversationId, channelId: channel.id, contactId },
      createdAt: new Date(row.created_at).toISOString(),
    });
    const followUps: NewDomainEvent[] = [];
    if (row.old_status && row.old_status !== row.status) {
      followUps.push({ ...scope, type: 'conversation.updated', payload: { conversationId, status: row.status, previousStatus: row.old_status, reason: 'customer_replied' } });
      if (row.old_status === ConversationStatus.Snoozed) {
        followUps.push(await this.activity.record(manager, { conversationId, teamId: channel.teamId, type: ActivityType.Woke, actorKind: 'customer', data: { reason: 'customer' } }));
      }
    }

    const keyword = this.keywordOf(sms, channel);
    let reply: string | null = null;
    if (keyword?.kind === 'help') {
      reply = channel.confirmations.help ? channel.helpText.trim() || DEFAULT_HELP_REPLY : null;
    } else if (keyword) {
      const optedOut = keyword.kind === 'optOut';
      const changed = await this.consent.record(manager, { contactId, channelId: channel.id, optedOut, source: 'keyword', keyword: keyword.keyword, messageId });
      if (changed) {
        followUps.push({ ...scope, type: 'consent.changed', payload: { contactId, channelId: channel.id, optedOut, keyword: keyword.keyword } });
        followUps.push(
          await this.activity.record(manager, { conversationId, teamId: channel.teamId, type: optedOut ? ActivityType.OptedOut : ActivityType.OptedIn, actorKind: 'customer', data: { keyword: keyword.keyword } }),
        );
      }
      // Nobody may answer a customer who opted out, so they are not waiting for an answer: their SLA clock stops and
      // they leave the queue now, not at the next sweep. Their next message starts a new wait like any other.
      if (optedOut) {
        await manager.query(`UPDATE conversation SET waiting_since = NULL, sla_kind = NULL, sla_due_at = NULL, sla_started_at = NULL, updated_at = now() WHERE id = $1`, [conversationId]);
        followUps.push({ ...scope, type: 'conversation.updated', payload: { conversationId, status: row.status, previousStatus: row.status, reason: 'opted_out' } });
      }
      // Confirm a change once; a repeated STOP to someone already opted out gets no further message.
      if (changed) reply = optedOut ? channel.confirmations.optOut : channel.confirmations.optIn;
    }
    events.push(...(await this.eventLog.append(manager, followUps)));
    const queuedMessageIds: string[] = [];
    if (reply) {
      const queued = await this.outbound.queue(manager, { conversationId, channelId: channel.id, teamId: channel.teamId, body: reply, kind: MessageKind.KeywordReply });
      events.push(...queued.events);
      queuedMessageIds.push(queued.message.id);
    }
    return { messageId, conversationId, contactId, keyword, events, queuedMessageIds };
  }

  /**
   * A rating for a survey awaiting its answer, when the customer has no active conversation on this channel. Takes
   * threading's lock for this customer and sender first, so a message threaded at the same moment cannot open a
   * conversation alongside.
   */
  private async surveyAnswerTarget(manager: EntityManager, channel: InboundChannel, contactId: string, text: string, at: Date): Promise<CapturedAnswer | null> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`thread:${channel.id}:${contactId}`]);
    const [active] = await manager.query<Array<{ id: string }>>(`SELECT id FROM conversation WHERE channel_id = $1 AND contact_id = $2 AND status <> 'resolved'`, [channel.id, contactId]);
    if (active) return null;
    return this.csat.findAnswerTarget(manager, channel.id, contactId, text, at);
  }

  private async storeSurveyAnswer(manager: EntityManager, channel: InboundChannel, sms: InboundSms, sentAt: Date, contactId: string, answer: CapturedAnswer): Promise<StoredInbound> {
    const { conversationId } = answer;
    const [row] = await preparedQuery<{ message_id: string; seq: string; created_at: Date }>(manager, 'inbound_store_survey_answer', STORE_SURVEY_ANSWER_SQL, [
      conversationId,
      ...messageColumns(channel.id, sms, sentAt),
      channel.teamId,
      contactId,
      answer.responseId,
    ]);
    if (!row) throw new DuplicateInboundMessage(sms.providerMessageId);
    const received: DomainEvent = {
      teamId: channel.teamId,
      conversationId,
      seq: Number(row.seq),
      type: 'message.received',
      payload: { messageId: row.message_id, conversationId, channelId: channel.id, contactId },
      createdAt: new Date(row.created_at).toISOString(),
    };
    const recorded = await this.csat.recordAnswer(manager, answer, { messageId: row.message_id, text: sms.text, at: sentAt });
    return { messageId: row.message_id, conversationId, contactId, keyword: null, events: [received, ...recorded.events], queuedMessageIds: recorded.queuedMessageIds };
  }

  private async isBlocked(manager: EntityManager, contactId: string, teamId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM contact_block WHERE contact_id = $1 AND team_id = $2`, [contactId, teamId]);
    return rows.length > 0;
  }

  /**
   * Into the contact's active conversation on this channel, else their latest one, else a new one that starts resolved:
   * visible on the contact page, never in the queue. A STOP or START still changes consent (the law does not care
   * that the team blocked them), but no confirmation is sent.
   */
  private async storeBlocked(manager: EntityManager, channel: InboundChannel, sms: InboundSms, sentAt: Date, contactId: string): Promise<StoredInbound> {
    // Threading's lock for this customer and sender, so a conversation is not created twice by two messages at once.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`thread:${channel.id}:${contactId}`]);
    const events: DomainEvent[] = [];
    const [existing] = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM conversation WHERE channel_id = $1 AND contact_id = $2 ORDER BY (status <> 'resolved') DESC, last_message_at DESC, id DESC LIMIT 1`,
      [channel.id, contactId],
    );
    let conversationId = existing?.id;
    if (!conversationId) {
      const [created] = await manager.query<Array<{ id: string }>>(
        `INSERT INTO conversation (channel_id, contact_id, team_id, status, unread_count, last_message_at, last_inbound_at, resolved_at) VALUES ($1, $2, $3, 'resolved', 0, $4, $4, $4) RETURNING id`,
        [channel.id, contactId, channel.teamId, sentAt],
      );
      conversationId = created.id;
      events.push(
        ...(await this.eventLog.append(manager, [
          { teamId: channel.teamId, conversationId, type: 'conversation.created', payload: { conversationId, channelId: channel.id, contactId, status: ConversationStatus.Resolved } },
        ])),
      );
    }
    const [row] = await preparedQuery<{ message_id: string; seq: string; created_at: Date }>(manager, 'inbound_store_blocked', STORE_BLOCKED_SQL, [
      conversationId,
      ...messageColumns(channel.id, sms, sentAt),
      channel.teamId,
      contactId,
    ]);
    if (!row) throw new DuplicateInboundMessage(sms.providerMessageId);
    const messageId = row.message_id;
    events.push({
      teamId: channel.teamId,
      conversationId,
      seq: Number(row.seq),
      type: 'message.received',
      payload: { messageId, conversationId, channelId: channel.id, contactId, blocked: true },
      createdAt: new Date(row.created_at).toISOString(),
    });
    const keyword = this.keywordOf(sms, channel);
    if (keyword && keyword.kind !== 'help') {
      const optedOut = keyword.kind === 'optOut';
      if (await this.consent.record(manager, { contactId, channelId: channel.id, optedOut, source: 'keyword', keyword: keyword.keyword, messageId })) {
        events.push(...(await this.eventLog.append(manager, [{ teamId: channel.teamId, conversationId, type: 'consent.changed', payload: { contactId, channelId: channel.id, optedOut, keyword: keyword.keyword } }])));
      }
    }
    return { messageId, conversationId, contactId, keyword, events, queuedMessageIds: [] };
  }

  /** A provider's own classification (Plivo MessageIntent, Twilio OptOutType) counts like a keyword. */
  private keywordOf(sms: InboundSms, channel: InboundChannel): KeywordMatch | null {
    const matched = matchKeyword(sms.text, channel.keywords);
    if (matched) return matched;
    if (sms.optOutHint === 'optout') return { kind: 'optOut', keyword: sms.text.trim().toUpperCase().slice(0, 40) };
    if (sms.optOutHint === 'optin') return { kind: 'optIn', keyword: sms.text.trim().toUpperCase().slice(0, 40) };
    return null;
  }
}
