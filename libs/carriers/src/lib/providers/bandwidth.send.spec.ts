import { ErrorCategory } from '../carrier-adapter';
import { SendConfigurationError } from '../send';
import { CYRILLIC_TEXT, basicAuthHeader, outboundSms } from '../test-support';
import { bandwidthSender } from './bandwidth.send';

// Request and 202 body: Bandwidth/bandwidth.github.io messaging/methods/messages/createMessage.md
// @ 0183f1954da00bb27bf0244213c851ae4a05142a ("Example 1 of 5"). Error bodies: dev.bandwidth.com/v2-messaging/codes
// (401 unauthorized, 403 forbidden, 400 request-validation) and the invalid-number field error asserted by
// Bandwidth's own SDK integration tests ("'+1invalid' must be replaced with a valid E164 formatted telephone number").

const CREDENTIALS = { accountSid: '9900000', apiKey: 'apiToken', apiSecret: 'apiSecret', applicationId: '93de2206-9669-4e07-948d-329f4b722ee2' };
const SMS = outboundSms();

const ACCEPTED = JSON.stringify({
  id: '14762070468292kw2fuqty55yp2b2',
  time: '2016-09-14T18:20:16Z',
  to: ['+12345678902'],
  from: '+12345678901',
  text: 'Hey, check this out!',
  applicationId: '93de2206-9669-4e07-948d-329f4b722ee2',
  tag: 'test message',
  owner: '+12345678901',
  direction: 'out',
  segmentCount: 1,
});

describe('Bandwidth sender', () => {
  describe('buildSendRequest', () => {
    it('posts the application, recipient, sender, text and our id as tag with Basic API credentials', () => {
      expect(bandwidthSender.buildSendRequest(SMS, CREDENTIALS)).toEqual({
        method: 'POST',
        url: 'https://messaging.bandwidth.com/api/v2/users/9900000/messages',
        headers: {
          // The documented example header, Basic YXBpVG9rZW46YXBpU2VjcmV0, is apiToken:apiSecret.
          authorization: 'Basic YXBpVG9rZW46YXBpU2VjcmV0',
          accept: 'application/json',
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          applicationId: '93de2206-9669-4e07-948d-329f4b722ee2',
          to: ['+380501234567'],
          from: '+15550001111',
          text: SMS.text,
          tag: SMS.messageId,
        }),
      });
      expect(basicAuthHeader('apiToken', 'apiSecret')).toBe('Basic YXBpVG9rZW46YXBpU2VjcmV0');
    });

    it('sends Cyrillic text unchanged and lets Bandwidth pick the encoding', () => {
      expect(JSON.parse(bandwidthSender.buildSendRequest(outboundSms({ text: CYRILLIC_TEXT }), CREDENTIALS).body ?? '').text).toBe(CYRILLIC_TEXT);
    });

    it('needs the messaging application ID, whose callback URL receives the delivery events', () => {
      const { applicationId: _omitted, ...withoutApplication } = CREDENTIALS;
      expect(() => bandwidthSender.buildSendRequest(SMS, withoutApplication)).toThrow(SendConfigurationError);
      expect(() => bandwidthSender.buildSendRequest(SMS, withoutApplication)).toThrow('no application ID');
    });
  });

  describe('interpretResponse', () => {
    it('accepts the documented 202 with its id and segment count', () => {
      expect(bandwidthSender.interpretResponse(202, {}, ACCEPTED)).toEqual({ kind: 'accepted', providerMessageId: '14762070468292kw2fuqty55yp2b2', segments: 1 });
    });

    it('retries a 429 after Retry-After and a 500', () => {
      expect(bandwidthSender.interpretResponse(429, { 'retry-after': '60' }, '')).toEqual({ kind: 'retry', reason: 'Bandwidth answered HTTP 429', retryAfterSeconds: 60 });
      expect(bandwidthSender.interpretResponse(500, {}, '')).toEqual({ kind: 'retry', reason: 'Bandwidth answered HTTP 500' });
    });

    it('fails an invalid recipient number named in fieldErrors', () => {
      const body = JSON.stringify({
        type: 'request-validation',
        description: 'Your request could not be accepted',
        fieldErrors: [{ fieldName: 'to', description: "'+1invalid' must be replaced with a valid E164 formatted telephone number" }],
      });
      expect(bandwidthSender.interpretResponse(400, {}, body)).toEqual({
        kind: 'failed',
        error: {
          code: 'request-validation',
          reason: "Bandwidth refused the recipient number: '+1invalid' must be replaced with a valid E164 formatted telephone number",
          category: ErrorCategory.InvalidNumber,
          permanent: true,
        },
      });
    });

    it('fails another validation error with Bandwidth\'s words', () => {
      const body = JSON.stringify({ type: 'request-validation', description: 'Your request could not be accepted' });
      expect(bandwidthSender.interpretResponse(400, {}, body)).toMatchObject({
        kind: 'failed',
        error: { code: 'request-validation', reason: 'Bandwidth refused the message: Your request could not be accepted', category: ErrorCategory.Rejected },
      });
    });

    it.each([
      [401, JSON.stringify({ type: 'unauthorized', description: 'Authentication Failed' }), 'unauthorized'],
      [403, JSON.stringify({ type: 'forbidden', description: 'Access Denied' }), 'forbidden'],
    ])('fails a %i as an authentication problem', (status, body, code) => {
      expect(bandwidthSender.interpretResponse(status, {}, body)).toMatchObject({ kind: 'failed', error: { code, category: ErrorCategory.Authentication, permanent: true } });
    });

    it('calls a 202 without an id unknown', () => {
      expect(bandwidthSender.interpretResponse(202, {}, '')).toMatchObject({ kind: 'unknown' });
    });
  });
});
