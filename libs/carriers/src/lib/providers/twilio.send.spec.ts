import { ErrorCategory } from '../carrier-adapter';
import { SendConfigurationError } from '../send';
import { CYRILLIC_TEXT, basicAuthHeader, formBody, outboundSms } from '../test-support';
import { twilioSender } from './twilio.send';

// Request shape: twilio.com/docs/messaging/api/message-resource#create-a-message-resource and twilio/twilio-node
// src/rest/api/v2010/account/message.ts @ 0ccd7ca747bd91a793c3a7bc296a0e4c62438cc9 (To, From, MessagingServiceSid,
// Body, StatusCallback; POST /2010-04-01/Accounts/{AccountSid}/Messages.json with HTTP Basic AccountSid:AuthToken).
// Error body shape: twilio-node src/base/RestException.ts (code, message, more_info, status).

const CREDENTIALS = { accountSid: 'ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', authToken: 'AUTHTOKEN' };
const URL_ = 'https://api.twilio.com/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Messages.json';
const SERVICE_SID = 'MGaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

// The "create" response fixture of twilio/twilio-node spec/integration/rest/api/v2010/account/message.spec.js
// @ 0168eacdc5f04e939460e3ed8df07c56dbb0a014.
const CREATED = JSON.stringify({
  account_sid: 'ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  api_version: '2010-04-01',
  body: 'O Slash: \u00d8, PoP: \ud83d\udca9',
  date_created: 'Thu, 30 Jul 2015 20:12:31 +0000',
  date_sent: 'Thu, 30 Jul 2015 20:12:33 +0000',
  date_updated: 'Thu, 30 Jul 2015 20:12:33 +0000',
  direction: 'outbound-api',
  error_code: null,
  error_message: null,
  from: '+14155552345',
  messaging_service_sid: 'MGaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  num_media: '0',
  num_segments: '1',
  price: '-0.00750',
  price_unit: 'USD',
  sid: 'SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  status: 'sent',
  subresource_uris: { media: '/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Messages/SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Media.json' },
  to: '+14155552345',
  uri: '/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Messages/SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.json',
});

