import { ErrorCategory } from '../carrier-adapter';
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
import { isJsonObject, optionalArray, optionalInteger, optionalString, parseJsonObject } from '../internal/json';
import { type CarrierSender, type OutboundSms, type SendCredentials, type SendOutcome } from '../send';

// Messaging v2 "Send SMS or MMS Messages", POST https://messaging.bandwidth.com/api/v2/users/{accountId}/messages
// with HTTP Basic API username:password (Bandwidth/bandwidth.github.io messaging/methods/messages/createMessage.md;
// Bandwidth/api-docs markdown/messaging/overview.md).

const PROVIDER = 'Bandwidth';
const API = 'https://messaging.bandwidth.com';

/**
 * There is no per-message callback URL: Bandwidth sends delivery events to the callback URL of the messaging
 * application, which must be the channel's webhook URL. `tag` carries our id into those events.
 */
function buildBandwidthRequest(sms: OutboundSms, credentials: SendCredentials) {
  const accountId = requireCredential(credentials, 'accountSid', PROVIDER, 'account ID');
  const username = requireCredential(credentials, 'apiKey', PROVIDER, 'API username');
  const password = requireCredential(credentials, 'apiSecret', PROVIDER, 'API password');
  const applicationId = requireCredential(credentials, 'applicationId', PROVIDER, 'application ID');
  return jsonRequest('POST', `${baseUrlOr(credentials, API)}/api/v2/users/${encodeURIComponent(accountId)}/messages`, basicAuthHeader(username, password), {
    applicationId,
    to: [sms.to],
    from: sms.from,
    text: sms.text,
    tag: sms.messageId,
  });
}

/**
 * 202 with the message (`id`, `segmentCount`…). Any 4xx or 5xx means the message was neither sent nor billed; error
 * bodies are `{type, description, fieldErrors?: [{fieldName, description}]}` (dev.bandwidth.com/v2-messaging/codes).
 * Opt-outs and carrier refusals arrive later as message-failed events, which the inbound adapter maps.
 */
function interpretBandwidth(status: number, headers: Readonly<Record<string, string | undefined>>, body: string): SendOutcome {
  const json = parseJsonObject(body);
  if (isSuccess(status)) {
    const id = optionalString(json, 'id');
    if (!id) return unreadableSuccess(PROVIDER, status);
    const segments = optionalInteger(json, 'segmentCount');
    return segments ? { kind: 'accepted', providerMessageId: id, segments } : { kind: 'accepted', providerMessageId: id };
  }
  const transient = transientOutcome(status, headers, PROVIDER, false);
  if (transient) return transient;

  const fieldErrors = optionalArray(json, 'fieldErrors').filter(isJsonObject);
  const details = fieldErrors.map((field) => optionalString(field, 'description')).filter((text): text is string => Boolean(text));
  const description = [optionalString(json, 'description'), ...details].filter(Boolean).join(': ') || undefined;
  const code = optionalString(json, 'type') ?? String(status);
  if (status === 400 && fieldErrors.some((field) => optionalString(field, 'fieldName') === 'to')) {
    return {
      kind: 'failed',
      error: { code, reason: `Bandwidth refused the recipient number${details.length > 0 ? `: ${details.join('; ')}` : '.'}`, category: ErrorCategory.InvalidNumber, permanent: true },
    };
  }
  return refusalOutcome(unknownError(code, PROVIDER), status, headers, PROVIDER, description);
}

export const bandwidthSender: CarrierSender = {
  buildSendRequest: buildBandwidthRequest,
  interpretResponse: interpretBandwidth,
  duplicateProtection:
    'None: tag carries our id into delivery events, but Bandwidth takes no idempotency key and its message list cannot be filtered by tag.',
};
