import { Provider } from '@backtalk/contracts';
import {
  type CarrierAdapter,
  type DeliveryReport,
  DeliveryStatus,
  ErrorCategory,
  type InboundSms,
  type ProviderError,
  type WebhookEvents,
  type WebhookRequest,
  WebhookParseError,
} from '../carrier-adapter';
import { verifyBasicAuth } from '../internal/basic-auth';
import { type ErrorTable, PLAIN_OK, lookupError } from '../internal/errors';
import { type JsonObject, isJsonObject, optionalArray, optionalInteger, optionalObject, optionalString, parseJsonBody, requireString } from '../internal/json';
import { parseTimestamp } from '../internal/time';

const PROVIDER = 'Bandwidth';

/** Bandwidth gave up waiting for a receipt after two hours; the message may well have arrived. */
const RECEIPT_TIMEOUT = '9902';

/** Messaging v2 callbacks are always a JSON array of events (Bandwidth/api-docs site/docs/messaging/webhooks.mdx). */
function parseBandwidth(request: WebhookRequest): WebhookEvents {
  const body = parseJsonBody(request, PROVIDER);
  if (!Array.isArray(body)) throw new WebhookParseError('Bandwidth webhook body is not a JSON array of events');

  const events: WebhookEvents = { inbound: [], deliveryReports: [] };
  body.forEach((event, index) => {
    const context = `Bandwidth event ${index}`;
    if (!isJsonObject(event)) throw new WebhookParseError(`${context} is not an object`);
    const type = requireString(event, 'type', context);
    const message = optionalObject(event, 'message');
    if (!message) throw new WebhookParseError(`${context} (${type}) has no "message" object`);

    switch (type) {
      case 'message-received':
        events.inbound.push(inboundSms(event, message, context));
        break;
      case 'message-sending':
      case 'message-delivered':
      case 'message-failed':
        events.deliveryReports.push(deliveryReport(event, message, type, context));
        break;
      // Other event types are not about SMS delivery.
    }
  });
  return events;
}

function inboundSms(event: JsonObject, message: JsonObject, context: string): InboundSms {
  return {
    providerMessageId: requireString(message, 'id', `${context} message`),
    from: requireString(message, 'from', `${context} message`),
    // In a group message each owned number gets its own event: `to`/`owner` name the number this copy is for.
    to: optionalString(event, 'to') ?? requireString(message, 'owner', `${context} message`),
    text: optionalString(message, 'text') ?? '',
    media: optionalArray(message, 'media')
      .filter((url): url is string => typeof url === 'string')
      .map((url) => ({ url, contentType: null })),
    segments: optionalInteger(message, 'segmentCount'),
    providerTimestamp: parseTimestamp(optionalString(message, 'time') ?? optionalString(event, 'time')),
  };
}

function deliveryReport(event: JsonObject, message: JsonObject, type: string, context: string): DeliveryReport {
  const errorCode = optionalString(event, 'errorCode');
  let status: DeliveryStatus;
  if (type === 'message-sending') status = DeliveryStatus.Sending;
  else if (type === 'message-delivered') status = DeliveryStatus.Delivered;
  else status = errorCode === RECEIPT_TIMEOUT ? DeliveryStatus.Sent : DeliveryStatus.Failed;

  return {
    providerMessageId: requireString(message, 'id', `${context} message`),
    status,
    providerStatus: type,
    error: type === 'message-failed' ? mapBandwidthError(errorCode ?? 'unknown') : null,
    occurredAt: parseTimestamp(optionalString(event, 'time')),
  };
}

