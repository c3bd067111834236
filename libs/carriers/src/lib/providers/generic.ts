import { Provider } from '@backtalk/contracts';
import {
  type CarrierAdapter,
  type ChannelSecrets,
  type DeliveryReport,
  DeliveryStatus,
  ErrorCategory,
  type InboundSms,
  type ProviderError,
  type Verification,
  type WebhookEvents,
  type WebhookRequest,
  WebhookParseError,
} from '../carrier-adapter';
import { constantTimeEqual, hmac } from '../internal/crypto';
import { type JsonObject, isJsonObject, optionalArray, optionalString, parseJsonBody, requireString } from '../internal/json';
import { parseTimestamp, staleTimestampReason } from '../internal/time';

// Backtalk's own webhook format for aggregators without a dedicated adapter; specified in libs/carriers/README.md.

const PROVIDER = 'Generic';
export const GENERIC_SIGNATURE_HEADER = 'x-backtalk-signature';

/** The `X-Backtalk-Signature` value an aggregator must send: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export function signGenericWebhook(secret: string, rawBody: string | Buffer, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${genericMac(secret, String(unixSeconds), Buffer.from(rawBody))}`;
}

function genericMac(secret: string, timestamp: string, rawBody: Buffer): string {
  return hmac('sha256', secret, Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), rawBody]), 'hex');
}

function verifyGeneric(request: WebhookRequest, secrets: ChannelSecrets, now: Date): Verification {
  const header = request.headers[GENERIC_SIGNATURE_HEADER];
  if (!header) return { ok: false, reason: 'missing X-Backtalk-Signature header' };
  if (!secrets.signatureSecret) return { ok: false, reason: 'no webhook secret configured for this channel' };

  const fields = header.split(',').map((field) => field.trim().split('=', 2));
  const timestamp = fields.find(([name]) => name === 't')?.[1];
  // Several v1 values let a sender sign with the old and the new secret while they are rotated.
  const signatures = fields.filter(([name, value]) => name === 'v1' && value).map(([, value]) => value.toLowerCase());
  if (timestamp === undefined || signatures.length === 0) return { ok: false, reason: 'X-Backtalk-Signature needs t= and v1= fields' };

  const expected = genericMac(secrets.signatureSecret, timestamp, request.rawBody);
  if (!signatures.some((signature) => constantTimeEqual(signature, expected))) {
    return { ok: false, reason: 'X-Backtalk-Signature does not match' };
  }
  const stale = staleTimestampReason(timestamp, now);
  return stale === null ? { ok: true } : { ok: false, reason: stale };
}

const STATUS: Readonly<Record<string, DeliveryStatus>> = {
  sent: DeliveryStatus.Sent,
  delivered: DeliveryStatus.Delivered,
  undelivered: DeliveryStatus.Undelivered,
  failed: DeliveryStatus.Failed,
};

/** Our own format is strict: a sender integrating against it should hear about every mistake. */
function parseGeneric(request: WebhookRequest): WebhookEvents {
  const body = parseJsonBody(request, PROVIDER);
  const items = Array.isArray(body) ? body : [body];
  const events: WebhookEvents = { inbound: [], deliveryReports: [] };

  items.forEach((item, index) => {
    const context = Array.isArray(body) ? `event ${index}` : 'event';
    if (!isJsonObject(item)) throw new WebhookParseError(`${context} is not a JSON object`);
    const type = requireString(item, 'type', context);
    if (type === 'message') events.inbound.push(inboundSms(item, context));
    else if (type === 'status') events.deliveryReports.push(deliveryReport(item, context));
    else throw new WebhookParseError(`${context} has type "${type}"; expected "message" or "status"`);
  });
  return events;
}

function timestampOf(event: JsonObject, context: string): Date | null {
  const raw = optionalString(event, 'timestamp');
  if (raw === undefined) return null;
  const parsed = parseTimestamp(raw);
  if (parsed === null) throw new WebhookParseError(`${context} has a timestamp that is not ISO 8601`);
  return parsed;
}

function inboundSms(event: JsonObject, context: string): InboundSms {
  const text = event['text'];
  if (typeof text !== 'string') throw new WebhookParseError(`${context} is missing "text"`);
  const media = optionalArray(event, 'media').map((item, index) => {
    if (!isJsonObject(item)) throw new WebhookParseError(`${context} media[${index}] is not an object`);
    return { url: requireString(item, 'url', `${context} media[${index}]`), contentType: optionalString(item, 'contentType') ?? null };
  });
  return {
    providerMessageId: requireString(event, 'id', context),
    from: requireString(event, 'from', context),
    to: requireString(event, 'to', context),
    text,
    media,
    segments: null,
    providerTimestamp: timestampOf(event, context),
  };
}

function deliveryReport(event: JsonObject, context: string): DeliveryReport {
  const providerStatus = requireString(event, 'status', context);
  const status = STATUS[providerStatus];
  if (status === undefined) {
    throw new WebhookParseError(`${context} has status "${providerStatus}"; expected sent, delivered, undelivered or failed`);
  }
  const errorCode = optionalString(event, 'errorCode');
  const errorDescription = optionalString(event, 'errorDescription');
  const failed = status === DeliveryStatus.Undelivered || status === DeliveryStatus.Failed;
  return {
    providerMessageId: requireString(event, 'id', context),
    status,
    providerStatus,
    error: failed ? aggregatorError(errorCode ?? providerStatus, errorDescription ?? `The aggregator reported the message as ${providerStatus}.`) : null,
    occurredAt: timestampOf(event, context),
  };
}

/** Aggregator codes mean nothing to us; the description in the status event is the useful part. */
function aggregatorError(code: string, reason: string): ProviderError {
  return { code, reason, category: ErrorCategory.Unknown, permanent: false };
}

function mapGenericError(code: string): ProviderError {
  return aggregatorError(code, `The aggregator reported error ${code}.`);
}

export const genericAdapter: CarrierAdapter = {
  kind: Provider.Generic,
  verify: verifyGeneric,
  parse: parseGeneric,
  mapError: mapGenericError,
  contentTypes: ['application/json'],
  acknowledgement: () => ({ status: 200, contentType: 'application/json', body: '{"received":true}' }),
};
