import { adapterFor, ErrorCategory, SendConfigurationError, type SendOutcome, senderFor } from '@backtalk/carriers';
import { ActivityType, ConversationStatus, type DomainEvent, MessageKind, MessageStatus } from '@backtalk/contracts';
import { ChannelsService } from '@backtalk/channels';
import { ConsentService, ConversationActivity, MessageEntity } from '@backtalk/conversations';
import { AppConfig, EventLog } from '@backtalk/platform';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type AutoReplyHold, AutoReplyGuard } from './auto-reply-guard';
import { MessageStatusWriter } from './message-status-writer';
import { SendRateLimiter } from './send-rate-limiter';

const OPTED_OUT_ERROR = { code: 'opted_out', reason: 'The customer opted out (STOP) before this message went out; it was not sent.', category: ErrorCategory.OptedOut };

/** A message still queued when its customer was erased: there is no number left to send it to. */
const ERASED_ERROR = { code: 'contact_erased', reason: 'The customer was erased before this message went out; it was not sent.', category: ErrorCategory.InvalidNumber };

export type SendResult = 'sent' | 'failed' | 'unknown' | 'skipped';

/** How many times a provider may refuse a message for now (5xx, 429, timeouts before sending) before it fails. */
export const MAX_PROVIDER_ATTEMPTS = 6;
/** A slot this close is taken at once rather than waited for. */
const SLOT_TOLERANCE_MS = 5;
/** Waits up to this are slept in the job; a round trip through the delayed queue costs more than it saves. */
const MAX_IN_PLACE_WAIT_MS = 250;

/** The job must run again later; `delayMs` tells the queue when (see OUTBOUND_BACKOFF). */
export abstract class SendLaterError extends Error {
  abstract readonly delayMs: number;
}

/** The provider asked us to try later (5xx, 429, queue full). */
export class RetryableSendError extends SendLaterError {
  override readonly name = 'RetryableSendError';

  constructor(
    reason: string,
    readonly delayMs: number,
  ) {
    super(reason);
  }
}

/** The channel (or the account) is busy until the slot reserved for this message. Waiting is not a failure. */
export class WaitForSendSlot extends SendLaterError {
  override readonly name = 'WaitForSendSlot';

  constructor(readonly delayMs: number) {
    super(`waiting ${delayMs} ms for a sending slot`);
  }
}

/** Exponential backoff for provider refusals: 1 s, 2 s, 4 s … capped at a minute, or longer if the provider says so. */
export function retryDelayMs(failuresSoFar: number, retryAfterSeconds?: number): number {
  const exponential = Math.min(60_000, 1000 * 2 ** Math.max(0, failuresSoFar - 1));
  return Math.max(exponential, (retryAfterSeconds ?? 0) * 1000);
}

/**
 * Sends one queued message, at most once. The message is marked `sending` (committed) before the provider is called,
 * so a job that is run again after a crash finds it no longer `queued` and does nothing; an interrupted call leaves the
 * message `unknown` for an agent to resend deliberately, rather than risking a second SMS.
 */
@Injectable()
export class SendService {
  private readonly logger = new Logger(SendService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly channels: ChannelsService,
    private readonly statusWriter: MessageStatusWriter,
    private readonly consent: ConsentService,
    private readonly eventLog: EventLog,
    private readonly config: AppConfig,
    private readonly rateLimiter: SendRateLimiter,
    private readonly autoReplyGuard: AutoReplyGuard,
    private readonly activity: ConversationActivity,
  ) {}

