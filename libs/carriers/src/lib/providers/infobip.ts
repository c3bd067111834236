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
import { type ErrorTable, PLAIN_OK, lookupError, unknownError } from '../internal/errors';
import {
  type JsonObject,
  isJsonObject,
  optionalInteger,
  optionalObject,
  optionalString,
  parseJsonBody,
  requireString,
} from '../internal/json';
import { parseTimestamp } from '../internal/time';

const PROVIDER = 'Infobip';

/** Status groups (infobip.com/docs/essentials/response-status-and-error-codes). */
const STATUS_GROUPS: Readonly<Record<string, DeliveryStatus>> = {
  '0': DeliveryStatus.Sending, // ACCEPTED
  '1': DeliveryStatus.Sending, // PENDING
  '2': DeliveryStatus.Undelivered, // UNDELIVERABLE
  '3': DeliveryStatus.Delivered, // DELIVERED
  '4': DeliveryStatus.Undelivered, // EXPIRED
  '5': DeliveryStatus.Failed, // REJECTED
};
const EXPIRED_GROUP = '4';
const REJECTED_GROUP = '5';

/**
 * Both inbound messages (renderer MO_JSON_2) and delivery reports come batched in `results[]`, so one request can
 * hold several events. A result with a `status` object is a delivery report.
 */
function parseInfobip(request: WebhookRequest): WebhookEvents {
  const body = parseJsonBody(request, PROVIDER);
  if (!isJsonObject(body) || !Array.isArray(body['results'])) {
    throw new WebhookParseError('Infobip webhook has no "results" array');
  }
  const events: WebhookEvents = { inbound: [], deliveryReports: [] };
  body['results'].forEach((result, index) => {
    const context = `Infobip results[${index}]`;
    if (!isJsonObject(result)) throw new WebhookParseError(`${context} is not an object`);
    if (isJsonObject(result['status'])) events.deliveryReports.push(deliveryReport(result, result['status'], context));
    else events.inbound.push(inboundSms(result, context));
  });
  return events;
}

function inboundSms(result: JsonObject, context: string): InboundSms {
  return {
    providerMessageId: requireString(result, 'messageId', context),
    from: requireString(result, 'from', context),
    to: requireString(result, 'to', context),
    // `text` keeps the keyword; `cleanText` drops it, which would lose words the customer wrote.
    text: optionalString(result, 'text') ?? '',
    media: [],
    segments: optionalInteger(result, 'smsCount'),
    providerTimestamp: parseTimestamp(optionalString(result, 'receivedAt')),
  };
}

function deliveryReport(result: JsonObject, status: JsonObject, context: string): DeliveryReport {
  const group = optionalString(status, 'groupId');
  const mapped = group === undefined ? undefined : STATUS_GROUPS[group];
  if (mapped === undefined) throw new WebhookParseError(`${context} has an unknown status group "${group ?? ''}"`);

  return {
    providerMessageId: requireString(result, 'messageId', context),
    status: mapped,
    providerStatus: optionalString(status, 'name') ?? optionalString(status, 'groupName') ?? group ?? '',
    error: reportError(optionalObject(result, 'error'), status, group ?? ''),
    occurredAt: parseTimestamp(optionalString(result, 'doneAt') ?? optionalString(result, 'sentAt')),
  };
}

/** The report carries its own description and `permanent` flag; our table only adds a clearer reason and category. */
function reportError(error: JsonObject | undefined, status: JsonObject, group: string): ProviderError | null {
  const id = error ? optionalString(error, 'id') : undefined;
  if (error && id !== undefined && id !== '0') {
    const known = ERRORS[id] ? mapInfobipError(id) : null;
    const permanent = error['permanent'];
    return {
      code: id,
      reason: known?.reason ?? unknownError(id, PROVIDER, optionalString(error, 'description')).reason,
      category: known?.category ?? categoryOfGroup(optionalString(error, 'groupName')),
      permanent: typeof permanent === 'boolean' ? permanent : (known?.permanent ?? false),
    };
  }
  return statusError(status, group);
}

/**
 * The error a status object implies by its group alone (EXPIRED, REJECTED), null for the others. Send responses
 * carry the same status object, so the sender reads rejections through this too.
 */
export function statusError(status: JsonObject, group: string): ProviderError | null {
  const statusName = optionalString(status, 'name') ?? '';
  if (group === EXPIRED_GROUP) {
    return { code: statusName, reason: 'The message expired before the carrier could deliver it.', category: ErrorCategory.Expired, permanent: false };
  }
  if (group === REJECTED_GROUP) {
    const description = optionalString(status, 'description');
    return {
      code: statusName,
      reason: description ? `Infobip rejected the message: ${description}` : 'Infobip rejected the message.',
      category: ErrorCategory.Rejected,
      permanent: true,
    };
  }
  return null;
}

function categoryOfGroup(groupName: string | undefined): ErrorCategory {
  switch (groupName) {
    case 'HANDSET_ERRORS':
      return ErrorCategory.Unreachable;
    case 'OPERATOR_ERRORS':
      return ErrorCategory.ProviderError;
    default:
      return ErrorCategory.Unknown;
  }
}

/**
 * Infobip error ids of the handset and operator groups follow GSM MAP error codes
 * (infobip.com/docs/developer-resources/api-fundamentals/error-code-reference).
 */
const ERRORS: ErrorTable = {
  '1': ['The number is unknown to the customer\'s network: it may be mistyped or no longer in service.', ErrorCategory.InvalidNumber, true],
  '5': ['The customer\'s network does not recognise the subscriber.', ErrorCategory.InvalidNumber, true],
  '6': ['The customer\'s phone is switched off or out of coverage; try again later.', ErrorCategory.Unreachable, false],
  '9': ['The customer\'s network treats the number as barred or illegal.', ErrorCategory.Blocked, true],
  '11': ['The number has no SMS service (for example a landline).', ErrorCategory.Landline, true],
  '13': ['The customer\'s carrier bars incoming messages for this number.', ErrorCategory.Blocked, true],
  '27': ['The customer\'s phone is not reachable; try again later.', ErrorCategory.Unreachable, false],
  '31': ['The customer\'s phone was busy receiving another message; try again later.', ErrorCategory.Unreachable, false],
  '32': ['The customer\'s phone could not take the message (for example its memory is full).', ErrorCategory.Unreachable, false],
  '34': ['The customer\'s network had a system failure; try again later.', ErrorCategory.ProviderError, false],
};

function mapInfobipError(code: string): ProviderError {
  return lookupError(ERRORS, code, PROVIDER);
}

export const infobipAdapter: CarrierAdapter = {
  kind: Provider.Infobip,
  verify: (request, secrets) => verifyBasicAuth(request, secrets, PROVIDER),
  parse: parseInfobip,
  mapError: mapInfobipError,
  contentTypes: ['application/json'],
  acknowledgement: () => PLAIN_OK,
};
