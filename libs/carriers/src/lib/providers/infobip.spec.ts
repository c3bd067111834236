import { DeliveryStatus, ErrorCategory, WebhookParseError } from '../carrier-adapter';
import { JSON_CONTENT, webhookRequest } from '../test-support';
import { infobipAdapter } from './infobip';

const HOOK = 'https://sms.example.com/webhooks/channels/ch_1';
const now = new Date('2024-01-01T00:00:00Z');

function post(body: unknown, headers: Record<string, string> = {}) {
  return webhookRequest({ url: HOOK, headers: { ...JSON_CONTENT, ...headers }, body: JSON.stringify(body) });
}

// Infobip signs nothing; only Basic auth can be configured. No Infobip vector exists, so the check is pinned to
// the example of RFC 7617 §2 ("Aladdin" / "open sesame").
const RFC_7617 = { username: 'Aladdin', password: 'open sesame' };
const RFC_7617_HEADER = 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==';

// [verbatim values] MO_JSON_2 inbound example as reproduced in infobip-community/infobip-api-go-sdk
// pkg/infobip/api/sms tests (same shape as infobip.com/docs/api/channels/sms/inbound-sms/receive-inbound-sms-messages).
const INBOUND = {
  results: [
    {
      messageId: '817790313235066447',
      from: '385916242493',
      to: '385921004026',
      text: 'QUIZ Correct answer is Paris',
      cleanText: 'Correct answer is Paris',
      keyword: 'QUIZ',
      receivedAt: '2019-11-09T16:00:00.0000000+00:00',
      smsCount: 1,
      price: { pricePerMessage: 0, currency: 'EUR' },
      callbackData: 'callbackData',
    },
  ],
  messageCount: 1,
  pendingMessageCount: 0,
};

// [verbatim values] delivery report example shipped with Infobip's Python client (SMSReportResponse example).
const REPORTS = {
  results: [
    {
      bulkId: 'BULK-ID-123-xyz',
      messageId: 'c9823180-94d4-4ea0-9bf3-ec907e7534a6',
      to: '41793026731',
      sentAt: '2015-06-04T13:01:52.933+0000',
      doneAt: '2015-06-04T13:02:00.134+0000',
      smsCount: 1,
      price: { pricePerMessage: 0.0001, currency: 'EUR' },
      status: { groupId: 3, groupName: 'DELIVERED', id: 5, name: 'DELIVERED_TO_HANDSET', description: 'Message delivered to handset' },
      error: { groupId: 0, groupName: 'OK', id: 0, name: 'NO_ERROR', description: 'No Error', permanent: false },
    },
    {
      bulkId: 'BULK-ID-123-xyz',
      messageId: 'MESSAGE-ID-123-xyz',
      to: '41793026727',
      sentAt: '2015-06-04T13:01:52.937+0000',
      doneAt: '2015-06-04T13:02:01.204+0000',
      smsCount: 1,
      price: { pricePerMessage: 0.0001, currency: 'EUR' },
      status: { groupId: 3, groupName: 'DELIVERED', id: 5, name: 'DELIVERED_TO_HANDSET', description: 'Message delivered to handset' },
      error: { groupId: 0, groupName: 'OK', id: 0, name: 'NO_ERROR', description: 'No Error', permanent: false },
    },
  ],
};

function reportWith(status: object, error?: object) {
  return { results: [{ ...REPORTS.results[0], status, error: error ?? REPORTS.results[0].error }] };
}

