import { ErrorCategory } from '../carrier-adapter';
import { type ErrorTable, lookupError } from '../internal/errors';
import {
  baseUrlOr,
  isSuccess,
  jsonRequest,
  refusalOutcome,
  requireCredential,
  transientOutcome,
  unknownLookup,
  unreadableSuccess,
} from '../internal/http';
import { isJsonObject, optionalString, parseJson, parseJsonObject } from '../internal/json';
import { type CarrierSender, type LookupOutcome, type OutboundSms, type SendCredentials, type SendOutcome } from '../send';

// SMS REST API "Send" and "List Batches", https://{region}.sms.api.sinch.com/xms/v1/{service_plan_id}/batches with
// the API token as a bearer token (developers.sinch.com/docs/sms/api-reference/sms/batches; sinch/sinch-sdk-node
// ListBatchesRequestData for the client_reference filter).

const PROVIDER = 'Sinch';
/** The US region; another region (eu, au, br, ca) is chosen with the channel's base URL. */
const API = 'https://us.sms.api.sinch.com';

function batchesUrl(credentials: SendCredentials): { url: string; authorization: string } {
  const servicePlanId = requireCredential(credentials, 'servicePlanId', PROVIDER, 'service plan ID');
  const apiToken = requireCredential(credentials, 'apiKey', PROVIDER, 'API token');
  return { url: `${baseUrlOr(credentials, API)}/xms/v1/${encodeURIComponent(servicePlanId)}/batches`, authorization: `Bearer ${apiToken}` };
}

function buildSinchRequest(sms: OutboundSms, credentials: SendCredentials) {
  const { url, authorization } = batchesUrl(credentials);
  return jsonRequest('POST', url, authorization, {
    from: sms.from,
    to: [sms.to],
    body: sms.text,
    // One recipient_delivery_report_sms callback per status change, which the inbound adapter reads.
    delivery_report: 'per_recipient',
    callback_url: sms.statusCallbackUrl,
    client_reference: sms.messageId,
  });
}

/**
 * The `code`s of 400 and 403 answers, which come as `{code, text}` (developers.sinch.com/docs/sms/api-reference/
 * status-codes). They share nothing with the delivery report codes the inbound adapter maps, whose numbers would
 * misread an HTTP status.
 */
const REFUSALS: ErrorTable = {
  syntax_invalid_json: ['Sinch could not read the request as JSON.', ErrorCategory.Rejected, true],
  syntax_invalid_parameter_format: ['Sinch found a field in the wrong format, such as a malformed phone number.', ErrorCategory.Rejected, true],
  syntax_constraint_violation: ['Sinch refused the request: a required field is missing or a value is out of range.', ErrorCategory.Rejected, true],
  blocked_account: ['The Sinch account is blocked; contact Sinch.', ErrorCategory.Rejected, true],
  illegal_number_type: ['Sinch cannot send to this type of number in its region.', ErrorCategory.InvalidNumber, true],
};

/** 201 with the batch, whose `id` names every delivery report. */
function interpretSinch(status: number, headers: Readonly<Record<string, string | undefined>>, body: string): SendOutcome {
  const json = parseJsonObject(body);
  if (isSuccess(status)) {
    const id = optionalString(json, 'id');
    return id ? { kind: 'accepted', providerMessageId: id } : unreadableSuccess(PROVIDER, status);
  }
  const transient = transientOutcome(status, headers, PROVIDER, false);
  if (transient) return transient;
  const code = optionalString(json, 'code') ?? String(status);
  const description = optionalString(json, 'text');
  // lookupError gives unlisted codes category Unknown, so they keep Sinch's text (or read as authentication on 401/403).
  const error = lookupError(REFUSALS, code, PROVIDER);
  return refusalOutcome(error, status, headers, PROVIDER, description);
}

/** Batches carrying our client reference; Sinch lists the last 24 hours unless told otherwise. */
function buildSinchLookup(messageId: string, credentials: SendCredentials) {
  const { url, authorization } = batchesUrl(credentials);
  return jsonRequest('GET', `${url}?${new URLSearchParams({ client_reference: messageId })}`, authorization);
}

function interpretSinchLookup(status: number, body: string): LookupOutcome {
  const json = parseJson(body);
  if (status !== 200 || !isJsonObject(json) || !Array.isArray(json['batches'])) return unknownLookup(PROVIDER, status);
  const batch = json['batches'].find(isJsonObject);
  const id = batch ? optionalString(batch, 'id') : undefined;
  return id ? { found: true, providerMessageId: id } : { found: false };
}

export const sinchSender: CarrierSender = {
  buildSendRequest: buildSinchRequest,
  interpretResponse: interpretSinch,
  duplicateProtection:
    'Client reference and lookup: our id is the batch client_reference and the batch list can be filtered by it (last 24 hours by default); Sinch does not refuse a repeated client_reference, so look the batch up before resending.',
  buildLookupRequest: buildSinchLookup,
  interpretLookup: interpretSinchLookup,
};
