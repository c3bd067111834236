import { acceptsContentType, adapterFor, checkWebhookEvents, type ChannelSecrets, type InboundSms, type WebhookRequest, WebhookParseError } from '@backtalk/carriers';
import { type ChannelSecretsInput, ErrorCode, isHttpUrl } from '@backtalk/contracts';
import { type ChannelEntity, ChannelsService } from '@backtalk/channels';
import { OutboundQueue } from '@backtalk/outbound';
import { DomainError, EventLog, REDIS } from '@backtalk/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConcatAssemblerService } from './concat-assembler.service';
import { DeliveryReportsService } from './delivery-reports.service';
import { ConversationChangedConcurrently, DuplicateInboundMessage, type InboundChannel, InboundMessageService } from './inbound-message.service';

export interface WebhookAcknowledgement {
  status: number;
  contentType: string;
  body: string;
}

export function toChannelSecrets(secrets: ChannelSecretsInput): ChannelSecrets {
  return {
    authToken: secrets.authToken,
    signatureSecret: secrets.signatureSecret,
    signatureMethod: secrets.signatureMethod,
    publicKey: secrets.publicKey,
    basicAuth: secrets.basicAuthUsername && secrets.basicAuthPassword ? { username: secrets.basicAuthUsername, password: secrets.basicAuthPassword } : undefined,
  };
}

export function toInboundChannel(channel: ChannelEntity): InboundChannel {
  return {
    id: channel.id,
    teamId: channel.teamId,
    country: channel.country,
    reopenWindowMinutes: channel.reopenWindowMinutes,
    keywords: channel.keywords,
    confirmations: channel.confirmations,
    helpText: channel.helpText,
  };
}

/**
 * One webhook, start to finish: find the channel, check the provider's signature, parse, and commit every message and
 * report before answering. Only a committed message is acknowledged; anything that fails on the way surfaces as an
 * error status (5xx for outages) so that the carrier delivers it again.
 */
@Injectable()
export class WebhookIngestionService {
  private readonly logger = new Logger(WebhookIngestionService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly channels: ChannelsService,
    private readonly inbound: InboundMessageService,
    private readonly concat: ConcatAssemblerService,
    private readonly reports: DeliveryReportsService,
    private readonly eventLog: EventLog,
    private readonly outboundQueue: OutboundQueue,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** `requestId` is only for the log, to tie its lines to the request's access log line. */
  async ingest(provider: string, channelId: string, request: WebhookRequest, requestId?: string): Promise<WebhookAcknowledgement> {
    const found = await this.channels.loadWithSecrets(channelId);
    if (!found || found.channel.provider !== provider) {
      throw new DomainError(ErrorCode.NotFound, `No ${provider} channel ${channelId}: check the webhook URL in the provider's console`);
    }
    const { channel, secrets } = found;
    const adapter = adapterFor(channel.provider);
    const verification = adapter.verify(request, toChannelSecrets(secrets), request.receivedAt);
    if (!verification.ok) {
      this.logger.warn({ reqId: requestId, channelId, provider, reason: verification.reason }, 'webhook rejected: authenticity check failed');
      throw new DomainError(ErrorCode.Unauthenticated, `Webhook authenticity check failed: ${verification.reason}`);
    }

    // After the signature check, so that an unsigned request learns nothing but 401.
    if (!acceptsContentType(adapter, request)) {
      const declared = request.headers['content-type'] ?? 'no content type';
      throw new DomainError(ErrorCode.UnsupportedMediaType, `${provider} webhooks are sent as ${adapter.contentTypes.join(' or ')}, not ${declared.slice(0, 100)}`);
    }

    let events;
    try {
      events = checkWebhookEvents(adapter.parse(request), provider);
    } catch (error) {
      if (error instanceof WebhookParseError) throw new DomainError(ErrorCode.ValidationFailed, `Malformed ${provider} webhook: ${error.message}`);
      throw error;
    }
    for (const sms of events.inbound) if (sms.media.length > 0) sms.media = this.linkableMedia(sms, channelId, provider, requestId);

    // Without Redis a stored message would reach no console and start no routing, keyword reply or auto-reply until
    // sweeps catch up: refuse before writing anything, and the carrier delivers it again. (Twilio does not retry a
    // 5xx on its own: give its numbers a fallback URL, or connection-override retries such as `#rc=3`.)
    if (this.redis.status !== 'ready') throw new DomainError(ErrorCode.DependencyUnavailable, 'Redis is unavailable; retry later');

    const inboundChannel = toInboundChannel(channel);
    for (const sms of events.inbound) {
      if (sms.concat && sms.concat.total > 1) {
        await this.concat.receivePart(inboundChannel, { ...sms, concat: sms.concat }, request.receivedAt);
        continue;
      }
      await this.storeOne(inboundChannel, sms, request.receivedAt);
    }
    for (const report of events.deliveryReports) await this.reports.apply(channel, report);
    return adapter.acknowledgement();
  }

  /**
   * The console shows stored media as links an agent clicks, so only http(s) ones are kept (what carriers host MMS
   * on); a javascript:, data: or file: link is dropped rather than the message refused, which the carrier would only
   * retry. The line says how many, not the link itself, which may be long or hostile.
   */
  private linkableMedia(sms: InboundSms, channelId: string, provider: string, requestId: string | undefined): InboundSms['media'] {
    const kept = sms.media.filter((item) => isHttpUrl(item.url));
    if (kept.length < sms.media.length) {
      this.logger.warn({ reqId: requestId, channelId, provider, providerMessageId: sms.providerMessageId, dropped: sms.media.length - kept.length }, 'webhook media dropped: not an http(s) link');
    }
    return kept;
  }

  /** Stores one message; a retry of a message already stored changes nothing. */
  private async storeOne(channel: InboundChannel, sms: Parameters<InboundMessageService['store']>[2], receivedAt: Date): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const stored =
          (attempt === 1 ? await this.inbound.storeFast(this.dataSource, channel, sms, receivedAt) : null) ??
          (await this.dataSource.transaction((manager) => this.inbound.store(manager, channel, sms, { receivedAt })));
        this.eventLog.publish(stored.events);
        await this.outboundQueue.enqueue(stored.queuedMessageIds);
        return;
      } catch (error) {
        if (error instanceof DuplicateInboundMessage) return;
        // An agent resolved the conversation at that very moment: thread the message again, now against the new state.
        if (error instanceof ConversationChangedConcurrently && attempt < 3) continue;
        throw error;
      }
    }
  }
}
