import { ErrorCategory } from '../carrier-adapter';
import { SendConfigurationError } from '../send';
import { CYRILLIC_TEXT, outboundSms } from '../test-support';
import { infobipSender } from './infobip.send';

// Request and response shapes: infobip/infobip-api-java-client src/test/java/com/infobip/api/SmsApiTest.java and
// src/main/java/com/infobip/model/{SmsWebhooks,SmsDestination,ApiError}.java
// @ 3b0fed73b0965f4938b9367e8d4ca857f15b2688 (POST /sms/3/messages, GET /sms/3/logs); status groups from
// infobip.com/docs/essentials/response-status-and-error-codes.

const CREDENTIALS = { apiKey: '003026bbc133714df1834b8638bb496e-8f4b3d9a', baseUrl: 'xk4m2.api.infobip.com' };
const SMS = outboundSms();

/** SmsApiTest.givenPendingResponse: one destination, status group 1 (PENDING). */
const PENDING = JSON.stringify({
  bulkId: '2034072219640523072',
  messages: [
    {
      destination: '41793026727',
      status: { groupId: 1, groupName: 'PENDING', id: 26, name: 'MESSAGE_ACCEPTED', description: 'Message sent to next instance' },
      messageId: '2250be2d4219-3af1-78856-aabe-1362af1edfd2',
    },
  ],
});

/** SmsApiTest.shouldSendFullyFeaturedSmsMessage: the response with `details.messageCount` (includeSmsCountInResponse). */
const PENDING_WITH_COUNT = JSON.stringify({
  bulkId: 'BULK-ID-123-xyz',
  messages: [
    {
      messageId: 'abc123',
      status: { groupId: 1, groupName: 'PENDING', id: 26, name: 'PENDING_ACCEPTED', description: 'Message sent to next instance' },
      destination: '385991112222',
      details: { messageCount: 2 },
    },
  ],
});

