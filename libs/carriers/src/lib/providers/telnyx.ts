import { Provider } from '@backtalk/contracts';
import { createPublicKey, verify as verifySignature } from 'node:crypto';
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
import { type ErrorTable, PLAIN_OK, lookupError, unknownError } from '../internal/errors';
import {
  type JsonObject,
  isJsonObject,
  optionalArray,
  optionalInteger,
  optionalObject,
  optionalString,
  parseJsonBody,
  requireString,
} from '../internal/json';
import { parseTimestamp, staleTimestampReason } from '../internal/time';

const PROVIDER = 'Telnyx';

/** DER prefix that turns 32 raw Ed25519 key bytes into an SPKI structure Node can load. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Ed25519 check of `message` against a base64 raw public key; false for any malformed input. */
export function verifyEd25519(publicKeyBase64: string, message: Buffer, signature: Buffer): boolean {
  const raw = Buffer.from(publicKeyBase64, 'base64');
  if (raw.length !== 32 || signature.length !== 64) return false;
  try {
    const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
    return verifySignature(null, message, key, signature);
  } catch {
    return false;
  }
}

/**
 * `telnyx-signature-ed25519` signs `timestamp|rawBody` with the account key; the timestamp must be within 300 s
 * (team-telnyx/telnyx-node src/lib/webhooks.ts).
 */
function verifyTelnyx(request: WebhookRequest, secrets: ChannelSecrets, now: Date): Verification {
  const signature = request.headers['telnyx-signature-ed25519'];
  const timestamp = request.headers['telnyx-timestamp'];
  if (!signature) return { ok: false, reason: 'missing telnyx-signature-ed25519 header' };
  if (!timestamp) return { ok: false, reason: 'missing telnyx-timestamp header' };
  if (!secrets.publicKey) return { ok: false, reason: 'no Telnyx public key configured for this channel' };

  const signed = Buffer.concat([Buffer.from(`${timestamp}|`, 'utf8'), request.rawBody]);
  if (!verifyEd25519(secrets.publicKey, signed, Buffer.from(signature, 'base64'))) {
    return { ok: false, reason: 'telnyx-signature-ed25519 does not match' };
  }
  const stale = staleTimestampReason(timestamp, now);
  return stale === null ? { ok: true } : { ok: false, reason: stale };
}

/** `to[].status` (team-telnyx/openapi, OutboundMessagePayload). */
const STATUS: Readonly<Record<string, DeliveryStatus>> = {
  queued: DeliveryStatus.Sending,
  sending: DeliveryStatus.Sending,
  sent: DeliveryStatus.Sent,
  delivered: DeliveryStatus.Delivered,
  // The carrier sent no receipt: the message may well have arrived.
  delivery_unconfirmed: DeliveryStatus.Sent,
  delivery_failed: DeliveryStatus.Undelivered,
  sending_failed: DeliveryStatus.Failed,
};

const DELIVERY_EVENTS = new Set(['message.sent', 'message.finalized']);

function parseTelnyx(request: WebhookRequest): WebhookEvents {
  const body = parseJsonBody(request, PROVIDER);
  const data = isJsonObject(body) ? optionalObject(body, 'data') : undefined;
  if (!data) throw new WebhookParseError('Telnyx webhook has no "data" object');
  const eventType = requireString(data, 'event_type', 'Telnyx webhook data');
  const payload = optionalObject(data, 'payload');
  if (!payload) throw new WebhookParseError(`Telnyx ${eventType} event has no "payload" object`);

  if (eventType === 'message.received') return { inbound: [inboundSms(payload, data)], deliveryReports: [] };
  if (DELIVERY_EVENTS.has(eventType)) return { inbound: [], deliveryReports: deliveryReports(payload, data) };
  // Profile-level webhooks also carry other events (link clicks, number orders…) that are not ours to handle.
  return { inbound: [], deliveryReports: [] };
}

