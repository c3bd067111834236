import { adapterFor, ErrorCategory, SendConfigurationError, type SendOutcome, senderFor } from '@backtalk/carriers';
import { type DomainEvent, MessageStatus } from '@backtalk/contracts';
import { ChannelsService } from '@backtalk/channels';
import { MessageEntity } from '@backtalk/conversations';
import { AppConfig, EventLog } from '@backtalk/platform';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MessageStatusWriter } from './message-status-writer';

export type SendResult = 'sent' | 'failed' | 'unknown' | 'skipped';

/** The provider asked us to try later (5xx, 429, queue full); the queue retries the job with backoff. */
export class RetryableSendError extends Error {
  override readonly name = 'RetryableSendError';

  constructor(
    reason: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(reason);
  }
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
    private readonly eventLog: EventLog,
    private readonly config: AppConfig,
  ) {}

  async send(messageId: string): Promise<SendResult> {
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
      await this.requeue(messageId);
      throw new RetryableSendError(outcome.reason, outcome.retryAfterSeconds);
    }
    return this.finish(
      messageId,
      outcome,
      (code) => {
        const mapped = adapterFor(channel.provider).mapError(code);
        return { code: mapped.code, reason: mapped.reason, category: mapped.category };
      },
      channel.teamId,
    );
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
      if (!message || message.status !== MessageStatus.Queued) return undefined;
      const [contact]: Array<{ phone: string }> = await manager.query(`SELECT ct.phone FROM conversation c JOIN contact ct ON ct.id = c.contact_id WHERE c.id = $1`, [message.conversationId]);
      const events = await this.statusWriter.advance(manager, message, MessageStatus.Sending);
      return { message, recipient: contact.phone, events };
    });
    if (!result) return undefined;
    this.eventLog.publish(result.events);
    return result;
  }

  private async requeue(messageId: string): Promise<void> {
    // Straight back to queued (a step backwards the state machine does not allow elsewhere): the provider refused it.
    await this.dataSource.query(`UPDATE message SET status = 'queued', queued_at = now(), updated_at = now() WHERE id = $1 AND status = 'sending'`, [messageId]);
  }

  private async finish(
    messageId: string,
    outcome: Exclude<SendOutcome, { kind: 'retry' }>,
    mapError?: Parameters<MessageStatusWriter['applyWaitingReports']>[2],
    teamId?: string,
  ): Promise<SendResult> {
    const events: DomainEvent[] = await this.dataSource.transaction(async (manager) => {
      const message = await manager.findOneOrFail(MessageEntity, { where: { id: messageId }, lock: { mode: 'pessimistic_write' } });
      if (outcome.kind === 'accepted') {
        const sent = await this.statusWriter.advance(manager, message, MessageStatus.Sent, { providerMessageId: outcome.providerMessageId, teamId });
        message.providerMessageId = outcome.providerMessageId;
        const reported = mapError ? await this.statusWriter.applyWaitingReports(manager, message, mapError, teamId) : [];
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