describe('Infobip sender', () => {
  describe('buildSendRequest', () => {
    it('posts one message to /sms/3/messages on the account base URL with App authorization', () => {
      expect(infobipSender.buildSendRequest(SMS, CREDENTIALS)).toEqual({
        method: 'POST',
        url: 'https://xk4m2.api.infobip.com/sms/3/messages',
        headers: {
          authorization: 'App 003026bbc133714df1834b8638bb496e-8f4b3d9a',
          accept: 'application/json',
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          messages: [
            {
              sender: '15550001111',
              destinations: [{ to: '380501234567', messageId: SMS.messageId }],
              content: { text: SMS.text },
              webhooks: { delivery: { url: SMS.statusCallbackUrl }, contentType: 'application/json', callbackData: SMS.messageId },
            },
          ],
          options: { includeSmsCountInResponse: true },
        }),
      });
    });

    it('sends Cyrillic text unchanged and lets Infobip pick the encoding', () => {
      const body = JSON.parse(infobipSender.buildSendRequest(outboundSms({ text: CYRILLIC_TEXT }), CREDENTIALS).body ?? '');
      expect(body.messages[0].content).toEqual({ text: CYRILLIC_TEXT });
    });

    it('keeps an alphanumeric sender as it is', () => {
      const body = JSON.parse(infobipSender.buildSendRequest(outboundSms({ from: 'InfoSMS' }), CREDENTIALS).body ?? '');
      expect(body.messages[0].sender).toBe('InfoSMS');
    });

    it('accepts a base URL typed with a scheme and a trailing slash', () => {
      expect(infobipSender.buildSendRequest(SMS, { ...CREDENTIALS, baseUrl: 'https://xk4m2.api.infobip.com/' }).url).toBe(
        'https://xk4m2.api.infobip.com/sms/3/messages',
      );
    });

    it('needs the personal base URL, since Infobip has no shared API host for accounts', () => {
      expect(() => infobipSender.buildSendRequest(SMS, { apiKey: 'key' })).toThrow(SendConfigurationError);
      expect(() => infobipSender.buildSendRequest(SMS, { apiKey: 'key' })).toThrow('no base URL');
    });
  });

  describe('interpretResponse', () => {
    it('accepts a pending message under the id Infobip returns', () => {
      expect(infobipSender.interpretResponse(200, {}, PENDING)).toEqual({
        kind: 'accepted',
        providerMessageId: '2250be2d4219-3af1-78856-aabe-1362af1edfd2',
      });
    });

    it('reads the segment count from details.messageCount', () => {
      expect(infobipSender.interpretResponse(200, {}, PENDING_WITH_COUNT)).toEqual({ kind: 'accepted', providerMessageId: 'abc123', segments: 2 });
    });

    it('fails a message that comes back in status group 5 (REJECTED) with Infobip\'s description', () => {
      // Status object shape from the status-codes page; the id is illustrative.
      const body = JSON.stringify({
        bulkId: 'b-1',
        messages: [
          {
            messageId: SMS.messageId,
            status: { groupId: 5, groupName: 'REJECTED', id: 12, name: 'REJECTED_NOT_ENOUGH_CREDITS', description: 'Not enough credits' },
            destination: '380501234567',
          },
        ],
      });
      expect(infobipSender.interpretResponse(200, {}, body)).toEqual({
        kind: 'failed',
        error: { code: 'REJECTED_NOT_ENOUGH_CREDITS', reason: 'Infobip rejected the message: Not enough credits', category: ErrorCategory.Rejected, permanent: true },
      });
    });

    it('retries a 429 after Retry-After', () => {
      // ApiError fields (ApiError.java); the E429 wording is illustrative.
      const body = JSON.stringify({ errorCode: 'E429', description: 'Too many requests.', action: 'Slow down.', violations: [], resources: [] });
      expect(infobipSender.interpretResponse(429, { 'retry-after': '5' }, body)).toEqual({ kind: 'retry', reason: 'Infobip answered HTTP 429', retryAfterSeconds: 5 });
    });

    it('retries a 503', () => {
      expect(infobipSender.interpretResponse(503, {}, '')).toEqual({ kind: 'retry', reason: 'Infobip answered HTTP 503' });
    });

    it('treats a 504 as unknown, because Infobip does not promise to refuse a repeated messageId', () => {
      expect(infobipSender.interpretResponse(504, {}, '')).toMatchObject({ kind: 'unknown' });
    });

    it('fails a 401 as an authentication problem, in the v3 error format', () => {
      // ApiError fields (ApiError.java); the wording is illustrative.
      const body = JSON.stringify({ errorCode: 'E401', description: 'Invalid login details.', action: 'Check the API key.', violations: [], resources: [] });
      expect(infobipSender.interpretResponse(401, {}, body)).toMatchObject({
        kind: 'failed',
        error: { code: 'E401', category: ErrorCategory.Authentication, permanent: true, reason: expect.stringContaining('Invalid login details.') },
      });
    });

    it('fails a 401 in the older requestError format too', () => {
      const body = JSON.stringify({ requestError: { serviceException: { messageId: 'UNAUTHORIZED', text: 'Invalid login details' } } });
      expect(infobipSender.interpretResponse(401, {}, body)).toMatchObject({ kind: 'failed', error: { code: 'UNAUTHORIZED', category: ErrorCategory.Authentication } });
    });

    it('fails a 400 with the violated property in the reason', () => {
      const body = JSON.stringify({
        errorCode: 'E400',
        description: 'Request cannot be processed.',
        action: 'Check the syntax, violations and adjust the request.',
        violations: [{ property: 'messages[0].destinations[0].to', violation: 'size must be between 0 and 64' }],
        resources: [],
      });
      expect(infobipSender.interpretResponse(400, {}, body)).toEqual({
        kind: 'failed',
        error: {
          code: 'E400',
          reason: 'Infobip refused the message: Request cannot be processed. (messages[0].destinations[0].to size must be between 0 and 64)',
          category: ErrorCategory.Rejected,
          permanent: true,
        },
      });
    });

    it('calls a 200 without messages unknown', () => {
      expect(infobipSender.interpretResponse(200, {}, '{"bulkId":"b-1"}')).toMatchObject({ kind: 'unknown' });
    });
  });

  describe('lookup', () => {
    it('searches the SMS logs by our message id', () => {
      expect(infobipSender.buildLookupRequest?.(SMS.messageId, CREDENTIALS)).toEqual({
        method: 'GET',
        url: `https://xk4m2.api.infobip.com/sms/3/logs?messageId=${SMS.messageId}`,
        headers: { authorization: 'App 003026bbc133714df1834b8638bb496e-8f4b3d9a', accept: 'application/json' },
      });
    });

    it('finds a message the logs list', () => {
      // SmsApiTest.shouldGetSmsLogs, first result.
      const body = JSON.stringify({
        results: [
          {
            bulkId: 'BULK-ID-123-xyz',
            messageId: 'MESSAGE-ID-123-xyz',
            destination: '41793026727',
            sentAt: '2019-11-09T16:00:00.000+0000',
            doneAt: '2019-11-09T16:00:00.000+0000',
            smsCount: 1,
            price: { pricePerMessage: 0.01, currency: 'EUR' },
            status: { groupId: 3, groupName: 'DELIVERED', id: 5, name: 'DELIVERED_TO_HANDSET', description: 'Message delivered to handset' },
            error: { groupId: 0, groupName: 'OK', id: 0, name: 'NO_ERROR', description: 'No Error', permanent: false },
          },
        ],
      });
      expect(infobipSender.interpretLookup?.(200, body)).toEqual({ found: true, providerMessageId: 'MESSAGE-ID-123-xyz' });
    });

    it('reports not found when the logs are empty', () => {
      expect(infobipSender.interpretLookup?.(200, '{"results":[]}')).toEqual({ found: false });
    });

    it('cannot tell when the lookup itself fails', () => {
      expect(infobipSender.interpretLookup?.(500, '')).toEqual({ unknown: true, reason: 'Infobip answered the lookup with HTTP 500' });
    });
  });
});