function inboundSms(payload: JsonObject, data: JsonObject): InboundSms {
  const context = 'Telnyx message.received payload';
  const from = optionalObject(payload, 'from');
  const to = optionalArray(payload, 'to').find(isJsonObject);
  if (!from) throw new WebhookParseError(`${context} is missing "from"`);
  if (!to) throw new WebhookParseError(`${context} is missing "to"`);

  return {
    providerMessageId: requireString(payload, 'id', context),
    from: requireString(from, 'phone_number', `${context} from`),
    to: requireString(to, 'phone_number', `${context} to[0]`),
    text: optionalString(payload, 'text') ?? '',
    media: optionalArray(payload, 'media')
      .filter(isJsonObject)
      .flatMap((item) => {
        const url = optionalString(item, 'url');
        return url ? [{ url, contentType: optionalString(item, 'content_type') ?? null }] : [];
      }),
    segments: optionalInteger(payload, 'parts'),
    providerTimestamp: parseTimestamp(optionalString(payload, 'received_at') ?? optionalString(data, 'occurred_at')),
  };
}

function deliveryReports(payload: JsonObject, data: JsonObject): DeliveryReport[] {
  const context = 'Telnyx delivery payload';
  const providerMessageId = requireString(payload, 'id', context);
  const error = firstError(payload);
  const occurredAt = parseTimestamp(
    optionalString(payload, 'completed_at') ?? optionalString(payload, 'sent_at') ?? optionalString(data, 'occurred_at'),
  );
  const recipients = optionalArray(payload, 'to').filter(isJsonObject);
  if (recipients.length === 0) throw new WebhookParseError(`${context} is missing "to"`);

  return recipients.flatMap((recipient) => {
    const providerStatus = optionalString(recipient, 'status');
    const status = providerStatus === undefined ? undefined : STATUS[providerStatus];
    if (providerStatus === undefined || status === undefined) return [];
    const failed = status === DeliveryStatus.Undelivered || status === DeliveryStatus.Failed;
    return [{ providerMessageId, status, providerStatus, error: failed ? error : null, occurredAt }];
  });
}

function firstError(payload: JsonObject): ProviderError | null {
  const error = optionalArray(payload, 'errors').find(isJsonObject);
  if (!error) return null;
  const code = optionalString(error, 'code');
  if (!code) return unknownError('unknown', PROVIDER, optionalString(error, 'detail') ?? optionalString(error, 'title'));
  return ERRORS[code] ? mapTelnyxError(code) : unknownError(code, PROVIDER, optionalString(error, 'detail') ?? optionalString(error, 'title'));
}

/** developers.telnyx.com/docs/messaging/messages/error-codes and development/api-fundamentals/api-errors. */
const ERRORS: ErrorTable = {
  '10002': ['The phone number is not valid.', ErrorCategory.InvalidNumber, true],
  '10009': ['Telnyx rejected the API credentials.', ErrorCategory.Authentication, true],
  '10011': ['Telnyx is rate limiting this account; the message can be retried later.', ErrorCategory.RateLimited, false],
  '10016': ['The phone number is not in +E.164 format.', ErrorCategory.InvalidNumber, true],
  '40001': ['The number is a landline or cannot receive SMS.', ErrorCategory.Landline, true],
  '40002': ['The carrier\'s spam filter blocked the message for now; slow down or reword it.', ErrorCategory.CarrierFiltered, false],
  '40003': ['The carrier permanently blocks this sending number as spam.', ErrorCategory.CarrierFiltered, true],
  '40004': ['The recipient\'s carrier rejected the message without a reason; retry later.', ErrorCategory.Rejected, false],
  '40005': ['The message expired before it could be delivered.', ErrorCategory.Expired, false],
  '40006': ['The recipient\'s carrier is unavailable; retry later.', ErrorCategory.Unreachable, false],
  '40008': ['The carrier did not accept the message; check that the number is valid.', ErrorCategory.Unreachable, true],
  '40009': ['The carrier rejected the message body (invalid characters or encoding).', ErrorCategory.Rejected, true],
  '40011': ['Too many messages were sent too quickly; the message can be retried later.', ErrorCategory.RateLimited, false],
  '40300': ['The customer replied STOP and has opted out of this messaging profile; they must text START to receive messages again.', ErrorCategory.OptedOut, true],
  '40318': ['The Telnyx sending queue is full; the message can be retried later.', ErrorCategory.RateLimited, false],
};

function mapTelnyxError(code: string): ProviderError {
  return lookupError(ERRORS, code, PROVIDER);
}

export const telnyxAdapter: CarrierAdapter = {
  kind: Provider.Telnyx,
  verify: verifyTelnyx,
  parse: parseTelnyx,
  mapError: mapTelnyxError,
  // Telnyx waits 2 s for this before retrying.
  contentTypes: ['application/json'],
  acknowledgement: () => PLAIN_OK,
};