describe('Infobip adapter', () => {
  describe('verify', () => {
    it('accepts the configured Basic auth credentials', () => {
      expect(infobipAdapter.verify(post(INBOUND, { authorization: RFC_7617_HEADER }), { basicAuth: RFC_7617 }, now)).toEqual({ ok: true });
    });

    it('rejects a wrong password', () => {
      const secrets = { basicAuth: { username: 'Aladdin', password: 'close sesame' } };

      expect(infobipAdapter.verify(post(INBOUND, { authorization: RFC_7617_HEADER }), secrets, now)).toEqual({
        ok: false,
        reason: 'Basic auth credentials do not match',
      });
    });

    it('rejects a request without an Authorization header', () => {
      expect(infobipAdapter.verify(post(INBOUND), { basicAuth: RFC_7617 }, now)).toEqual({
        ok: false,
        reason: 'missing Basic Authorization header',
      });
    });

    it('rejects a bearer token in place of Basic credentials', () => {
      expect(infobipAdapter.verify(post(INBOUND, { authorization: 'Bearer QWxhZGRpbjpvcGVuIHNlc2FtZQ==' }), { basicAuth: RFC_7617 }, now).ok).toBe(
        false,
      );
    });

    it('refuses every webhook until Basic auth is configured, and says so', () => {
      expect(infobipAdapter.verify(post(INBOUND, { authorization: RFC_7617_HEADER }), {}, now)).toEqual({
        ok: false,
        reason: 'Infobip webhooks carry no signature: configure Basic auth credentials on this channel and in Infobip',
      });
    });
  });

  describe('parse', () => {
    it('reads an inbound SMS with its keyword kept in the text', () => {
      expect(infobipAdapter.parse(post(INBOUND))).toEqual({
        inbound: [
          {
            providerMessageId: '817790313235066447',
            from: '385916242493',
            to: '385921004026',
            text: 'QUIZ Correct answer is Paris',
            media: [],
            segments: 1,
            providerTimestamp: new Date('2019-11-09T16:00:00Z'),
          },
        ],
        deliveryReports: [],
      });
    });

    it('reads every delivery report of a batch', () => {
      const { deliveryReports } = infobipAdapter.parse(post(REPORTS));

      expect(deliveryReports).toEqual([
        {
          providerMessageId: 'c9823180-94d4-4ea0-9bf3-ec907e7534a6',
          status: DeliveryStatus.Delivered,
          providerStatus: 'DELIVERED_TO_HANDSET',
          error: null,
          occurredAt: new Date('2015-06-04T13:02:00.134Z'),
        },
        expect.objectContaining({ providerMessageId: 'MESSAGE-ID-123-xyz', status: DeliveryStatus.Delivered }),
      ]);
    });

    it('explains an undeliverable report with the table reason and Infobip\'s own permanence flag', () => {
      const report = reportWith(
        { groupId: 2, groupName: 'UNDELIVERABLE', id: 9, name: 'UNDELIVERABLE_NOT_DELIVERED', description: 'Message sent not delivered' },
        { groupId: 1, groupName: 'HANDSET_ERRORS', id: 1, name: 'EC_UNKNOWN_SUBSCRIBER', description: 'Unknown Subscriber', permanent: true },
      );

      expect(infobipAdapter.parse(post(report)).deliveryReports[0]).toMatchObject({
        status: DeliveryStatus.Undelivered,
        providerStatus: 'UNDELIVERABLE_NOT_DELIVERED',
        error: { code: '1', category: ErrorCategory.InvalidNumber, permanent: true },
      });
    });

    it('falls back on Infobip\'s description and error group for an error id it does not know', () => {
      const report = reportWith(
        { groupId: 2, groupName: 'UNDELIVERABLE', id: 9, name: 'UNDELIVERABLE_NOT_DELIVERED' },
        { groupId: 1, groupName: 'HANDSET_ERRORS', id: 4242, name: 'EC_SOMETHING', description: 'Something odd', permanent: false },
      );

      expect(infobipAdapter.parse(post(report)).deliveryReports[0].error).toEqual({
        code: '4242',
        reason: 'Infobip: Something odd',
        category: ErrorCategory.Unreachable,
        permanent: false,
      });
    });

    it('reports an expired message as undelivered because it expired', () => {
      const report = reportWith({ groupId: 4, groupName: 'EXPIRED', id: 15, name: 'EXPIRED_EXPIRED' });

      expect(infobipAdapter.parse(post(report)).deliveryReports[0]).toMatchObject({
        status: DeliveryStatus.Undelivered,
        error: { code: 'EXPIRED_EXPIRED', category: ErrorCategory.Expired },
      });
    });

    it('reports a rejected message as failed', () => {
      const report = reportWith({ groupId: 5, groupName: 'REJECTED', id: 6, name: 'REJECTED_NETWORK', description: 'Network is forbidden' });

      expect(infobipAdapter.parse(post(report)).deliveryReports[0]).toMatchObject({
        status: DeliveryStatus.Failed,
        error: { code: 'REJECTED_NETWORK', category: ErrorCategory.Rejected, reason: 'Infobip rejected the message: Network is forbidden' },
      });
    });

    it('reports a pending message as still sending', () => {
      const report = reportWith({ groupId: 1, groupName: 'PENDING', id: 26, name: 'PENDING_ACCEPTED' });

      expect(infobipAdapter.parse(post(report)).deliveryReports[0]).toMatchObject({ status: DeliveryStatus.Sending, error: null });
    });

    it('refuses a body without results', () => {
      expect(() => infobipAdapter.parse(post({ messageCount: 0 }))).toThrow(new WebhookParseError('Infobip webhook has no "results" array'));
    });

    it('names the result that lacks a sender', () => {
      const { from: _omitted, ...withoutSender } = INBOUND.results[0];

      expect(() => infobipAdapter.parse(post({ results: [withoutSender] }))).toThrow(
        new WebhookParseError('Infobip results[0] is missing "from"'),
      );
    });
  });

  it('classifies an absent subscriber as temporarily unreachable', () => {
    expect(infobipAdapter.mapError('6')).toMatchObject({ category: ErrorCategory.Unreachable, permanent: false });
  });
});
