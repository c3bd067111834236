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
import { verifyBasicAuth } from '../internal/basic-auth';
import { constantTimeEqual, hmac } from '../internal/crypto';
import { type ErrorTable, PLAIN_OK, lookupError } from '../internal/errors';
import { type JsonObject, isJsonObject, optionalArray, optionalObject, optionalString, parseJsonBody, requireString } from '../internal/json';
import { parseTimestamp } from '../internal/time';

const PROVIDER = 'Sinch';

/**
 * `x-sinch-webhook-signature` = base64(HMAC-SHA256(secret, rawBody + "." + nonce + "." + timestamp))
 * (sinch-sdk-node packages/sdk-client/src/utils/authorization.helper.ts). The timestamp is not checked for
 * freshness: Sinch retries for almost 23 hours and does not document whether a retry is signed anew, and a
 * replayed event is harmless because ingestion is idempotent on the message or batch id.
 * Accounts that Sinch set up with Basic auth instead are checked against `basicAuth`.
 */
function verifySinch(request: WebhookRequest, secrets: ChannelSecrets): Verification {
  if (!secrets.signatureSecret && secrets.basicAuth) return verifyBasicAuth(request, secrets, PROVIDER);

  const signature = request.headers['x-sinch-webhook-signature'];
  const nonce = request.headers['x-sinch-webhook-signature-nonce'];
  const timestamp = request.headers['x-sinch-webhook-signature-timestamp'];
  const algorithm = request.headers['x-sinch-webhook-signature-algorithm'];
  if (!signature) return { ok: false, reason: 'missing x-sinch-webhook-signature header' };
  if (!nonce || !timestamp) return { ok: false, reason: 'missing x-sinch-webhook-signature nonce or timestamp header' };
  if (algorithm !== undefined && algorithm !== 'HmacSHA256') return { ok: false, reason: `unsupported signature algorithm ${algorithm}` };
  if (!secrets.signatureSecret) return { ok: false, reason: 'no Sinch webhook secret configured for this channel' };

  const signed = Buffer.concat([request.rawBody, Buffer.from(`.${nonce}.${timestamp}`, 'utf8')]);
  return constantTimeEqual(signature, hmac('sha256', secrets.signatureSecret, signed, 'base64'))
    ? { ok: true }
    : { ok: false, reason: 'x-sinch-webhook-signature does not match' };
}

/** developers.sinch.com/docs/sms/api-reference/sms/tag/Delivery-reports */
const STATUS: Readonly<Record<string, DeliveryStatus>> = {
  Queued: DeliveryStatus.Sending,
  Dispatched: DeliveryStatus.Sent,
  // Handed to the SMSC but no receipt came back: no evidence of failure.
  Unknown: DeliveryStatus.Sent,
  Delivered: DeliveryStatus.Delivered,
  Failed: DeliveryStatus.Undelivered,
  Expired: DeliveryStatus.Undelivered,
  Deleted: DeliveryStatus.Undelivered,
  Rejected: DeliveryStatus.Failed,
  Aborted: DeliveryStatus.Failed,
  Cancelled: DeliveryStatus.Failed,
};

function parseSinch(request: WebhookRequest): WebhookEvents {
  const body = parseJsonBody(request, PROVIDER);
  if (!isJsonObject(body)) throw new WebhookParseError('Sinch webhook body is not a JSON object');
  const type = requireString(body, 'type', 'Sinch webhook');
  switch (type) {
    case 'mo_text':
    case 'mo_binary':
    case 'mo_media':
      return { inbound: [inboundSms(body, type)], deliveryReports: [] };
    case 'delivery_report_sms':
      return { inbound: [], deliveryReports: batchReports(body) };
    case 'recipient_delivery_report_sms': {
      const report = recipientReport(body);
      return { inbound: [], deliveryReports: report ? [report] : [] };
    }
    default:
      // MMS reports and future event types go to the same URL; they are not SMS conversations.
      return { inbound: [], deliveryReports: [] };
  }
}

