import { ErrorCategory } from '../carrier-adapter';
import { SendConfigurationError } from '../send';
import { CYRILLIC_TEXT, formBody, outboundSms } from '../test-support';
import { vonageSender } from './vonage.send';

// Request parameters and response bodies: Vonage/vonage-node-sdk packages/sms/__tests__/__dataSets__/sms.ts and
// packages/sms/lib/enums/SMSStatus.ts @ 18aac69623377a74238b669fedbea06c1c1bb709; status meanings from
// developer.vonage.com/en/api-errors/sms.

const CREDENTIALS = { apiKey: 'abcd1234', apiSecret: 'Sup3rS3cret' };
const SMS = outboundSms();

/** The "send message" response of the SDK data set. */
const SENT = JSON.stringify({
  'message-count': 1,
  messages: [
    {
      to: '14152739164',
      'message-id': '986ebc8e-46de-4f80-88e4-21d4c5d0c0a6',
      status: '0',
      'remaining-balance': '0.42',
      'message-price': '0.84',
      network: '123456',
    },
  ],
});

function refused(status: string, errorText: string): string {
  return JSON.stringify({ 'message-count': 1, messages: [{ status, 'error-text': errorText }] });
}

describe('Vonage sender', () => {
  describe('buildSendRequest', () => {
    it('posts the SMS API form with the key and secret, a delivery receipt request and our id as client-ref', () => {
      expect(vonageSender.buildSendRequest(SMS, CREDENTIALS)).toEqual({
        method: 'POST',
        url: 'https://rest.nexmo.com/sms/json',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: formBody([
          ['api_key', 'abcd1234'],
          ['api_secret', 'Sup3rS3cret'],
          ['from', '15550001111'],
          ['to', '380501234567'],
          ['text', SMS.text],
          ['status-report-req', 'true'],
          ['callback', SMS.statusCallbackUrl],
          ['client-ref', SMS.messageId],
        ]),
      });
    });

    it('asks for type=unicode when the text needs UCS-2', () => {
      const params = new URLSearchParams(vonageSender.buildSendRequest(outboundSms({ text: CYRILLIC_TEXT }), CREDENTIALS).body);
      expect(params.get('type')).toBe('unicode');
      expect(params.get('text')).toBe(CYRILLIC_TEXT);
    });

    it('leaves type out for GSM-7 text, extension characters included', () => {
      const params = new URLSearchParams(vonageSender.buildSendRequest(outboundSms({ text: 'Price: 5€ [promo] {code}' }), CREDENTIALS).body);
      expect(params.has('type')).toBe(false);
    });

    it('keeps an alphanumeric sender as it is', () => {
      expect(new URLSearchParams(vonageSender.buildSendRequest(outboundSms({ from: 'Backtalk' }), CREDENTIALS).body).get('from')).toBe('Backtalk');
    });

    it('needs both the API key and the API secret', () => {
      expect(() => vonageSender.buildSendRequest(SMS, { apiKey: 'abcd1234' })).toThrow(SendConfigurationError);
    });
  });

  describe('interpretResponse', () => {
    it('accepts the documented response under the part\'s message-id', () => {
      expect(vonageSender.interpretResponse(200, {}, SENT)).toEqual({
        kind: 'accepted',
        providerMessageId: '986ebc8e-46de-4f80-88e4-21d4c5d0c0a6',
        segments: 1,
      });
    });

    it('uses the first part\'s id for a long message and counts the parts', () => {
      const body = JSON.stringify({
        'message-count': '2',
        messages: [
          { to: '380501234567', 'message-id': '0A0000001234ABCD', status: '0' },
          { to: '380501234567', 'message-id': '0A0000001234ABCE', status: '0' },
        ],
      });
      expect(vonageSender.interpretResponse(200, {}, body)).toEqual({ kind: 'accepted', providerMessageId: '0A0000001234ABCD', segments: 2 });
    });

    it('retries status 1 (throttled), which Vonage answers with HTTP 200', () => {
      // The SDK data set's "when sending message responds in error".
      expect(vonageSender.interpretResponse(200, {}, refused('1', 'Too many requests'))).toEqual({ kind: 'retry', reason: 'Vonage status 1: Too many requests' });
    });

    it('retries an HTTP 429 after Retry-After and an HTTP 502', () => {
      expect(vonageSender.interpretResponse(429, { 'Retry-After': '1' }, '')).toEqual({ kind: 'retry', reason: 'Vonage answered HTTP 429', retryAfterSeconds: 1 });
      expect(vonageSender.interpretResponse(502, {}, '')).toEqual({ kind: 'retry', reason: 'Vonage answered HTTP 502' });
    });

    it.each([
      ['4', 'Bad Credentials', ErrorCategory.Authentication],
      ['6', 'Invalid Message', ErrorCategory.InvalidNumber],
      ['7', 'Number barred.', ErrorCategory.Blocked],
      ['15', 'Illegal Sender Address - rejected', ErrorCategory.Rejected],
      ['29', 'Non White-listed Destination - rejected', ErrorCategory.Rejected],
    ])('fails status %s without retrying', (status, errorText, category) => {
      expect(vonageSender.interpretResponse(200, {}, refused(status, errorText))).toMatchObject({ kind: 'failed', error: { code: status, category, permanent: true } });
    });

    it('fails status 9 (no credit) without calling it permanent, since a top-up fixes it', () => {
      expect(vonageSender.interpretResponse(200, {}, refused('9', 'Quota Exceeded - rejected'))).toMatchObject({
        kind: 'failed',
        error: { code: '9', category: ErrorCategory.Rejected, permanent: false },
      });
    });

    it('does not retry a long message when only some parts were sent, since that would repeat them', () => {
      // The SDK data set's "partial error": one part sent, one throttled.
      const body = JSON.stringify({
        'message-count': 2,
        messages: [
          { to: '14152739164', 'message-id': '986ebc8e-46de-4f80-88e4-21d4c5d0c0a6', status: '0' },
          { status: '1', 'error-text': 'Too many requests' },
        ],
      });
      expect(vonageSender.interpretResponse(200, {}, body)).toEqual({
        kind: 'failed',
        error: {
          code: '1',
          reason: expect.stringMatching(/^Vonage sent only 1 of 2 parts, so the customer got an incomplete message: /),
          category: ErrorCategory.RateLimited,
          permanent: false,
        },
      });
    });

    it('passes on Vonage\'s error-text for a status our table does not know', () => {
      expect(vonageSender.interpretResponse(200, {}, refused('99', 'Something new'))).toMatchObject({
        kind: 'failed',
        error: { code: '99', reason: 'Vonage refused the message: Something new', category: ErrorCategory.Rejected },
      });
    });

    it('calls a 200 without messages unknown', () => {
      expect(vonageSender.interpretResponse(200, {}, 'OK')).toMatchObject({ kind: 'unknown' });
    });

    it('offers no lookup, since the SMS API cannot be searched by client-ref', () => {
      expect(vonageSender.buildLookupRequest).toBeUndefined();
    });
  });
});
