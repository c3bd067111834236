import { isGsm7Text } from '@backtalk/sms';
import { ErrorCategory, type ProviderError } from '../carrier-adapter';
import { type ErrorTable, lookupError, refusedError, unknownError } from '../internal/errors';
import {
  authenticationError,
  baseUrlOr,
  formRequest,
  isAuthenticationStatus,
  isSuccess,
  requireCredential,
  retryOutcome,
  transientOutcome,
  unreadableSuccess,
  withoutPlus,
} from '../internal/http';
import { type JsonObject, isJsonObject, optionalArray, optionalString, parseJsonObject } from '../internal/json';
import { type CarrierSender, type OutboundSms, type SendCredentials, type SendOutcome } from '../send';

// SMS API, POST https://rest.nexmo.com/sms/json (developer.vonage.com/en/api/sms; Vonage/vonage-node-sdk
// packages/sms/lib/sms.ts and __tests__/__dataSets__/sms.ts @ 18aac69623377a74238b669fedbea06c1c1bb709).

const PROVIDER = 'Vonage';
const API = 'https://rest.nexmo.com';
const SUCCESS = '0';

function buildVonageRequest(sms: OutboundSms, credentials: SendCredentials) {
  const apiKey = requireCredential(credentials, 'apiKey', PROVIDER, 'API key');
  const apiSecret = requireCredential(credentials, 'apiSecret', PROVIDER, 'API secret');
  const pairs: Array<readonly [string, string]> = [
    ['api_key', apiKey],
    ['api_secret', apiSecret],
    // Vonage wants numbers in E.164 without the leading plus.
    ['from', withoutPlus(sms.from)],
    ['to', withoutPlus(sms.to)],
    ['text', sms.text],
  ];
  // The SMS API sends `text` as GSM-7 unless told otherwise; anything else would arrive as question marks.
  if (!isGsm7Text(sms.text)) pairs.push(['type', 'unicode']);
  pairs.push(['status-report-req', 'true'], ['callback', sms.statusCallbackUrl], ['client-ref', sms.messageId]);
  return formRequest(`${baseUrlOr(credentials, API)}/sms/json`, pairs);
}

/**
 * The per-part `status` of a send (developer.vonage.com/en/api-errors/sms; vonage-node-sdk SMSStatus.ts). These are
 * not the delivery receipt `err-code`s the inbound adapter maps: the two lists share numbers but not meanings.
 */
const STATUSES: ErrorTable = {
  '1': ['Vonage is throttling this account (more messages per second than it allows); retry later.', ErrorCategory.RateLimited, false],
  '2': ['Vonage refused the request: a required parameter is missing.', ErrorCategory.Rejected, true],
  '3': ['Vonage refused the request: a parameter has an invalid value.', ErrorCategory.Rejected, true],
  '4': ['Vonage rejected the API key or secret; check them in the channel settings.', ErrorCategory.Authentication, true],
  '5': ['Vonage had an internal error while processing the message; retry later.', ErrorCategory.ProviderError, false],
  '6': ['Vonage could not process the message, for example because the number prefix is not recognised.', ErrorCategory.InvalidNumber, true],
  '7': ['The recipient number is barred from receiving messages.', ErrorCategory.Blocked, true],
  '8': ['The Vonage account is suspended.', ErrorCategory.Rejected, true],
  '9': ['The Vonage account has too little credit to send; top it up and resend.', ErrorCategory.Rejected, false],
  '10': ['Too many simultaneous connections to Vonage for this account; retry later.', ErrorCategory.RateLimited, false],
  '11': ['The Vonage account is not enabled for the SMS API.', ErrorCategory.Rejected, true],
  '12': ['The message is longer than Vonage allows.', ErrorCategory.Rejected, true],
  '14': ['Vonage could not verify the request signature.', ErrorCategory.Authentication, true],
  '15': ['Vonage does not allow this sender ID on the account or for this destination.', ErrorCategory.Rejected, true],
  '22': ['Vonage did not recognise the network code for this destination.', ErrorCategory.Rejected, true],
  '23': ['Vonage refused the status callback URL (too long or with illegal characters).', ErrorCategory.Rejected, true],
  '29': ['The Vonage account is in demo mode and can only send to numbers on its allow list.', ErrorCategory.Rejected, true],
  '32': ['Vonage refuses a signed request that also carries the API secret.', ErrorCategory.Authentication, true],
  '33': ['The recipient number is deactivated.', ErrorCategory.InvalidNumber, true],
};

/** Throttled, internal error, too many binds: the part was not sent and can be retried as it is. */
const RETRY_STATUSES = new Set(['1', '5', '10']);

function partError(part: JsonObject): ProviderError {
  const code = optionalString(part, 'status') ?? 'unknown';
  const description = optionalString(part, 'error-text');
  return STATUSES[code] ? lookupError(STATUSES, code, PROVIDER) : refusedError(unknownError(code, PROVIDER), PROVIDER, description);
}

/**
 * Always HTTP 200 with `{"message-count", messages: [{status, "message-id", "error-text"…}]}`, one entry per part of a
 * long message. Each part gets its own `message-id` and, later, its own delivery receipt; the first part's id stands
 * for the message.
 */
function interpretVonage(status: number, headers: Readonly<Record<string, string | undefined>>, body: string): SendOutcome {
  if (!isSuccess(status)) {
    const transient = transientOutcome(status, headers, PROVIDER, false);
    if (transient) return transient;
    const error = isAuthenticationStatus(status) ? authenticationError(PROVIDER, String(status)) : refusedError(unknownError(String(status), PROVIDER), PROVIDER, `HTTP ${status}`);
    return { kind: 'failed', error };
  }

  const parts = optionalArray(parseJsonObject(body), 'messages').filter(isJsonObject);
  if (parts.length === 0) return unreadableSuccess(PROVIDER, status);
  const sent = parts.filter((part) => optionalString(part, 'status') === SUCCESS);
  const refused = parts.find((part) => optionalString(part, 'status') !== SUCCESS);

  if (!refused) {
    const messageId = optionalString(parts[0], 'message-id');
    return messageId ? { kind: 'accepted', providerMessageId: messageId, segments: parts.length } : unreadableSuccess(PROVIDER, status);
  }
  const error = partError(refused);
  if (sent.length > 0) {
    // Resending would repeat the parts already on their way; a person has to decide.
    return { kind: 'failed', error: { ...error, reason: `Vonage sent only ${sent.length} of ${parts.length} parts, so the customer got an incomplete message: ${error.reason}` } };
  }
  if (RETRY_STATUSES.has(error.code)) return retryOutcome(`Vonage status ${error.code}: ${optionalString(refused, 'error-text') ?? error.reason}`, headers);
  return { kind: 'failed', error };
}

export const vonageSender: CarrierSender = {
  buildSendRequest: buildVonageRequest,
  interpretResponse: interpretVonage,
  duplicateProtection:
    'None: client-ref carries our id into delivery receipts, but the SMS API neither refuses a repeated client-ref nor can be searched by it.',
};