function inboundSms(body: JsonObject, type: string): InboundSms {
  const context = `Sinch ${type}`;
  let text = '';
  let media: InboundSms['media'] = [];
  if (type === 'mo_text') {
    text = optionalString(body, 'body') ?? '';
  } else if (type === 'mo_media') {
    const mms = optionalObject(body, 'body') ?? {};
    text = optionalString(mms, 'message') ?? '';
    media = optionalArray(mms, 'media')
      .filter(isJsonObject)
      .flatMap((item) => {
        const url = optionalString(item, 'url');
        return url ? [{ url, contentType: optionalString(item, 'content_type') ?? null }] : [];
      });
  }
  // mo_binary carries base64 bytes for an application (WAP push, SIM update…), nothing an agent can read.
  return {
    providerMessageId: requireString(body, 'id', context),
    from: requireString(body, 'from', context),
    to: requireString(body, 'to', context),
    text,
    media,
    segments: null,
    providerTimestamp: parseTimestamp(optionalString(body, 'received_at') ?? optionalString(body, 'sent_at')),
  };
}

/** A batch report groups recipients by status; each recipient becomes one report on the batch id. */
function batchReports(body: JsonObject): DeliveryReport[] {
  const batchId = requireString(body, 'batch_id', 'Sinch delivery_report_sms');
  return optionalArray(body, 'statuses')
    .filter(isJsonObject)
    .flatMap((group) => {
      const report = reportFor(batchId, group, null);
      if (!report) return [];
      const recipients = optionalArray(group, 'recipients').filter((recipient): recipient is string => typeof recipient === 'string');
      // Without `recipients` (only counts were requested) the report can only speak for the whole batch.
      return recipients.length === 0 ? [report] : recipients.map((recipient) => ({ ...report, recipient }));
    });
}

function recipientReport(body: JsonObject): DeliveryReport | null {
  const context = 'Sinch recipient_delivery_report_sms';
  const report = reportFor(requireString(body, 'batch_id', context), body, parseTimestamp(optionalString(body, 'operator_status_at') ?? optionalString(body, 'at')));
  return report && { ...report, recipient: requireString(body, 'recipient', context) };
}

function reportFor(batchId: string, source: JsonObject, occurredAt: Date | null): DeliveryReport | null {
  const providerStatus = optionalString(source, 'status');
  const status = providerStatus === undefined ? undefined : STATUS[providerStatus];
  if (providerStatus === undefined || status === undefined) return null;

  const failed = status === DeliveryStatus.Undelivered || status === DeliveryStatus.Failed;
  return {
    providerMessageId: batchId,
    status,
    providerStatus,
    error: failed ? statusError(providerStatus, optionalString(source, 'code')) : null,
    occurredAt,
  };
}

function statusError(providerStatus: string, code: string | undefined): ProviderError {
  if (providerStatus === 'Expired') {
    return { code: code ?? 'Expired', reason: 'The message expired before it could be delivered.', category: ErrorCategory.Expired, permanent: false };
  }
  return code !== undefined && ERRORS[code]
    ? mapSinchError(code)
    : { code: code ?? providerStatus, reason: `Sinch reported the message as ${providerStatus.toLowerCase()}.`, category: ErrorCategory.Unknown, permanent: false };
}

/** The REST API's own delivery report codes (developers.sinch.com, "Delivery report error codes"). */
const ERRORS: ErrorTable = {
  '402': ['The operator rejected the message as unroutable.', ErrorCategory.Rejected, true],
  '403': ['Sinch hit an internal error; retrying later may work.', ErrorCategory.ProviderError, false],
  '404': ['Delivery failed temporarily; retrying later may work.', ErrorCategory.Unreachable, false],
  '405': ['A message parameter had no value for this recipient.', ErrorCategory.Rejected, true],
  '406': ['The message expired before reaching the operator.', ErrorCategory.Expired, false],
  '407': ['The message was cancelled before reaching the operator.', ErrorCategory.Rejected, true],
  '408': ['The operator rejected the message.', ErrorCategory.Rejected, true],
  '410': ['No default sender is configured for this recipient.', ErrorCategory.Rejected, true],
  '411': ['The message has more parts than the account allows.', ErrorCategory.Rejected, true],
  '412': ['The Sinch account is not provisioned for this country or region.', ErrorCategory.Rejected, true],
  '413': ['The Sinch account is blocked.', ErrorCategory.Rejected, true],
};

function mapSinchError(code: string): ProviderError {
  return lookupError(ERRORS, code, PROVIDER);
}

export const sinchAdapter: CarrierAdapter = {
  kind: Provider.Sinch,
  verify: (request, secrets) => verifySinch(request, secrets),
  parse: parseSinch,
  mapError: mapSinchError,
  // Sinch never retries a 4xx, so only success is ever answered here; transient failures must be 5xx.
  contentTypes: ['application/json'],
  acknowledgement: () => PLAIN_OK,
};
