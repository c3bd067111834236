import { type HttpRequestSpec } from '@backtalk/carriers';
import { type SimNumber } from '../numbers';
import { type InboundRecord, type ReportStatus, type SendRecord } from '../traffic';

/** One delivery report a provider posts. */
export interface ReportStep {
  status: ReportStatus;
  errorCode: string | null;
}

/** What differs between providers once a message is accepted: the webhooks they post, in their own format. */
export interface ProviderWebhooks {
  /** An id in the provider's format for a customer's text. */
  newInboundId(): string;
  /** The reports this provider posts for an outcome, in the order the events happen at the carrier. */
  reportSteps(outcome: 'delivered' | 'failed', errorCode: string | null): ReportStep[];
  /** A delivery report for `send`, signed or authenticated as the provider does it. */
  deliveryReport(send: SendRecord, step: ReportStep, number: SimNumber, at: Date): HttpRequestSpec;
  /** A customer's text arriving at the channel's webhook. */
  inboundMessage(message: InboundRecord, number: SimNumber): HttpRequestSpec;
  /** Keywords the provider itself acts on (Twilio blocks a number that texted STOP); null for every other text. */
  carrierKeyword(text: string): 'opt-out' | 'opt-in' | null;
}
