import { ErrorCategory } from '../carrier-adapter';
import {
  authenticationError,
  isAuthenticationStatus,
  isSuccess,
  requireCredential,
  transientOutcome,
  unreadableSuccess,
} from '../internal/http';
import { optionalInteger, optionalString, parseJsonObject } from '../internal/json';
import { type CarrierSender, type HttpRequestSpec, type OutboundSms, SendConfigurationError, type SendCredentials, type SendOutcome } from '../send';
import { GENERIC_SIGNATURE_HEADER, signGenericWebhook } from './generic';

// Backtalk's own outbound format for aggregators without a dedicated adapter; specified in libs/carriers/README.md
// ("Generic JSON webhook", "Sending"). Signed exactly like the inbound format, with the same channel secret.

const PROVIDER = 'The aggregator';

function buildGenericRequest(sms: OutboundSms, credentials: SendCredentials, now: Date = new Date()): HttpRequestSpec {
  const url = requireCredential(credentials, 'baseUrl', 'generic', 'send URL (base URL)');
  // The aggregator's endpoint is used exactly as configured, so it must be a complete URL.
  if (!/^https?:\/\/[^/?#]+/i.test(url)) throw new SendConfigurationError('The generic channel\'s send URL must start with https:// (or http://)');
  const secret = requireCredential(credentials, 'signatureSecret', 'generic', 'signing secret');
  const body = JSON.stringify({ type: 'send', id: sms.messageId, from: sms.from, to: sms.to, text: sms.text, statusCallbackUrl: sms.statusCallbackUrl });
  return {
    method: 'POST',
    url,
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      // Each attempt is signed with its own time, as the aggregator checks it against a 300-second window.
      [GENERIC_SIGNATURE_HEADER]: signGenericWebhook(secret, body, Math.floor(now.getTime() / 1000)),
    },
    body,
  };
}

/**
 * 2xx `{id, segments?}`; 4xx `{errorCode, errorDescription, permanent?}`. Our id is an idempotency key the aggregator
 * must honour, so every ambiguous answer, a 504 included, is safe to retry.
 */
function interpretGeneric(status: number, headers: Readonly<Record<string, string | undefined>>, body: string): SendOutcome {
  const json = parseJsonObject(body);
  if (isSuccess(status)) {
    const id = optionalString(json, 'id');
    if (!id) return unreadableSuccess(PROVIDER, status);
    const segments = optionalInteger(json, 'segments');
    return segments ? { kind: 'accepted', providerMessageId: id, segments } : { kind: 'accepted', providerMessageId: id };
  }
  const transient = transientOutcome(status, headers, PROVIDER, true);
  if (transient) return transient;

  const code = optionalString(json, 'errorCode') ?? String(status);
  const description = optionalString(json, 'errorDescription');
  if (isAuthenticationStatus(status)) return { kind: 'failed', error: authenticationError(PROVIDER, code, description ?? 'check the signing secret and the clock') };
  const permanent = json['permanent'];
  return {
    kind: 'failed',
    error: {
      code,
      reason: description ?? `The aggregator refused the message with HTTP ${status}.`,
      category: ErrorCategory.Rejected,
      permanent: typeof permanent === 'boolean' ? permanent : true,
    },
  };
}

export const genericSender: CarrierSender = {
  buildSendRequest: buildGenericRequest,
  interpretResponse: interpretGeneric,
  duplicateProtection:
    'Idempotency key: our id is sent as `id`, and the aggregator must answer a repeated id with the id it returned the first time instead of sending again.',
};
