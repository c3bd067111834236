import { ErrorCategory } from '../carrier-adapter';
import { SendConfigurationError } from '../send';
import { CYRILLIC_TEXT, outboundSms, webhookRequest } from '../test-support';
import { genericAdapter, signGenericWebhook } from './generic';
import { genericSender } from './generic.send';

// Backtalk's own format, specified in libs/carriers/README.md ("Generic JSON webhook" → "Sending"); no third-party
// source exists, so the cases below pin that specification.

const CREDENTIALS = { baseUrl: 'https://sms.aggregator.example/v1/backtalk/send', signatureSecret: 'whsec_test_secret' };
const SMS = outboundSms();
const NOW = new Date('2023-11-14T22:13:20Z'); // 1700000000

describe('Generic sender', () => {
  describe('buildSendRequest', () => {
    it('posts the send event to the configured URL, signed like inbound webhooks', () => {
      const body = JSON.stringify({ type: 'send', id: SMS.messageId, from: SMS.from, to: SMS.to, text: SMS.text, statusCallbackUrl: SMS.statusCallbackUrl });
      expect(genericSender.buildSendRequest(SMS, CREDENTIALS, NOW)).toEqual({
        method: 'POST',
        url: 'https://sms.aggregator.example/v1/backtalk/send',
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          'x-backtalk-signature': signGenericWebhook('whsec_test_secret', body, 1700000000),
        },
        body,
      });
    });

    it('produces a signature the inbound verifier accepts, Cyrillic text included', () => {
      const request = genericSender.buildSendRequest(outboundSms({ text: CYRILLIC_TEXT }), CREDENTIALS, NOW);
      const received = webhookRequest({ url: request.url, headers: request.headers, body: request.body });
      expect(genericAdapter.verify(received, { signatureSecret: 'whsec_test_secret' }, NOW)).toEqual({ ok: true });
      expect(JSON.parse(request.body ?? '').text).toBe(CYRILLIC_TEXT);
    });

    it('signs each attempt with its own time', () => {
      const first = genericSender.buildSendRequest(SMS, CREDENTIALS, NOW).headers['x-backtalk-signature'];
      const retry = genericSender.buildSendRequest(SMS, CREDENTIALS, new Date(NOW.getTime() + 60_000)).headers['x-backtalk-signature'];
      expect(first).toMatch(/^t=1700000000,v1=/);
      expect(retry).toMatch(/^t=1700000060,v1=/);
    });

    it('needs a complete send URL and the signing secret', () => {
      expect(() => genericSender.buildSendRequest(SMS, { signatureSecret: 'whsec_test_secret' }, NOW)).toThrow(SendConfigurationError);
      expect(() => genericSender.buildSendRequest(SMS, { ...CREDENTIALS, baseUrl: 'sms.aggregator.example/send' }, NOW)).toThrow('must start with https://');
      expect(() => genericSender.buildSendRequest(SMS, { baseUrl: CREDENTIALS.baseUrl }, NOW)).toThrow('no signing secret');
    });
  });

  describe('interpretResponse', () => {
    it('accepts a 2xx under the aggregator\'s id', () => {
      expect(genericSender.interpretResponse(200, {}, '{"id":"agg-out-991"}')).toEqual({ kind: 'accepted', providerMessageId: 'agg-out-991' });
      expect(genericSender.interpretResponse(202, {}, '{"id":"agg-out-991","segments":2}')).toEqual({ kind: 'accepted', providerMessageId: 'agg-out-991', segments: 2 });
    });

    it('retries a 429 after Retry-After', () => {
      expect(genericSender.interpretResponse(429, { 'Retry-After': '15' }, '')).toEqual({ kind: 'retry', reason: 'The aggregator answered HTTP 429', retryAfterSeconds: 15 });
    });

    it('retries a 504 too, because the aggregator must honour our id as an idempotency key', () => {
      expect(genericSender.interpretResponse(504, {}, '')).toEqual({ kind: 'retry', reason: 'The aggregator answered HTTP 504' });
    });

    it('fails a 4xx with the aggregator\'s code and description, permanent unless it says otherwise', () => {
      expect(genericSender.interpretResponse(422, {}, '{"errorCode":"E21","errorDescription":"The customer opted out of messages from this sender."}')).toEqual({
        kind: 'failed',
        error: { code: 'E21', reason: 'The customer opted out of messages from this sender.', category: ErrorCategory.Rejected, permanent: true },
      });
      expect(genericSender.interpretResponse(400, {}, '{"errorCode":"E42","errorDescription":"Number unreachable","permanent":false}')).toMatchObject({
        kind: 'failed',
        error: { code: 'E42', permanent: false },
      });
    });

    it('fails a 401 as an authentication problem, pointing at the secret and the clock', () => {
      expect(genericSender.interpretResponse(401, {}, '')).toMatchObject({
        kind: 'failed',
        error: { code: '401', category: ErrorCategory.Authentication, reason: expect.stringContaining('signing secret and the clock') },
      });
    });

    it('calls a 2xx without an id unknown', () => {
      expect(genericSender.interpretResponse(200, {}, '{"received":true}')).toMatchObject({ kind: 'unknown' });
    });
  });
});
