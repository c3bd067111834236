import { analyseSms } from '@backtalk/sms';
import { type Logger } from 'pino';
import { type Behaviour, type BehaviourBook, drawSendFailure, type SendFailure } from './behaviour';
import { type DeliveryReportDispatcher, planDeliveryReports } from './delivery-reports';
import { type NumberRegistry, type SimNumber, type SimulatedProvider } from './numbers';
import { type ProviderWebhooks } from './providers/provider-webhooks';
import { type Random, seededRandom } from './random';
import { type InboundRecord, phoneKey, type SendRecord, type TrafficLog } from './traffic';
import { type PostWebhook } from './webhook-client';

/** A send the provider API has authenticated and validated. */
export interface AcceptedSend {
  number: SimNumber;
  /** The provider's id for the message. */
  id: string;
  from: string;
  to: string;
  text: string;
  clientReference: string | null;
  batchId: string | null;
  callbackData: string | null;
  statusCallbackUrl: string | null;
  attempt: number;
  answered: boolean;
}

/**
 * The simulated carrier behind every provider API: it decides which requests fail, records what it accepted,
 * schedules the delivery reports, and carries customers' texts to Backtalk.
 */
export class Carrier {
  private random: Random;
  /** `numberId|phone` pairs the provider blocks because the customer texted an opt-out keyword. */
  private readonly optedOut = new Set<string>();

  constructor(
    readonly numbers: NumberRegistry,
    readonly behaviours: BehaviourBook,
    readonly traffic: TrafficLog,
    private readonly deps: {
      webhooks: Readonly<Record<SimulatedProvider, ProviderWebhooks>>;
      dispatcher: DeliveryReportDispatcher;
      postWebhook: PostWebhook;
      logger: Logger;
      seed: number;
    },
  ) {
    this.random = seededRandom(deps.seed);
  }

  get logger(): Logger {
    return this.deps.logger;
  }

  reseed(seed: number): void {
    this.random = seededRandom(seed);
    this.deps.logger.info({ seed }, 'random sequence restarted');
  }

  behaviourFor(number: SimNumber, to: string): Behaviour {
    return this.behaviours.effectiveFor(number.id, phoneKey(to));
  }

  /** Numbers every request for the same message, so retries and duplicates show up in the send log. */
  countAttempt(number: SimNumber, messageKey: string): number {
    return this.traffic.countAttempt(`${number.id}|${messageKey}`);
  }

  hasOptedOut(number: SimNumber, to: string): boolean {
    return this.optedOut.has(`${number.id}|${phoneKey(to)}`);
  }

  drawSendFailure(number: SimNumber, to: string): SendFailure {
    const failure = drawSendFailure(this.behaviourFor(number, to), this.random);
    if (failure !== 'none') this.deps.logger.info({ number: number.id, to: phoneKey(to), failure }, 'send request fails as configured');
    return failure;
  }

  accept(send: AcceptedSend): SendRecord {
    const record: SendRecord = {
      id: send.id,
      provider: send.number.provider,
      numberId: send.number.id,
      channel: send.number.name ?? send.number.sender,
      from: send.from,
      to: send.to,
      phone: phoneKey(send.to),
      text: send.text,
      segments: Math.max(1, analyseSms(send.text).segments),
      receivedAt: new Date().toISOString(),
      attempt: send.attempt,
      clientReference: send.clientReference,
      batchId: send.batchId,
      callbackData: send.callbackData,
      statusCallbackUrl: send.statusCallbackUrl,
      answered: send.answered,
      status: 'queued',
      errorCode: null,
      reports: [],
    };
    this.traffic.recordSend(record);
    const behaviour = this.behaviourFor(send.number, send.to);
    this.deps.dispatcher.schedule(record, planDeliveryReports(this.deps.webhooks[record.provider], behaviour));
    this.deps.logger.info(
      { sid: record.id, provider: record.provider, from: record.from, to: record.phone, segments: record.segments, attempt: record.attempt, answered: record.answered },
      'message accepted',
    );
    return record;
  }

  /** A simulated customer texts a channel: the provider's inbound webhook goes to Backtalk, signed. */
  async textFromPhone(phone: string, number: SimNumber, text: string): Promise<InboundRecord> {
    const webhooks = this.deps.webhooks[number.provider];
    const record: InboundRecord = {
      id: webhooks.newInboundId(),
      provider: number.provider,
      numberId: number.id,
      channel: number.name ?? number.sender,
      phone: phoneKey(phone),
      to: number.sender,
      text,
      segments: Math.max(1, analyseSms(text).segments),
      sentAt: new Date().toISOString(),
      webhookUrl: number.inboundWebhookUrl,
      backtalkStatus: null,
      error: null,
    };
    this.traffic.recordInbound(record);
    const keyword = webhooks.carrierKeyword(text);
    if (keyword === 'opt-out') this.optedOut.add(`${number.id}|${record.phone}`);
    if (keyword === 'opt-in') this.optedOut.delete(`${number.id}|${record.phone}`);
    const result = await this.deps.postWebhook(webhooks.inboundMessage(record, number));
    record.backtalkStatus = result.status;
    record.error = result.error ?? (result.status !== null && result.status >= 300 ? `Backtalk answered ${result.status}: ${result.body.slice(0, 300)}` : null);
    this.traffic.inboundAnswered(record);
    const log = { id: record.id, provider: record.provider, from: record.phone, to: record.to, httpStatus: result.status, error: record.error ?? undefined };
    if (record.error) this.deps.logger.warn(log, 'inbound message not acknowledged');
    else this.deps.logger.info(log, 'inbound message delivered to Backtalk');
    return record;
  }
}
