import { ErrorCategory } from '../carrier-adapter';
import { SendConfigurationError } from '../send';
import { CYRILLIC_TEXT, basicAuthHeader, outboundSms } from '../test-support';
import { plivoSender } from './plivo.send';

// Request: plivo.com/docs/messaging/api/messages (src, dst, text, url, method) and plivo/plivo-node lib/rest/axios.js
// @ 01c61d2da2783ea36ee21c59509eb7d05132724c (JSON body, HTTP Basic auth_id:auth_token). Responses: the 202 samples in
// Plivo's docs code samples ({api_id, message: "message(s) queued", message_uuid}, and `invalid_number` for a
// destination it cannot use). Plivo documents no error body schema; `{api_id, error}` is the shape it answers with,
// treated here as free text.

const CREDENTIALS = { accountSid: 'MAXXXXXXXXXXXXXXXXXX', authToken: 'plivo-auth-token' };
const SMS = outboundSms();

describe('Plivo sender', () => {
  describe('buildSendRequest', () => {
    it('posts src, dst, text and our status URL with Basic auth from the Auth ID and token', () => {
      expect(plivoSender.buildSendRequest(SMS, CREDENTIALS)).toEqual({
        method: 'POST',
        url: 'https://api.plivo.com/v1/Account/MAXXXXXXXXXXXXXXXXXX/Message/',
        headers: {
          authorization: basicAuthHeader('MAXXXXXXXXXXXXXXXXXX', 'plivo-auth-token'),
          accept: 'application/json',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ src: '+15550001111', dst: '+380501234567', text: SMS.text, url: SMS.statusCallbackUrl, method: 'POST' }),
      });
    });

    it('sends Cyrillic text unchanged and lets Plivo pick the encoding', () => {
      expect(JSON.parse(plivoSender.buildSendRequest(outboundSms({ text: CYRILLIC_TEXT }), CREDENTIALS).body ?? '').text).toBe(CYRILLIC_TEXT);
    });

    it('needs the Auth ID, which the inbound side never did', () => {
      expect(() => plivoSender.buildSendRequest(SMS, { authToken: 'plivo-auth-token' })).toThrow(SendConfigurationError);
      expect(() => plivoSender.buildSendRequest(SMS, { authToken: 'plivo-auth-token' })).toThrow('no Auth ID');
    });
  });

  describe('interpretResponse', () => {
    it('accepts the documented 202 under its first message_uuid', () => {
      const body = JSON.stringify({ api_id: 'e8f04d94-a0ae-11e4-b423-22000ac8a2f8', message: 'message(s) queued', message_uuid: ['e908608c-a0ae-11e4-89de-22000ae885b8'] });
      expect(plivoSender.interpretResponse(202, {}, body)).toEqual({ kind: 'accepted', providerMessageId: 'e908608c-a0ae-11e4-89de-22000ae885b8' });
    });

    it('fails a destination Plivo lists as invalid_number and queues nothing for', () => {
      const body = JSON.stringify({ api_id: '87ac8f1c-3558-11eb-8618-0242ac110003', invalid_number: ['333333333'], message: 'message(s) queued', message_uuid: [] });
      expect(plivoSender.interpretResponse(202, {}, body)).toEqual({
        kind: 'failed',
        error: { code: 'invalid_number', reason: 'Plivo found the recipient number 333333333 invalid.', category: ErrorCategory.InvalidNumber, permanent: true },
      });
    });

    it('retries a 429 after Retry-After and a 500', () => {
      expect(plivoSender.interpretResponse(429, { 'retry-after': '10' }, '')).toEqual({ kind: 'retry', reason: 'Plivo answered HTTP 429', retryAfterSeconds: 10 });
      expect(plivoSender.interpretResponse(500, {}, '')).toEqual({ kind: 'retry', reason: 'Plivo answered HTTP 500' });
    });

    it('fails a 401 as an authentication problem', () => {
      const body = JSON.stringify({ api_id: 'a3f1', error: 'Authentication failed' });
      expect(plivoSender.interpretResponse(401, {}, body)).toMatchObject({
        kind: 'failed',
        error: { code: '401', category: ErrorCategory.Authentication, permanent: true, reason: expect.stringContaining('Authentication failed') },
      });
    });

    it('fails a 400 with Plivo\'s own words', () => {
      const body = JSON.stringify({ api_id: 'b7c2', error: "invalid 'dst' parameter" });
      expect(plivoSender.interpretResponse(400, {}, body)).toEqual({
        kind: 'failed',
        error: { code: '400', reason: "Plivo refused the message: invalid 'dst' parameter", category: ErrorCategory.Rejected, permanent: true },
      });
    });

    it('calls a 202 without a uuid or an invalid number unknown', () => {
      expect(plivoSender.interpretResponse(202, {}, '{"api_id":"x","message":"message(s) queued"}')).toMatchObject({ kind: 'unknown' });
    });

    it('offers no lookup, since Plivo has no client reference to search by', () => {
      expect(plivoSender.buildLookupRequest).toBeUndefined();
    });
  });
});
