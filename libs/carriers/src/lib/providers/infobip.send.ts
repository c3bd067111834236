import {
  isSuccess,
  jsonRequest,
  normaliseBaseUrl,
  refusalOutcome,
  requireCredential,
  transientOutcome,
  unknownLookup,
  unreadableSuccess,
  withoutPlus,
} from '../internal/http';
import { type JsonObject, isJsonObject, optionalArray, optionalInteger, optionalObject, optionalString, parseJson, parseJsonObject } from '../internal/json';
import { type CarrierSender, type LookupOutcome, type OutboundSms, type SendCredentials, type SendOutcome } from '../send';
import { infobipAdapter, statusError } from './infobip';

// "Send SMS message", POST /sms/3/messages: the current endpoint. /sms/2/text/advanced still works but Infobip marks
// the v2 SMS API deprecated and its own clients moved to v3 (infobip/infobip-api-java-client SmsApi.java,
// SmsApiTest.java @ 3b0fed73b0965f4938b9367e8d4ca857f15b2688). Delivery reports of v3 use the same `results[]`
// shape the inbound adapter already reads.

const PROVIDER = 'Infobip';
const REJECTED_GROUP = '5';

function credentialsOf(credentials: SendCredentials): { baseUrl: string; authorization: string } {
  const apiKey = requireCredential(credentials, 'apiKey', PROVIDER, 'API key');
  const baseUrl = normaliseBaseUrl(requireCredential(credentials, 'baseUrl', PROVIDER, 'base URL'));
  return { baseUrl, authorization: `App ${apiKey}` };
}

function buildInfobipRequest(sms: OutboundSms, credentials: SendCredentials) {
  const { baseUrl, authorization } = credentialsOf(credentials);
  return jsonRequest('POST', `${baseUrl}/sms/3/messages`, authorization, {
    messages: [
      {
        // Infobip writes numbers in international format without the plus (SmsDestination.java).
        sender: withoutPlus(sms.from),
        // Our id as Infobip's message id: delivery reports and logs then carry it.
        destinations: [{ to: withoutPlus(sms.to), messageId: sms.messageId }],
        content: { text: sms.text },
        webhooks: {
          delivery: { url: sms.statusCallbackUrl },
          contentType: 'application/json',
          callbackData: sms.messageId,
        },
      },
    ],
    options: { includeSmsCountInResponse: true },
  });
}

/**
 * 200 with `{bulkId, messages: [{messageId, status: {groupId, groupName, id, name, description}, destination,
 * details: {messageCount}}]}`; a message Infobip refuses outright comes back in status group 5 (REJECTED).
 * Errors are `{errorCode, description, action, violations, resources}` (ApiError.java); older endpoints answered
 * `{requestError: {serviceException: {messageId, text}}}`, read as a fallback.
 */
function interpretInfobip(status: number, headers: Readonly<Record<string, string | undefined>>, body: string): SendOutcome {
  const json = parseJsonObject(body);
  if (isSuccess(status)) {
    const message = optionalArray(json, 'messages').find(isJsonObject);
    const messageId = message ? optionalString(message, 'messageId') : undefined;
    if (!message || !messageId) return unreadableSuccess(PROVIDER, status);
    const messageStatus = optionalObject(message, 'status') ?? {};
    const group = optionalString(messageStatus, 'groupId') ?? '';
    const rejection = group === REJECTED_GROUP ? statusError(messageStatus, group) : null;
    if (rejection) return { kind: 'failed', error: rejection };
    const segments = optionalInteger(optionalObject(message, 'details') ?? {}, 'messageCount');
    return segments ? { kind: 'accepted', providerMessageId: messageId, segments } : { kind: 'accepted', providerMessageId: messageId };
  }

  const transient = transientOutcome(status, headers, PROVIDER, false);
  if (transient) return transient;
  const { code, description } = apiError(json, status);
  return refusalOutcome(infobipAdapter.mapError(code), status, headers, PROVIDER, description);
}

function apiError(json: JsonObject, status: number): { code: string; description: string | undefined } {
  const legacy = optionalObject(optionalObject(json, 'requestError') ?? {}, 'serviceException');
  const violation = optionalArray(json, 'violations').find(isJsonObject);
  const detail = violation ? [optionalString(violation, 'property'), optionalString(violation, 'violation')].filter(Boolean).join(' ') : '';
  const description = optionalString(json, 'description') ?? (legacy ? optionalString(legacy, 'text') : undefined);
  return {
    code: optionalString(json, 'errorCode') ?? (legacy ? optionalString(legacy, 'messageId') : undefined) ?? String(status),
    description: description && detail ? `${description} (${detail})` : description || detail || undefined,
  };
}

/** The SMS logs, filtered by our id; Infobip keeps them for 48 hours (SmsApi.java getOutboundSmsMessageLogs). */
function buildInfobipLookup(messageId: string, credentials: SendCredentials) {
  const { baseUrl, authorization } = credentialsOf(credentials);
  return jsonRequest('GET', `${baseUrl}/sms/3/logs?${new URLSearchParams({ messageId })}`, authorization);
}

function interpretInfobipLookup(status: number, body: string): LookupOutcome {
  const json = parseJson(body);
  if (status !== 200 || !isJsonObject(json) || !Array.isArray(json['results'])) return unknownLookup(PROVIDER, status);
  const log = json['results'].find(isJsonObject);
  const id = log ? optionalString(log, 'messageId') : undefined;
  return id ? { found: true, providerMessageId: id } : { found: false };
}

export const infobipSender: CarrierSender = {
  buildSendRequest: buildInfobipRequest,
  interpretResponse: interpretInfobip,
  duplicateProtection:
    "Client reference and lookup: our id becomes Infobip's messageId (and callbackData), and the SMS logs can be searched by it for 48 hours; Infobip does not document refusing a repeated messageId, so look the message up before resending.",
  buildLookupRequest: buildInfobipLookup,
  interpretLookup: interpretInfobipLookup,
};
