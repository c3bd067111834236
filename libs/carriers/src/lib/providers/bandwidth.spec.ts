import { DeliveryStatus, ErrorCategory, WebhookParseError } from '../carrier-adapter';
import { JSON_CONTENT, basicAuthHeader, webhookRequest } from '../test-support';
import { bandwidthAdapter } from './bandwidth';

const HOOK = 'https://sms.example.com/webhooks/channels/ch_1';
const now = new Date('2024-01-01T00:00:00Z');
const post = (body: unknown, headers: Record<string, string> = {}) =>
  webhookRequest({ url: HOOK, headers: { ...JSON_CONTENT, 'user-agent': 'BandwidthAPI/v2', ...headers }, body: JSON.stringify(body) });

// [verbatim] examples of Bandwidth/api-docs site/docs/messaging/webhooks.mdx @ 142ea772eb151912f5b9a92c93a5aca999b3704d.
const RECEIVED = [
  {
    type: 'message-received',
    time: '2016-09-14T18:20:16Z',
    description: 'Incoming message received',
    to: '+12345678902',
    message: {
      id: '14762070468292kw2fuqty55yp2b2',
      time: '2016-09-14T18:20:16Z',
      to: ['+12345678902'],
      from: '+12345678901',
      text: 'Hey, check this out!',
      applicationId: '93de2206-9669-4e07-948d-329f4b722ee2',
      media: ['https://messaging.bandwidth.com/api/v2/users/{accountId}/media/14762070468292kw2fuqty55yp2b2/0/bw.png'],
      owner: '+12345678902',
      direction: 'in',
      segmentCount: 1,
    },
  },
];
const DELIVERED = [
  {
    type: 'message-delivered',
    time: '2016-09-14T18:20:16Z',
    description: 'ok',
    to: '+12345678902',
    message: {
      id: '14762070468292kw2fuqty55yp2b2',
      time: '2016-09-14T18:20:16Z',
      to: ['+12345678902'],
      from: '+12345678901',
      text: '',
      applicationId: '93de2206-9669-4e07-948d-329f4b722ee2',
      owner: '+12345678902',
      direction: 'out',
      segmentCount: 1,
    },
  },
];
const FAILED = [
  {
    type: 'message-failed',
    time: '2016-09-14T18:20:16Z',
    description: 'forbidden to country',
    to: '+52345678903',
    errorCode: 4432,
    message: {
      id: '14762070468292kw2fuqty55yp2b2',
      time: '2016-09-14T18:20:16Z',
      to: ['+12345678902', '+52345678903'],
      from: '+12345678901',
      text: '',
      applicationId: '93de2206-9669-4e07-948d-329f4b722ee2',
      media: ['https://dev.bandwidth.com/images/bandwidth-logo.png'],
      owner: '+12345678901',
      direction: 'out',
      segmentCount: 1,
    },
  },
];

const failedWith = (errorCode: number) => [{ ...FAILED[0], errorCode }];

