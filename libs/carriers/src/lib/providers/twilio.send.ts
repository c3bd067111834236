import { basicAuthHeader } from '../internal/basic-auth';
import { baseUrlOr, formRequest, isSuccess, refusalOutcome, requireCredential, transientOutcome, unreadableSuccess } from '../internal/http';
import { optionalString, parseJsonObject, toInteger } from '../internal/json';
import { type CarrierSender, type OutboundSms, type SendCredentials, type SendOutcome } from '../send';
import { twilioAdapter } from './twilio';

// Programmable Messaging "Create a Message" (twilio.com/docs/messaging/api/message-resource#create-a-message-resource;
// twilio/twilio-node src/rest/api/v2010/account/message.ts).

const PROVIDER = 'Twilio';
const API = 'https://api.twilio.com';

/** A Messaging Service SID: `MG` and 32 hex digits. An alphanumeric sender such as "MGMRESORTS" is not one. */
const MESSAGING_SERVICE_SID = /^MG[0-9a-f]{32}$/i;

function buildTwilioRequest(sms: OutboundSms, credentials: SendCredentials) {
  const accountSid = requireCredential(credentials, 'accountSid', PROVIDER, 'Account SID');
  const authToken = requireCredential(credentials, 'authToken', PROVIDER, 'auth token');
  const sender: readonly [string, string] = MESSAGING_SERVICE_SID.test(sms.from) ? ['MessagingServiceSid', sms.from] : ['From', sms.from];
  return formRequest(
    `${baseUrlOr(credentials, API)}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`,
    [['To', sms.to], sender, ['Body', sms.text], ['StatusCallback', sms.statusCallbackUrl]],
    basicAuthHeader(accountSid, authToken),
  );
}

/**
 * 201 with the Message resource on success. Errors carry `{code, message, more_info, status}` (twilio-node
 * src/base/RestException.ts); newer endpoints answer RFC 9457 `{type, title, status, code}`, so `title` is read too.
 */
function interpretTwilio(status: number, headers: Readonly<Record<string, string | undefined>>, body: string): SendOutcome {
  const json = parseJsonObject(body);
  if (isSuccess(status)) {
    const sid = optionalString(json, 'sid');
    if (!sid) return unreadableSuccess(PROVIDER, status);
    // A Messaging Service has not picked a sender yet, so it answers num_segments "0": not a count.
    const segments = toInteger(optionalString(json, 'num_segments'));
    return segments ? { kind: 'accepted', providerMessageId: sid, segments } : { kind: 'accepted', providerMessageId: sid };
  }

  const transient = transientOutcome(status, headers, PROVIDER, false);
  if (transient) return transient;

  const code = optionalString(json, 'code') ?? String(status);
  const description = optionalString(json, 'message') ?? optionalString(json, 'title');
  // 20429 (too many requests) and 21611 (the sender's queue is full) refuse the message for now, not for good.
  return refusalOutcome(twilioAdapter.mapError(code), status, headers, PROVIDER, description);
}

export const twilioSender: CarrierSender = {
  buildSendRequest: buildTwilioRequest,
  interpretResponse: interpretTwilio,
  duplicateProtection:
    'None: Twilio has no idempotency key and no client reference to search by, so a send whose outcome is unknown cannot be checked and resending it may deliver it twice.',
};
