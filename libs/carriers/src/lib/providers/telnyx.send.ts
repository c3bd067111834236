import { baseUrlOr, isSuccess, jsonRequest, refusalOutcome, requireCredential, transientOutcome, unreadableSuccess } from '../internal/http';
import { isJsonObject, optionalArray, optionalInteger, optionalObject, optionalString, parseJsonObject } from '../internal/json';
import { type CarrierSender, type OutboundSms, type SendCredentials, type SendOutcome } from '../send';
import { telnyxAdapter } from './telnyx';

// "Send a message", POST https://api.telnyx.com/v2/messages (developers.telnyx.com/api-reference/messages/send-a-message;
// team-telnyx/telnyx-node src/resources/messages/messages.ts @ 0918b35972dba786824fbeefd1528d3f93b3c7b0).

const PROVIDER = 'Telnyx';
const API = 'https://api.telnyx.com';

function buildTelnyxRequest(sms: OutboundSms, credentials: SendCredentials) {
  const apiKey = requireCredential(credentials, 'apiKey', PROVIDER, 'API key');
  // webhook_url is tried before the messaging profile's own webhooks, so reports reach this channel either way.
  return jsonRequest('POST', `${baseUrlOr(credentials, API)}/v2/messages`, `Bearer ${apiKey}`, {
    from: sms.from,
    to: sms.to,
    text: sms.text,
    webhook_url: sms.statusCallbackUrl,
  });
}

/**
 * 200 with `{data: OutboundMessagePayload}` (`id`, `parts`…). Errors are `{errors: [{code, title, detail, source,
 * meta}]}` (MessagingError in telnyx-node); the first names the cause, and its code goes through the inbound
 * adapter's table: 40300 (opted out) fails, 40318 (queue full) and 10011 (rate limited) are retried.
 */
function interpretTelnyx(status: number, headers: Readonly<Record<string, string | undefined>>, body: string): SendOutcome {
  const json = parseJsonObject(body);
  if (isSuccess(status)) {
    const data = optionalObject(json, 'data');
    const id = data ? optionalString(data, 'id') : undefined;
    if (!data || !id) return unreadableSuccess(PROVIDER, status);
    const parts = optionalInteger(data, 'parts');
    return parts ? { kind: 'accepted', providerMessageId: id, segments: parts } : { kind: 'accepted', providerMessageId: id };
  }

  const transient = transientOutcome(status, headers, PROVIDER, false);
  if (transient) return transient;
  const error = optionalArray(json, 'errors').find(isJsonObject) ?? {};
  const code = optionalString(error, 'code') ?? String(status);
  const description = optionalString(error, 'detail') ?? optionalString(error, 'title');
  return refusalOutcome(telnyxAdapter.mapError(code), status, headers, PROVIDER, description);
}

export const telnyxSender: CarrierSender = {
  buildSendRequest: buildTelnyxRequest,
  interpretResponse: interpretTelnyx,
  duplicateProtection:
    "None: Telnyx honours an Idempotency-Key header only on endpoints whose reference declares it, and Send a message does not; the API cannot be searched by our id either.",
};
