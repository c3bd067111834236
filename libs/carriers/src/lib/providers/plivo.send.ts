import { ErrorCategory, type ProviderError } from '../carrier-adapter';
import { basicAuthHeader } from '../internal/basic-auth';
import { unknownError } from '../internal/errors';
import {
  baseUrlOr,
  isSuccess,
  jsonRequest,
  refusalOutcome,
  requireCredential,
  transientOutcome,
  unreadableSuccess,
} from '../internal/http';
import { type JsonObject, isJsonObject, optionalArray, optionalString, parseJsonObject } from '../internal/json';
import { type CarrierSender, type OutboundSms, type SendCredentials, type SendOutcome } from '../send';

// "Send a message", POST https://api.plivo.com/v1/Account/{auth_id}/Message/ with HTTP Basic auth_id:auth_token and
// a JSON body (plivo.com/docs/messaging/api/messages; plivo/plivo-node lib/rest/axios.js for the transport and
// MessageResponse in plivo-node's resources/messages.d.ts for the answer).

const PROVIDER = 'Plivo';
const API = 'https://api.plivo.com';

function buildPlivoRequest(sms: OutboundSms, credentials: SendCredentials) {
  const authId = requireCredential(credentials, 'accountSid', PROVIDER, 'Auth ID');
  const authToken = requireCredential(credentials, 'authToken', PROVIDER, 'auth token');
  return jsonRequest('POST', `${baseUrlOr(credentials, API)}/v1/Account/${encodeURIComponent(authId)}/Message/`, basicAuthHeader(authId, authToken), {
    src: sms.from,
    dst: sms.to,
    text: sms.text,
    url: sms.statusCallbackUrl,
    method: 'POST',
  });
}

/**
 * 202 with `{api_id, message: "message(s) queued", message_uuid: [...]}`; a destination Plivo finds invalid is listed
 * in `invalid_number` and gets no uuid. Plivo documents no error body beyond `{api_id, error}`, so refusals keep
 * its words; an opted-out recipient is only reported later, in the delivery report (error 200).
 */
function interpretPlivo(status: number, headers: Readonly<Record<string, string | undefined>>, body: string): SendOutcome {
  const json = parseJsonObject(body);
  if (isSuccess(status)) {
    const uuid = optionalArray(json, 'message_uuid').find((value): value is string => typeof value === 'string' && value !== '');
    if (uuid) return { kind: 'accepted', providerMessageId: uuid };
    const invalid = optionalArray(json, 'invalid_number').filter((value): value is string => typeof value === 'string');
    return invalid.length > 0 ? { kind: 'failed', error: invalidNumber(invalid[0]) } : unreadableSuccess(PROVIDER, status);
  }

  const transient = transientOutcome(status, headers, PROVIDER, false);
  if (transient) return transient;
  return refusalOutcome(unknownError(String(status), PROVIDER), status, headers, PROVIDER, errorText(json));
}

function invalidNumber(number: string): ProviderError {
  return { code: 'invalid_number', reason: `Plivo found the recipient number ${number} invalid.`, category: ErrorCategory.InvalidNumber, permanent: true };
}

function errorText(json: JsonObject): string | undefined {
  const error = json['error'];
  if (typeof error === 'string') return error;
  return isJsonObject(error) ? (optionalString(error, 'message') ?? optionalString(error, 'error')) : optionalString(json, 'message');
}

export const plivoSender: CarrierSender = {
  buildSendRequest: buildPlivoRequest,
  interpretResponse: interpretPlivo,
  duplicateProtection:
    'None: the Message API takes no idempotency key or client reference, so a send whose outcome is unknown cannot be checked and resending it may deliver it twice.',
};
