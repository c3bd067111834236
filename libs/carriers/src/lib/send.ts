import { type ProviderError } from './carrier-adapter';

/**
 * A channel's decrypted secrets, named as in `@backtalk/contracts` ChannelSecretsInput; each sender reads only what
 * its provider needs (see the README's "Sending" table).
 */
export interface SendCredentials {
  /** Twilio Account SID, Plivo Auth ID, Bandwidth account ID. */
  accountSid?: string;
  /** Twilio and Plivo auth token. */
  authToken?: string;
  /** Infobip API key, Vonage API key, Telnyx API key, Sinch API token, Bandwidth API username. */
  apiKey?: string;
  /** Vonage API secret, Bandwidth API password. */
  apiSecret?: string;
  /**
   * Infobip's personal base URL and the generic format's endpoint (both required); for the other providers it
   * replaces the default API origin (a Sinch region such as `https://eu.sms.api.sinch.com`, or a simulator).
   */
  baseUrl?: string;
  /** Sinch service plan ID. */
  servicePlanId?: string;
  /** Bandwidth messaging application ID. */
  applicationId?: string;
  /** Generic format: the channel's webhook secret, which signs outbound requests too. */
  signatureSecret?: string;
}

export interface OutboundSms {
  /** Our message id: used as the provider's client reference / idempotency key where one exists. */
  messageId: string;
  /** The channel's sender: E.164, short code, alphanumeric sender ID, or a Twilio Messaging Service SID (MG…). */
  from: string;
  /** E.164. */
  to: string;
  text: string;
  /** The channel's webhook URL, which receives delivery reports as well as inbound messages. */
  statusCallbackUrl: string;
}

/** Everything `fetch` needs. Header names are lower case. */
export interface HttpRequestSpec {
  method: 'POST' | 'GET';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * What an HTTP answer to a send means. Network errors and timeouts never reach `interpretResponse`: the caller must
 * treat them like `unknown`.
 *
 * - `accepted`: the provider took the message; delivery reports will name `providerMessageId`.
 * - `retry`: the provider did not take the message (throttled, queue full, unavailable): sending again is safe.
 * - `failed`: the provider refused the message; sending it again unchanged would fail again or needs a person.
 * - `unknown`: the provider may have taken the message but the answer does not prove it (a 2xx without a readable
 *   id, a gateway timeout). Resending could deliver it twice: reconcile with `buildLookupRequest` where the sender
 *   has one, otherwise let a person decide.
 */
export type SendOutcome =
  | { kind: 'accepted'; providerMessageId: string; segments?: number }
  | { kind: 'retry'; reason: string; retryAfterSeconds?: number }
  | { kind: 'failed'; error: ProviderError }
  | { kind: 'unknown'; reason: string };

/** Whether a message with our id reached the provider, as far as the provider's records say. */
export type LookupOutcome = { found: true; providerMessageId: string } | { found: false } | { unknown: true; reason: string };

export interface CarrierSender {
  /**
   * The exact request for the provider's send API. `now` only matters to the generic format, which signs each
   * attempt with the current time.
   * @throws SendConfigurationError when a credential the provider needs is missing
   */
  buildSendRequest(sms: OutboundSms, credentials: SendCredentials, now?: Date): HttpRequestSpec;
  /** Header names may be in any case. */
  interpretResponse(status: number, headers: Readonly<Record<string, string | undefined>>, body: string): SendOutcome;
  /** How a duplicate send is avoided for this provider, in one sentence, for our docs. */
  readonly duplicateProtection: string;
  /**
   * Where the provider keeps searchable records: a request asking whether a message with our id was accepted, to
   * reconcile a send whose outcome is `unknown` (or that was interrupted) before deciding to resend.
   * @throws SendConfigurationError when a credential the provider needs is missing
   */
  buildLookupRequest?(messageId: string, credentials: SendCredentials): HttpRequestSpec;
  interpretLookup?(status: number, body: string): LookupOutcome;
}

/** A credential the provider needs is not set on the channel: no request can be built until someone adds it. */
export class SendConfigurationError extends Error {
  override readonly name = 'SendConfigurationError';
}