/** Bandwidth/api-docs site/docs/messaging/errors.mdx */
const ERRORS: ErrorTable = {
  '4001': ['Bandwidth does not allow this service on the account.', ErrorCategory.Rejected, true],
  '4301': ['The message contains characters that cannot be encoded for the destination.', ErrorCategory.Rejected, true],
  '4302': ['The sending number is malformed.', ErrorCategory.Rejected, true],
  '4303': ['The recipient number is malformed.', ErrorCategory.InvalidNumber, true],
  '4350': ['The recipient number appears to be invalid.', ErrorCategory.InvalidNumber, true],
  '4360': ['The message expired before it could be sent.', ErrorCategory.Expired, false],
  '4404': ['Messaging to this number is not allowed (inactive or not enabled for messaging).', ErrorCategory.InvalidNumber, true],
  '4406': ['The recipient number is not assigned to any carrier.', ErrorCategory.InvalidNumber, true],
  '4432': ['The account may not send messages to this country.', ErrorCategory.Rejected, true],
  '4470': ['Bandwidth blocked the message as spam.', ErrorCategory.CarrierFiltered, true],
  '4481': ['The sending number is blacklisted for spam violations.', ErrorCategory.Blocked, true],
  '4482': ['The recipient number is blocked from receiving messages.', ErrorCategory.Blocked, true],
  '4493': ['The sender is not authorised to send from this account.', ErrorCategory.Authentication, true],
  '4700': ['The carrier or handset does not support messaging (possibly a landline).', ErrorCategory.Landline, true],
  '4701': ['The recipient\'s SMS service is unavailable; try again later.', ErrorCategory.Unreachable, false],
  '4702': ['The customer\'s phone is off or unreachable; try again later.', ErrorCategory.Unreachable, false],
  '4720': ['The carrier rejected the recipient as invalid (not a real number, or a landline).', ErrorCategory.InvalidNumber, true],
  '4721': ['The recipient number is deactivated.', ErrorCategory.Unreachable, true],
  '4730': ['The carrier has no route to the recipient (possibly roaming).', ErrorCategory.Unreachable, false],
  '4740': ['The carrier rejected the sending number.', ErrorCategory.Rejected, true],
  '4750': ['The recipient\'s carrier rejected the message without a reason (prepaid balance, settings or spam).', ErrorCategory.Rejected, false],
  '4751': ['The message is too long for the carrier.', ErrorCategory.Rejected, true],
  '4752': ['The carrier found the message malformed.', ErrorCategory.Rejected, true],
  '4770': ['The carrier blocked the message as spam.', ErrorCategory.CarrierFiltered, true],
  '4771': ['The carrier blocked the message because of a shortened link.', ErrorCategory.CarrierFiltered, true],
  '4772': ['The carrier blocks this sender or recipient.', ErrorCategory.Blocked, true],
  '4773': ['The sending number\'s 10DLC campaign is not active.', ErrorCategory.Blocked, true],
  '4775': ['The customer has opted out of messages from this sender.', ErrorCategory.OptedOut, true],
  '4780': ['T-Mobile rejected the message: the brand\'s daily volume was exceeded.', ErrorCategory.RateLimited, false],
  '4781': ['AT&T rejected the message: the campaign\'s rate limit was exceeded.', ErrorCategory.RateLimited, false],
  '4785': ['The carrier rejected the message for exceeding its volume limit; retry later.', ErrorCategory.RateLimited, false],
  '4795': ['The toll-free sending number is not verified.', ErrorCategory.Blocked, true],
  '5600': ['The carrier is congested; retry later.', ErrorCategory.ProviderError, false],
  '9902': ['The carrier never confirmed delivery; the message may still have arrived.', ErrorCategory.Unknown, false],
  '9999': ['The carrier reported an error Bandwidth does not recognise.', ErrorCategory.Unknown, false],
};

/** Codes outside the table fall back on Bandwidth's scheme: 4xxx client errors, 5xxx service failures. */
function mapBandwidthError(code: string): ProviderError {
  const error = lookupError(ERRORS, code, PROVIDER);
  if (ERRORS[code]) return error;
  if (/^4\d{3}$/.test(code)) return { ...error, category: ErrorCategory.Rejected, permanent: true };
  if (/^5\d{3}$/.test(code)) return { ...error, category: ErrorCategory.ProviderError };
  return error;
}

export const bandwidthAdapter: CarrierAdapter = {
  kind: Provider.Bandwidth,
  verify: (request, secrets) => verifyBasicAuth(request, secrets, PROVIDER),
  parse: parseBandwidth,
  mapError: mapBandwidthError,
  // Bandwidth documents `application/json; charset=utf-8` for every callback.
  contentTypes: ['application/json'],
  // Bandwidth retries any non-2xx for 24 hours and gives up on a response larger than 16 kB.
  acknowledgement: () => PLAIN_OK,
};
