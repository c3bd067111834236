import type { Provider } from '@backtalk/contracts';

export interface WebhookRequest {
  method: 'GET' | 'POST';
  /**
   * The public URL the provider called: PUBLIC_BASE_URL + path + original query string, byte for byte. Twilio and
   * Plivo sign it, so it must be rebuilt from configuration, never from a proxied Host header.
   */
  url: string;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The exact bytes received; empty for GET. */
  rawBody: Buffer;
  receivedAt: Date;
}

/** Vonage SMS API "signature method" as chosen in the Vonage dashboard. */
export type VonageSignatureMethod = 'md5hash' | 'md5' | 'sha1' | 'sha256' | 'sha512';

/** Already decrypted by the caller; each provider reads only what it needs. */
export interface ChannelSecrets {
  /** Twilio and Plivo auth token. */
  authToken?: string;
  /** Vonage signature secret, Sinch webhook secret, generic webhook secret. */
  signatureSecret?: string;
  /** Vonage only; defaults to 'md5hash', the dashboard's default. */
  signatureMethod?: VonageSignatureMethod;
  /** Telnyx public key, base64 of the 32 raw Ed25519 bytes as shown in the Telnyx portal. */
  publicKey?: string;
  /** Infobip, Bandwidth (and Sinch when it is set up with Basic auth): checked against the Authorization header. */
  basicAuth?: { username: string; password: string };
}

/** `reason` is short and safe to log: it never contains a secret or a computed signature. */
export type Verification = { ok: true } | { ok: false; reason: string };

export interface InboundSms {
  providerMessageId: string;
  from: string;
  to: string;
  text: string;
  media: Array<{ url: string; contentType: string | null }>;
  segments: number | null;
  providerTimestamp: Date | null;
  /** Vonage SMS API only: one webhook per part, to be joined by (from, reference) in `part` order. */
  concat?: { reference: string; part: number; total: number };
  /** The provider's own STOP/START/HELP classification (Plivo MessageIntent, Twilio OptOutType). */
  optOutHint?: 'optout' | 'optin' | 'help';
}

export enum DeliveryStatus {
  Sending = 'sending',
  Sent = 'sent',
  Delivered = 'delivered',
  Undelivered = 'undelivered',
  Failed = 'failed',
}

export interface DeliveryReport {
  providerMessageId: string;
  status: DeliveryStatus;
  /** The provider's own status word, kept for logs and support. */
  providerStatus: string;
  error: ProviderError | null;
  occurredAt: Date | null;
  /**
   * Set when `providerMessageId` names a batch sent to several numbers (Sinch batch ids): the report is about
   * this recipient only.
   */
  recipient?: string;
}

export enum ErrorCategory {
  OptedOut = 'opted_out',
  Unreachable = 'unreachable',
  InvalidNumber = 'invalid_number',
  Landline = 'landline',
  CarrierFiltered = 'carrier_filtered',
  Blocked = 'blocked',
  Expired = 'expired',
  Rejected = 'rejected',
  Authentication = 'authentication',
  RateLimited = 'rate_limited',
  ProviderError = 'provider_error',
  Unknown = 'unknown',
}

export interface ProviderError {
  code: string;
  /** A sentence an agent can act on. */
  reason: string;
  category: ErrorCategory;
  /** Sending the same message to the same number again would fail the same way. */
  permanent: boolean;
}

export interface WebhookEvents {
  inbound: InboundSms[];
  deliveryReports: DeliveryReport[];
}

/** The body is malformed or lacks a required field: answer 400 with `message`. */
export class WebhookParseError extends Error {
  override readonly name = 'WebhookParseError';
}

export interface CarrierAdapter {
  readonly kind: Provider;
  /** Never throws: every failure, including a missing secret, is `{ ok: false, reason }`. */
  verify(request: WebhookRequest, secrets: ChannelSecrets, now: Date): Verification;
  /**
   * One URL per channel receives both inbound messages and delivery reports; the body tells which. Events the
   * adapter does not handle (other Telnyx event types, Sinch MMS reports, statuses a provider adds later…) are
   * skipped, not errors.
   * @throws WebhookParseError
   */
  parse(request: WebhookRequest): WebhookEvents;
  /** Provider error code to a plain-language reason and category; unknown codes give category `unknown`. */
  mapError(code: string): ProviderError;
  /**
   * The media types (lower case, no parameters) of the bodies this provider POSTs. A body declared as anything else
   * is refused even when it is validly signed: parsing JSON as a form, or a form as JSON, would store garbage.
   */
  readonly contentTypes: readonly string[];
  /** What to answer once the events are safely queued. */
  acknowledgement(): { status: number; contentType: string; body: string };
}