  /**
   * `slotReserved`: this job already waited for its sending slot, so it sends now instead of reserving another one.
   * Throws SendLaterError when the job must run again later.
   */
  async send(messageId: string, options: { slotReserved?: boolean } = {}): Promise<SendResult> {
    const [pending]: Array<{ channel_id: string; segments: number; due: boolean }> = await this.dataSource.query(
      `SELECT channel_id, segments, (status = 'queued' OR (status = 'scheduled' AND send_at <= now())) AS due FROM message WHERE id = $1`,
      [messageId],
    );
    if (!pending?.due) return 'skipped';
    const pacing = await this.channels.loadWithSecrets(pending.channel_id);
    if (pacing) await this.waitForTurn(pending.channel_id, pacing.channel.ratePerSecond, pending.segments, options.slotReserved ?? false);

    const claimed = await this.claim(messageId);
    if (!claimed) return 'skipped';
    const { message, recipient } = claimed;

    const found = await this.channels.loadWithSecrets(message.channelId);
    if (!found) return this.finish(messageId, { kind: 'failed', error: { code: 'channel_missing', reason: 'The channel no longer exists', category: ErrorCategory.ProviderError, permanent: true } });
    const { channel, secrets } = found;

    let request;
    try {
      request = senderFor(channel.provider).buildSendRequest(
        { messageId, from: channel.sender, to: recipient, text: message.body, statusCallbackUrl: this.channels.webhookUrl(channel) },
        secrets,
      );
    } catch (error) {
      if (!(error instanceof SendConfigurationError)) throw error;
      // Nothing left Backtalk: the channel lacks a credential for sending.
      return this.finish(messageId, { kind: 'failed', error: { code: 'channel_not_configured', reason: error.message, category: ErrorCategory.Authentication, permanent: true } });
    }

    let outcome: SendOutcome;
    try {
      const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, signal: AbortSignal.timeout(this.config.PROVIDER_TIMEOUT_MS) });
      outcome = senderFor(channel.provider).interpretResponse(response.status, Object.fromEntries(response.headers.entries()), await response.text());
    } catch (error) {
      // No answer: the provider may have accepted the message. Resending could text the customer twice.
      this.logger.warn({ err: error, messageId, provider: channel.provider }, 'provider call interrupted; message state unknown');
      outcome = { kind: 'unknown', reason: `No answer from ${channel.provider}: ${(error as Error).message}` };
    }

    if (outcome.kind === 'retry') {
      const failures = await this.requeue(messageId);
      if (failures >= MAX_PROVIDER_ATTEMPTS) {
        return this.finish(messageId, { kind: 'failed', error: { code: 'provider_unavailable', reason: `${channel.provider} kept refusing the message: ${outcome.reason}`, category: ErrorCategory.ProviderError, permanent: true } });
      }
      let delayMs = retryDelayMs(failures, outcome.retryAfterSeconds);
      // "Too many requests" is about the sender, not this message: every message of the channel waits.
      if (outcome.retryAfterSeconds !== undefined || /429|rate|throttl|too many/i.test(outcome.reason)) {
        delayMs = Math.max(delayMs, await this.rateLimiter.penalise(channel.id, (outcome.retryAfterSeconds ?? 1) * 1000));
      }
      throw new RetryableSendError(outcome.reason, delayMs);
    }
    return this.finish(messageId, outcome, {
      id: channel.id,
      teamId: channel.teamId,
      mapError: (code) => {
        const mapped = adapterFor(channel.provider).mapError(code);
        return { code: mapped.code, reason: mapped.reason, category: mapped.category };
      },
    });
  }

  /**
   * Reserves the message's slot (unless this run already waited for one), then checks the channel's spacing at this
   * very moment. Short waits are slept here; longer ones go back to the queue as a delayed job.
   */
  private async waitForTurn(channelId: string, ratePerSecond: number, segments: number, slotReserved: boolean): Promise<void> {
    if (!slotReserved) {
      const slot = await this.rateLimiter.reserve(channelId, ratePerSecond, segments);
      if (slot.waitMs > SLOT_TOLERANCE_MS) throw new WaitForSendSlot(slot.waitMs);
    }
    for (;;) {
      const waitMs = await this.rateLimiter.spacing(channelId, ratePerSecond, segments);
      if (waitMs <= 0) return;
      if (waitMs > MAX_IN_PLACE_WAIT_MS) throw new WaitForSendSlot(waitMs);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }

  /** Marks the message failed after the queue gave up retrying. */
  async giveUp(messageId: string, reason: string): Promise<void> {
    const events = await this.dataSource.transaction(async (manager) => {
      const message = await manager.findOne(MessageEntity, { where: { id: messageId }, lock: { mode: 'pessimistic_write' } });
      if (!message || (message.status !== MessageStatus.Queued && message.status !== MessageStatus.Sending)) return [];
      return this.statusWriter.advance(manager, message, MessageStatus.Failed, { error: { code: 'provider_unavailable', reason, category: ErrorCategory.ProviderError } });
    });
    this.eventLog.publish(events);
  }

  private async claim(messageId: string): Promise<{ message: MessageEntity; recipient: string } | undefined> {
    const result = await this.dataSource.transaction(async (manager) => {
      const message = await manager.findOne(MessageEntity, { where: { id: messageId }, lock: { mode: 'pessimistic_write' } });
      if (!message) return undefined;
      const due = message.status === MessageStatus.Queued || (message.status === MessageStatus.Scheduled && message.sendAt !== null && message.sendAt.getTime() <= Date.now());
      if (!due) return undefined;
      const [contact]: Array<{ id: string; phone: string | null; team_id: string }> = await manager.query(
        `SELECT ct.id, ct.phone, c.team_id FROM conversation c JOIN contact ct ON ct.id = c.contact_id WHERE c.id = $1`,
        [message.conversationId],
      );
      if (contact.phone === null) {
        const events = await this.statusWriter.advance(manager, message, MessageStatus.Failed, { error: ERASED_ERROR, teamId: contact.team_id });
        return { message: undefined, recipient: '', events };
      }
      // Consent is checked again at the last moment: a STOP may have arrived while the message waited. Backtalk's
      // own keyword confirmation ("you are unsubscribed") is the one message that must still go out.
      if (message.kind !== MessageKind.KeywordReply && (await this.consent.isOptedOut(manager, contact.id, message.channelId))) {
        const events = await this.statusWriter.advance(manager, message, MessageStatus.Failed, { error: OPTED_OUT_ERROR, teamId: contact.team_id });
        return { message: undefined, recipient: contact.phone, events };
      }
      if (message.kind === MessageKind.AutoReply && message.metadata?.['automation'] === 'rule') {
        const cancelled = await this.cancelIfOvertaken(manager, message, contact.team_id);
        if (cancelled) return { message: undefined, recipient: contact.phone, events: cancelled };
      }
      const events = await this.statusWriter.advance(manager, message, MessageStatus.Sending, { teamId: contact.team_id });
      return { message, recipient: contact.phone, events };
    });
    if (!result) return undefined;
    this.eventLog.publish(result.events);
    return result.message ? { message: result.message, recipient: result.recipient } : undefined;
  }

  /**
   * An automatic reply waits in the queue for a moment; a person may have taken the conversation meanwhile. Checked
   * under the message's lock and the conversation's, the same moment the message would become `sending`: then the
   * reply is cancelled, never sent, the status its rule set with it (pending, resolved) is undone, and the thread
   * says why. Null when the reply may go.
   */
  private async cancelIfOvertaken(manager: EntityManager, message: MessageEntity, teamId: string): Promise<DomainEvent[] | null> {
    await manager.query(`SELECT 1 FROM conversation WHERE id = $1 FOR UPDATE`, [message.conversationId]);
    const metadata = message.metadata ?? {};
    const hold = await this.autoReplyGuard.hold(manager, message.conversationId, {
      sinceMessageId: metadata['inReplyTo'] ?? null,
      sinceTime: message.createdAt,
      sinceWaiting: false,
      body: message.body,
      excludeMessageId: message.id,
      // The rule's own choice about assigned conversations was made when it fired; only what happened since counts.
      answerAssigned: true,
      windowMinutes: this.config.AUTO_REPLY_WINDOW_MINUTES,
    });
    if (!hold) return null;
    const restored = await this.undoRuleStatus(manager, message, hold);
    // The thread showed the rule's status change; it says that this is undone as well.
    const restoredStatus = restored.length > 0 ? { restoredStatus: restored[0].payload.status } : {};
    // The message keeps the code and no sentence: the thread's activity line says why, in the reader's language.
    const events = await this.statusWriter.advance(manager, message, MessageStatus.Cancelled, { error: { code: 'overtaken', reason: null, category: 'cancelled' }, teamId });
    const line = await this.activity.record(manager, { conversationId: message.conversationId, teamId, type: ActivityType.AutoReplyCancelled, actorKind: 'automation', data: { hold, messageId: message.id, ...restoredStatus } });
    return [...events, ...(await this.eventLog.append(manager, [...restored, line]))];
  }

  /** Puts the conversation back as it was before the rule set its status along with the reply, if nobody changed it since. */
  private async undoRuleStatus(manager: EntityManager, message: MessageEntity, hold: AutoReplyHold) {
    const metadata = message.metadata ?? {};
    const set = metadata['statusSet'];
    const before = metadata['statusBefore'];
    if (!set || !before) return [];
    // After an agent's reply the customer is not waiting any more; otherwise they still are, since their message.
    const [updated]: [Array<{ team_id: string }>, number] = await manager.query(
      `UPDATE conversation SET status = $3::conversation_status,
              waiting_since = CASE WHEN $4::boolean THEN NULLIF($5, '')::timestamptz ELSE waiting_since END,
              resolved_at = CASE WHEN $2 = 'resolved' THEN NULL ELSE resolved_at END,
              unread_count = CASE WHEN $2 = 'resolved' THEN GREATEST(unread_count, $6::int) ELSE unread_count END,
              updated_at = now()
        WHERE id = $1 AND status = $2::conversation_status
        RETURNING team_id`,
      [message.conversationId, set, before, hold.kind !== 'replied', metadata['waitingSinceBefore'] ?? '', Number(metadata['unreadBefore'] ?? 0)],
    );
    if (updated.length === 0) return [];
    const conversationId = message.conversationId;
    return [{ type: 'conversation.updated' as const, teamId: updated[0].team_id, conversationId, payload: { conversationId, status: before as ConversationStatus, previousStatus: set as ConversationStatus, reason: 'auto_reply_cancelled' } }];
  }

  /** Returns how many times the provider has refused the message for now. */
  private async requeue(messageId: string): Promise<number> {
    // Straight back to queued (a step backwards the state machine does not allow elsewhere): the provider refused it.
    const [row]: [Array<{ send_attempts: number }>, number] = await this.dataSource.query(
      `UPDATE message SET status = 'queued', queued_at = now(), send_attempts = send_attempts + 1, updated_at = now() WHERE id = $1 AND status = 'sending' RETURNING send_attempts`,
      [messageId],
    );
    return row[0]?.send_attempts ?? MAX_PROVIDER_ATTEMPTS;
  }


  private async finish(
    messageId: string,
    outcome: Exclude<SendOutcome, { kind: 'retry' }>,
    channel?: { id: string; teamId: string; mapError: Parameters<MessageStatusWriter['applyWaitingReports']>[2] },
  ): Promise<SendResult> {
    const teamId = channel?.teamId;
    const events: DomainEvent[] = await this.dataSource.transaction(async (manager) => {
      if (outcome.kind === 'accepted' && channel) await this.statusWriter.lockProviderMessage(manager, channel.id, outcome.providerMessageId);
      const message = await manager.findOneOrFail(MessageEntity, { where: { id: messageId }, lock: { mode: 'pessimistic_write' } });
      if (outcome.kind === 'accepted') {
        const sent = await this.statusWriter.advance(manager, message, MessageStatus.Sent, { providerMessageId: outcome.providerMessageId, teamId });
        message.providerMessageId = outcome.providerMessageId;
        const reported = channel ? await this.statusWriter.applyWaitingReports(manager, message, channel.mapError, teamId) : [];
        return [...sent, ...reported];
      }
      if (outcome.kind === 'failed') {
        const { code, reason, category } = outcome.error;
        return this.statusWriter.advance(manager, message, MessageStatus.Failed, { error: { code, reason, category }, teamId });
      }
      return this.statusWriter.advance(manager, message, MessageStatus.Unknown, { error: { code: 'unknown', reason: outcome.reason, category: 'unknown' }, teamId });
    });
    this.eventLog.publish(events);
    return outcome.kind === 'accepted' ? 'sent' : outcome.kind;
  }
}
