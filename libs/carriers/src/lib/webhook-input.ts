import { type CarrierAdapter, type DeliveryReport, type InboundSms, type WebhookEvents, type WebhookRequest, WebhookParseError } from './carrier-adapter';

/**
 * The media type of a Content-Type header: what precedes the parameters, in lower case (RFC 9110 §8.3.1: type and
 * subtype are case-insensitive; `charset` and other parameters do not change what the body is).
 */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0].trim().toLowerCase();
}

/** Whether the request's body is of a type the provider sends. A GET, or a POST without a body, has nothing to judge. */
export function acceptsContentType(adapter: CarrierAdapter, request: WebhookRequest): boolean {
  if (request.method !== 'POST' || request.rawBody.length === 0) return true;
  return adapter.contentTypes.includes(mediaTypeOf(request.headers['content-type']));
}

/**
 * Longest values that fit the columns they are stored in (`provider_message_id varchar(128)`, `provider_status`
 * `varchar(40)`, `error_code varchar(32)`, the concat `reference varchar(64)`); numbers and sender ids are far shorter
 * than 40 (the `sender` columns) in every numbering plan, so a longer one is not a number at all.
 */
export const WEBHOOK_LIMITS = { id: 128, address: 40, status: 40, errorCode: 32, errorReason: 300, concatReference: 64, mediaUrl: 2048, mediaType: 255, concatParts: 255 } as const;

const NUL = '\u0000';
const REPLACEMENT = '\uFFFD';

/**
 * Values PostgreSQL cannot store (NUL in text) or that do not fit their columns would fail the insert with a 500, and
 * the carrier would retry the same request for a day. A NUL in free text is a character that got mangled on the way,
 * so it becomes U+FFFD and the message is kept; in an id, number or code it makes the value meaningless, so the
 * whole webhook is refused (400) before anything is stored.
 * @throws WebhookParseError
 */
export function checkWebhookEvents(events: WebhookEvents, provider: string): WebhookEvents {
  return { inbound: events.inbound.map((sms) => checkInbound(sms, provider)), deliveryReports: events.deliveryReports.map((report) => checkReport(report, provider)) };
}

function checkInbound(sms: InboundSms, provider: string): InboundSms {
  checkValue(sms.providerMessageId, 'message id', WEBHOOK_LIMITS.id, provider);
  checkValue(sms.from, 'sender', WEBHOOK_LIMITS.address, provider);
  checkValue(sms.to, 'recipient', WEBHOOK_LIMITS.address, provider);
  for (const item of sms.media) {
    checkValue(item.url, 'media URL', WEBHOOK_LIMITS.mediaUrl, provider);
    if (item.contentType !== null) checkValue(item.contentType, 'media content type', WEBHOOK_LIMITS.mediaType, provider);
  }
  if (sms.concat) {
    checkValue(sms.concat.reference, 'multipart reference', WEBHOOK_LIMITS.concatReference, provider);
    const { part, total } = sms.concat;
    if (total > WEBHOOK_LIMITS.concatParts || part < 1 || part > total) {
      throw new WebhookParseError(`${provider} webhook has an impossible multipart position: part ${part} of ${total}`);
    }
  }
  return {
    ...sms,
    text: sms.text.replaceAll(NUL, REPLACEMENT),
    // A count no SMS can have (it would overflow the integer column) is dropped; the stored message recounts it.
    segments: sms.segments !== null && sms.segments > WEBHOOK_LIMITS.concatParts ? null : sms.segments,
  };
}

function checkReport(report: DeliveryReport, provider: string): DeliveryReport {
  checkValue(report.providerMessageId, 'message id', WEBHOOK_LIMITS.id, provider);
  checkValue(report.providerStatus, 'status', WEBHOOK_LIMITS.status, provider);
  if (report.recipient !== undefined) checkValue(report.recipient, 'recipient', WEBHOOK_LIMITS.address, provider);
  if (!report.error) return report;
  checkValue(report.error.code, 'error code', WEBHOOK_LIMITS.errorCode, provider);
  // The reason is for people and may quote the provider's own description: cleaned and cut, not refused.
  const reason = report.error.reason.replaceAll(NUL, REPLACEMENT);
  return { ...report, error: { ...report.error, reason: reason.length > WEBHOOK_LIMITS.errorReason ? `${reason.slice(0, WEBHOOK_LIMITS.errorReason - 1)}…` : reason } };
}

function checkValue(value: string, what: string, limit: number, provider: string): void {
  if (value.includes(NUL)) throw new WebhookParseError(`${provider} webhook has a NUL character in its ${what}`);
  if (value.length > limit) throw new WebhookParseError(`${provider} webhook has a ${what} of ${value.length} characters; at most ${limit} are accepted`);
}