describe('Bandwidth adapter', () => {
  describe('verify', () => {
    // Bandwidth signs nothing; the application's callback credentials are the only check. No vendor vector exists.
    const basicAuth = { username: 'backtalk', password: 'correct horse' };

    it('accepts the application\'s callback credentials', () => {
      expect(bandwidthAdapter.verify(post(RECEIVED, { authorization: basicAuthHeader('backtalk', 'correct horse') }), { basicAuth }, now)).toEqual({
        ok: true,
      });
    });

    it('rejects other credentials', () => {
      expect(bandwidthAdapter.verify(post(RECEIVED, { authorization: basicAuthHeader('backtalk', 'battery staple') }), { basicAuth }, now)).toEqual({
        ok: false,
        reason: 'Basic auth credentials do not match',
      });
    });

    it('rejects a callback without credentials', () => {
      expect(bandwidthAdapter.verify(post(RECEIVED), { basicAuth }, now)).toEqual({ ok: false, reason: 'missing Basic Authorization header' });
    });

    it('refuses every callback until Basic auth is configured, and says so', () => {
      expect(bandwidthAdapter.verify(post(RECEIVED), {}, now)).toEqual({
        ok: false,
        reason: 'Bandwidth webhooks carry no signature: configure Basic auth credentials on this channel and in Bandwidth',
      });
    });
  });

  describe('parse', () => {
    it('reads message-received as an inbound message with its media', () => {
      expect(bandwidthAdapter.parse(post(RECEIVED))).toEqual({
        inbound: [
          {
            providerMessageId: '14762070468292kw2fuqty55yp2b2',
            from: '+12345678901',
            to: '+12345678902',
            text: 'Hey, check this out!',
            media: [{ url: 'https://messaging.bandwidth.com/api/v2/users/{accountId}/media/14762070468292kw2fuqty55yp2b2/0/bw.png', contentType: null }],
            segments: 1,
            providerTimestamp: new Date('2016-09-14T18:20:16Z'),
          },
        ],
        deliveryReports: [],
      });
    });

    it('reads message-delivered as delivered', () => {
      expect(bandwidthAdapter.parse(post(DELIVERED)).deliveryReports).toEqual([
        {
          providerMessageId: '14762070468292kw2fuqty55yp2b2',
          status: DeliveryStatus.Delivered,
          providerStatus: 'message-delivered',
          error: null,
          occurredAt: new Date('2016-09-14T18:20:16Z'),
        },
      ]);
    });

    it('reads message-failed as failed with the reason of its error code', () => {
      expect(bandwidthAdapter.parse(post(FAILED)).deliveryReports[0]).toMatchObject({
        status: DeliveryStatus.Failed,
        providerStatus: 'message-failed',
        error: { code: '4432', category: ErrorCategory.Rejected, permanent: true },
      });
    });

    it('treats a delivery-receipt timeout as sent, not failed', () => {
      expect(bandwidthAdapter.parse(post(failedWith(9902))).deliveryReports[0]).toMatchObject({
        status: DeliveryStatus.Sent,
        error: { code: '9902', category: ErrorCategory.Unknown, permanent: false },
      });
    });

    it.each([
      [4720, ErrorCategory.InvalidNumber],
      [4721, ErrorCategory.Unreachable],
      [4770, ErrorCategory.CarrierFiltered],
      [4750, ErrorCategory.Rejected],
      [4775, ErrorCategory.OptedOut],
    ])('classifies failure code %i as %s', (code, category) => {
      expect(bandwidthAdapter.parse(post(failedWith(code))).deliveryReports[0].error?.category).toBe(category);
    });

    it('reads every event of a batch', () => {
      const events = bandwidthAdapter.parse(post([...RECEIVED, ...DELIVERED, ...FAILED]));

      expect(events.inbound).toHaveLength(1);
      expect(events.deliveryReports.map((report) => report.status)).toEqual([DeliveryStatus.Delivered, DeliveryStatus.Failed]);
    });

    it('refuses a body that is a single event instead of an array', () => {
      expect(() => bandwidthAdapter.parse(post(RECEIVED[0]))).toThrow(new WebhookParseError('Bandwidth webhook body is not a JSON array of events'));
    });

    it('refuses an event without a message', () => {
      expect(() => bandwidthAdapter.parse(post([{ type: 'message-received' }]))).toThrow(
        new WebhookParseError('Bandwidth event 0 (message-received) has no "message" object'),
      );
    });
  });

  describe('mapError', () => {
    it('falls back on Bandwidth\'s code scheme for codes outside the table', () => {
      expect(bandwidthAdapter.mapError('4499')).toMatchObject({ category: ErrorCategory.Rejected, permanent: true });
      expect(bandwidthAdapter.mapError('5299')).toMatchObject({ category: ErrorCategory.ProviderError, permanent: false });
      expect(bandwidthAdapter.mapError('123')).toMatchObject({ category: ErrorCategory.Unknown });
    });
  });
});
