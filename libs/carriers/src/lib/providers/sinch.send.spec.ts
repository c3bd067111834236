import { ErrorCategory } from '../carrier-adapter';
import { SendConfigurationError } from '../send';
import { CYRILLIC_TEXT, outboundSms } from '../test-support';
import { sinchSender } from './sinch.send';

// Request and batch response: developers.sinch.com/docs/sms/api-reference/sms/batches (Send, List Batches; ids such
// as 01FC66621XXXXX119Z8PMV1QPQ are the reference's examples). 400/403 bodies `{code, text}` and their codes:
// developers.sinch.com/docs/sms/api-reference/status-codes and community.sinch.com "Common SMS HTTP Statuses and
// Codes Explained". client_reference filter: sinch/sinch-sdk-node ListBatchesRequestData (SDK 1.5.0 docs).

const CREDENTIALS = { servicePlanId: 'jd63jf88477ll123ab4567cd89012ef3', apiKey: 'sinch-api-token' };
const SMS = outboundSms();
const BATCHES = 'https://us.sms.api.sinch.com/xms/v1/jd63jf88477ll123ab4567cd89012ef3/batches';

const CREATED = JSON.stringify({
  id: '01FC66621XXXXX119Z8PMV1QPQ',
  to: ['380501234567'],
  from: '15550001111',
  canceled: false,
  body: SMS.text,
  type: 'mt_text',
  created_at: '2019-08-24T14:15:22Z',
  modified_at: '2019-08-24T14:15:22Z',
  delivery_report: 'per_recipient',
  callback_url: SMS.statusCallbackUrl,
  client_reference: SMS.messageId,
});

describe('Sinch sender', () => {
  describe('buildSendRequest', () => {
    it('posts a one-recipient batch with per-recipient reports, our callback and our id as client_reference', () => {
      expect(sinchSender.buildSendRequest(SMS, CREDENTIALS)).toEqual({
        method: 'POST',
        url: BATCHES,
        headers: { authorization: 'Bearer sinch-api-token', accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify({
          from: '+15550001111',
          to: ['+380501234567'],
          body: SMS.text,
          delivery_report: 'per_recipient',
          callback_url: SMS.statusCallbackUrl,
          client_reference: SMS.messageId,
        }),
      });
    });

    it('sends Cyrillic text unchanged and lets Sinch pick the encoding', () => {
      expect(JSON.parse(sinchSender.buildSendRequest(outboundSms({ text: CYRILLIC_TEXT }), CREDENTIALS).body ?? '').body).toBe(CYRILLIC_TEXT);
    });

    it('uses the region the base URL names instead of the US one', () => {
      expect(sinchSender.buildSendRequest(SMS, { ...CREDENTIALS, baseUrl: 'eu.sms.api.sinch.com' }).url).toBe(
        'https://eu.sms.api.sinch.com/xms/v1/jd63jf88477ll123ab4567cd89012ef3/batches',
      );
    });

    it('needs the service plan ID', () => {
      expect(() => sinchSender.buildSendRequest(SMS, { apiKey: 'sinch-api-token' })).toThrow(SendConfigurationError);
      expect(() => sinchSender.buildSendRequest(SMS, { apiKey: 'sinch-api-token' })).toThrow('no service plan ID');
    });
  });

  describe('interpretResponse', () => {
    it('accepts a 201 under the batch id', () => {
      expect(sinchSender.interpretResponse(201, {}, CREATED)).toEqual({ kind: 'accepted', providerMessageId: '01FC66621XXXXX119Z8PMV1QPQ' });
    });

    it('retries a 429 after Retry-After and a 503', () => {
      expect(sinchSender.interpretResponse(429, { 'Retry-After': '3' }, '')).toEqual({ kind: 'retry', reason: 'Sinch answered HTTP 429', retryAfterSeconds: 3 });
      expect(sinchSender.interpretResponse(503, {}, '')).toEqual({ kind: 'retry', reason: 'Sinch answered HTTP 503' });
    });

    it('treats a 504 as unknown, since a repeated client_reference is not refused', () => {
      expect(sinchSender.interpretResponse(504, {}, '')).toMatchObject({ kind: 'unknown' });
    });

    it('fails a number type Sinch cannot send to (403 illegal_number_type) as an invalid number', () => {
      const body = JSON.stringify({ code: 'illegal_number_type', text: 'Illegal number type for region' });
      expect(sinchSender.interpretResponse(403, {}, body)).toMatchObject({ kind: 'failed', error: { code: 'illegal_number_type', category: ErrorCategory.InvalidNumber, permanent: true } });
    });

    it('fails a malformed number (400 syntax_invalid_parameter_format) permanently', () => {
      const body = JSON.stringify({ code: 'syntax_invalid_parameter_format', text: 'Invalid MSISDN: 380' });
      expect(sinchSender.interpretResponse(400, {}, body)).toMatchObject({ kind: 'failed', error: { code: 'syntax_invalid_parameter_format', category: ErrorCategory.Rejected, permanent: true } });
    });

    it('fails a 401 as an authentication problem, whatever its body', () => {
      expect(sinchSender.interpretResponse(401, {}, '')).toMatchObject({ kind: 'failed', error: { code: '401', category: ErrorCategory.Authentication, permanent: true } });
    });

    it('fails a 403 with an unlisted code as an authentication problem, keeping Sinch\'s text', () => {
      const body = JSON.stringify({ code: 'unauthorized_service_plan', text: 'Service plan not allowed' });
      expect(sinchSender.interpretResponse(403, {}, body)).toMatchObject({
        kind: 'failed',
        error: { code: 'unauthorized_service_plan', category: ErrorCategory.Authentication, reason: expect.stringContaining('Service plan not allowed') },
      });
    });

    it('calls a 201 without an id unknown', () => {
      expect(sinchSender.interpretResponse(201, {}, '{}')).toMatchObject({ kind: 'unknown' });
    });
  });

  describe('lookup', () => {
    it('lists batches filtered by our client reference', () => {
      expect(sinchSender.buildLookupRequest?.(SMS.messageId, CREDENTIALS)).toEqual({
        method: 'GET',
        url: `${BATCHES}?client_reference=${SMS.messageId}`,
        headers: { authorization: 'Bearer sinch-api-token', accept: 'application/json' },
      });
    });

    it('finds the batch the list returns', () => {
      const body = JSON.stringify({ count: 1, page: 0, page_size: 30, batches: [JSON.parse(CREATED)] });
      expect(sinchSender.interpretLookup?.(200, body)).toEqual({ found: true, providerMessageId: '01FC66621XXXXX119Z8PMV1QPQ' });
    });

    it('reports not found for an empty page', () => {
      expect(sinchSender.interpretLookup?.(200, '{"count":0,"page":0,"page_size":0,"batches":[]}')).toEqual({ found: false });
    });

    it('cannot tell when the list answers an error', () => {
      expect(sinchSender.interpretLookup?.(401, '')).toMatchObject({ unknown: true });
    });
  });
});