/** Twilio error bodies, worded as on twilio.com/docs/errors/<code>. */
function twilioError(code: number, message: string, status = 400): string {
  return JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

describe('Twilio sender', () => {
  describe('buildSendRequest', () => {
    it('posts the form Twilio documents, with Basic auth from the Account SID and auth token', () => {
      const sms = outboundSms();
      expect(twilioSender.buildSendRequest(sms, CREDENTIALS)).toEqual({
        method: 'POST',
        url: URL_,
        headers: {
          authorization: basicAuthHeader('ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'AUTHTOKEN'),
          accept: 'application/json',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: formBody([
          ['To', '+380501234567'],
          ['From', '+15550001111'],
          ['Body', sms.text],
          ['StatusCallback', sms.statusCallbackUrl],
        ]),
      });
    });

    it('sends Cyrillic text as UTF-8 and leaves the encoding to Twilio', () => {
      const request = twilioSender.buildSendRequest(outboundSms({ text: CYRILLIC_TEXT }), CREDENTIALS);
      expect(new URLSearchParams(request.body).get('Body')).toBe(CYRILLIC_TEXT);
      expect(request.body).toContain('Body=%D0%9F%D1%80%D0%B8%D0%B2%D1%96%D1%82%21');
    });

    it('names a Messaging Service sender with MessagingServiceSid instead of From', () => {
      const params = new URLSearchParams(twilioSender.buildSendRequest(outboundSms({ from: SERVICE_SID }), CREDENTIALS).body);
      expect(params.get('MessagingServiceSid')).toBe(SERVICE_SID);
      expect(params.has('From')).toBe(false);
    });

    it('keeps an alphanumeric sender that merely starts with MG in From', () => {
      const params = new URLSearchParams(twilioSender.buildSendRequest(outboundSms({ from: 'MGMRESORTS' }), CREDENTIALS).body);
      expect(params.get('From')).toBe('MGMRESORTS');
      expect(params.has('MessagingServiceSid')).toBe(false);
    });

    it('sends to another origin when the channel sets a base URL, keeping the path', () => {
      expect(twilioSender.buildSendRequest(outboundSms(), { ...CREDENTIALS, baseUrl: 'http://carrier-sim:4010/' }).url).toBe(
        'http://carrier-sim:4010/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Messages.json',
      );
    });

    it('refuses to build a request without the Account SID', () => {
      expect(() => twilioSender.buildSendRequest(outboundSms(), { authToken: 'AUTHTOKEN' })).toThrow(SendConfigurationError);
      expect(() => twilioSender.buildSendRequest(outboundSms(), { authToken: 'AUTHTOKEN' })).toThrow('no Account SID');
    });
  });

  describe('interpretResponse', () => {
    it('accepts the documented 201 body with its SID and segment count', () => {
      expect(twilioSender.interpretResponse(201, {}, CREATED)).toEqual({
        kind: 'accepted',
        providerMessageId: 'SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        segments: 1,
      });
    });

    it('leaves segments out when a Messaging Service answers num_segments "0"', () => {
      const body = JSON.stringify({ ...JSON.parse(CREATED), num_segments: '0', status: 'accepted' });
      expect(twilioSender.interpretResponse(201, {}, body)).toEqual({ kind: 'accepted', providerMessageId: 'SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' });
    });

    it('retries a 429 after the seconds Retry-After asks for', () => {
      expect(twilioSender.interpretResponse(429, { 'Retry-After': '30' }, twilioError(20429, 'Too Many Requests', 429))).toEqual({
        kind: 'retry',
        reason: 'Twilio answered HTTP 429',
        retryAfterSeconds: 30,
      });
    });

    it('retries a 503 after an HTTP-date Retry-After, measured from the response Date', () => {
      const headers = { date: 'Wed, 21 Oct 2015 07:28:00 GMT', 'retry-after': 'Wed, 21 Oct 2015 07:30:00 GMT' };
      expect(twilioSender.interpretResponse(503, headers, '')).toEqual({ kind: 'retry', reason: 'Twilio answered HTTP 503', retryAfterSeconds: 120 });
    });

    it('retries a 500 without a delay when Retry-After is absent', () => {
      expect(twilioSender.interpretResponse(500, {}, twilioError(20500, 'Internal Server Error', 500))).toEqual({ kind: 'retry', reason: 'Twilio answered HTTP 500' });
    });

    it('treats a 504 as unknown, because Twilio has no idempotency key to make a resend safe', () => {
      expect(twilioSender.interpretResponse(504, {}, '')).toMatchObject({ kind: 'unknown' });
    });

    it('retries error 21611 (the sender queue is full) that arrives with HTTP 400', () => {
      const body = twilioError(21611, "This 'From' number has exceeded the maximum number of queued messages");
      expect(twilioSender.interpretResponse(400, {}, body)).toMatchObject({ kind: 'retry', reason: expect.stringContaining('21611') });
    });

    it('fails an opted-out recipient (21610) with the inbound adapter\'s reason', () => {
      const outcome = twilioSender.interpretResponse(400, {}, twilioError(21610, 'Attempt to send to unsubscribed recipient'));
      expect(outcome).toEqual({
        kind: 'failed',
        error: {
          code: '21610',
          reason: expect.stringContaining('replied STOP'),
          category: ErrorCategory.OptedOut,
          permanent: true,
        },
      });
    });

    it.each([
      ['21211', "The 'To' number +1555 is not a valid phone number.", ErrorCategory.InvalidNumber],
      ['21614', "'To' number is not a valid mobile number", ErrorCategory.InvalidNumber],
      ['21408', "Permission to send an SMS has not been enabled for the region indicated by the 'To' number", ErrorCategory.Rejected],
      ['21612', "The 'To' phone number is not currently reachable via SMS", ErrorCategory.Rejected],
    ])('fails error %s permanently', (code, message, category) => {
      expect(twilioSender.interpretResponse(400, {}, twilioError(Number(code), message))).toMatchObject({
        kind: 'failed',
        error: { code, category, permanent: true },
      });
    });

    it('fails a 401 (20003) as an authentication problem', () => {
      // The body Twilio answers to wrong credentials (twilio.com/docs/errors/20003).
      const body = JSON.stringify({
        code: 20003,
        detail: 'Your AccountSid or AuthToken was incorrect.',
        message: 'Authenticate',
        more_info: 'https://www.twilio.com/docs/errors/20003',
        status: 401,
      });
      expect(twilioSender.interpretResponse(401, {}, body)).toMatchObject({
        kind: 'failed',
        error: { code: '20003', category: ErrorCategory.Authentication, permanent: true },
      });
    });

    it('fails a 403 without a Twilio code as an authentication problem', () => {
      expect(twilioSender.interpretResponse(403, {}, '')).toMatchObject({ kind: 'failed', error: { code: '403', category: ErrorCategory.Authentication } });
    });

    it('passes on Twilio\'s own words for a code our table does not know', () => {
      expect(twilioSender.interpretResponse(400, {}, twilioError(21617, 'The concatenated message body exceeds the 1600 character limit'))).toEqual({
        kind: 'failed',
        error: {
          code: '21617',
          reason: 'Twilio refused the message: The concatenated message body exceeds the 1600 character limit',
          category: ErrorCategory.Rejected,
          permanent: true,
        },
      });
    });

    it('calls a 2xx without a SID unknown rather than failed, because Twilio may have queued the message', () => {
      expect(twilioSender.interpretResponse(201, {}, '<html>proxy</html>')).toMatchObject({ kind: 'unknown' });
    });

    it('offers no lookup, since Twilio cannot be searched by our id', () => {
      expect(twilioSender.buildLookupRequest).toBeUndefined();
    });
  });
});
