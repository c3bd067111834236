import { DeliveryStatus, ErrorCategory, WebhookParseError } from '../carrier-adapter';
import { JSON_CONTENT, basicAuthHeader, webhookRequest } from '../test-support';
import { sinchAdapter } from './sinch';

const HOOK = 'https://sms.example.com/webhooks/channels/ch_1';
const now = new Date('2025-01-13T09:23:00Z');

// Official vector: sinch/sinch-sdk-node packages/sms/tests/rest/v1/callbacks/callbacks-webhook.test.ts @ affb35e
// ("SMS Webhook Signature Validation"; same values in sinch-sdk-java). Values copied, not code.
const SMS_BODY =
  '{"at":"2025-01-13T09:22:40.914Z","batch_id":"01JHFFHQ0P99JPPNQPJDV7JTBP","client_reference":"a client reference","code":0,"operator_status_at":"2025-01-13T09:22:00Z","recipient":"33662162466","status":"Delivered","type":"recipient_delivery_report_sms"}';
const NONCE = '01JHFFHWYY7HSS4FWTMDTQEK8V';
const TIMESTAMP = '1736760161';
const SECRET = 'SMSWebhooksSecret';
const VALID_SIGNATURE = 'ZoHei66PPN/kZjw7hFVfGhJOnml3iGNCMWoyQVcE5o0=';

function signed(body: string, headers: Record<string, string | undefined> = {}) {
  return webhookRequest({
    url: HOOK,
    headers: {
      ...JSON_CONTENT,
      'x-sinch-webhook-signature': VALID_SIGNATURE,
      'x-sinch-webhook-signature-algorithm': 'HmacSHA256',
      'x-sinch-webhook-signature-nonce': NONCE,
      'x-sinch-webhook-signature-timestamp': TIMESTAMP,
      ...headers,
    },
    body,
  });
}

const post = (body: unknown) => webhookRequest({ url: HOOK, headers: JSON_CONTENT, body: JSON.stringify(body) });

// [reconstructed] events asserted in sinch-sdk-node packages/sms/tests/rest/v1/callbacks/webhooks-events.steps.ts
// @ 33d75bea08667edeb2211e03147d509649c174f2 (values verbatim, layout ours).
const MO_TEXT = {
  id: '01W4FFL35P4NC4K35SMSBATCH8',
  from: '12015555555',
  to: '12017777777',
  body: 'Hello John! 👋',
  type: 'mo_text',
  operator_id: '311071',
  received_at: '2024-06-06T07:52:37.386Z',
};
const BATCH_REPORT = {
  type: 'delivery_report_sms',
  batch_id: '01W4FFL35P4NC4K35SMSBATCH8',
  total_message_count: 2,
  statuses: [{ code: 0, count: 2, recipients: ['12017777777', '33612345678'], status: 'Delivered' }],
  client_reference: 'client-ref',
};
const ABORTED_REPORT = {
  type: 'recipient_delivery_report_sms',
  batch_id: '01W4FFL35P4NC4K35SMSBATCH9',
  recipient: '12010000000',
  code: 412,
  status: 'Aborted',
  client_reference: 'client-ref',
  at: '2024-06-06T08:17:15.603Z',
};

describe('Sinch adapter', () => {
  describe('verify', () => {
    it('accepts the official signed delivery report', () => {
      expect(sinchAdapter.verify(signed(SMS_BODY), { signatureSecret: SECRET }, now)).toEqual({ ok: true });
    });

    it('rejects a tampered body', () => {
      expect(sinchAdapter.verify(signed(SMS_BODY.replace('Delivered', 'Failed')), { signatureSecret: SECRET }, now)).toEqual({
        ok: false,
        reason: 'x-sinch-webhook-signature does not match',
      });
    });

    it('rejects the signature moved to another nonce', () => {
      expect(sinchAdapter.verify(signed(SMS_BODY, { 'x-sinch-webhook-signature-nonce': 'other' }), { signatureSecret: SECRET }, now).ok).toBe(false);
    });

    it('rejects the signature checked with another secret', () => {
      expect(sinchAdapter.verify(signed(SMS_BODY), { signatureSecret: 'KayakingTheSwell' }, now).ok).toBe(false);
    });

    it('rejects a request without the signature header', () => {
      expect(sinchAdapter.verify(signed(SMS_BODY, { 'x-sinch-webhook-signature': undefined }), { signatureSecret: SECRET }, now)).toEqual({
        ok: false,
        reason: 'missing x-sinch-webhook-signature header',
      });
    });

    it('rejects an algorithm other than HmacSHA256', () => {
      const request = signed(SMS_BODY, { 'x-sinch-webhook-signature-algorithm': 'HmacSHA1' });

      expect(sinchAdapter.verify(request, { signatureSecret: SECRET }, now)).toEqual({ ok: false, reason: 'unsupported signature algorithm HmacSHA1' });
    });

    it('refuses to verify when the channel has neither a secret nor Basic auth', () => {
      expect(sinchAdapter.verify(signed(SMS_BODY), {}, now)).toEqual({ ok: false, reason: 'no Sinch webhook secret configured for this channel' });
    });

    it('checks Basic auth for accounts that Sinch set up that way', () => {
      const basicAuth = { username: 'backtalk', password: 's3cret' };
      const request = webhookRequest({ url: HOOK, headers: { authorization: basicAuthHeader('backtalk', 's3cret') }, body: SMS_BODY });

      expect(sinchAdapter.verify(request, { basicAuth }, now)).toEqual({ ok: true });
      expect(sinchAdapter.verify(request, { basicAuth: { ...basicAuth, password: 'wrong' } }, now).ok).toBe(false);
    });
  });

  describe('parse', () => {
    it('reads mo_text as an inbound SMS', () => {
      expect(sinchAdapter.parse(post(MO_TEXT))).toEqual({
        inbound: [
          {
            providerMessageId: '01W4FFL35P4NC4K35SMSBATCH8',
            from: '12015555555',
            to: '12017777777',
            text: 'Hello John! 👋',
            media: [],
            segments: null,
            providerTimestamp: new Date('2024-06-06T07:52:37.386Z'),
          },
        ],
        deliveryReports: [],
      });
    });

    // [reconstructed] mo_media shape from sinch-sdk-node src/models/v1/mo-media and mms-mo-body.
    it('reads mo_media with its text and uploaded media', () => {
      const moMedia = {
        ...MO_TEXT,
        type: 'mo_media',
        body: {
          subject: 'Photo',
          message: 'See this',
          media: [
            { url: 'https://media.sinch.com/a.jpg', content_type: 'image/jpeg', status: 'Uploaded', code: 0 },
            { content_type: 'video/mp4', status: 'Failed', code: 1 },
          ],
        },
      };

      expect(sinchAdapter.parse(post(moMedia)).inbound[0]).toMatchObject({
        text: 'See this',
        media: [{ url: 'https://media.sinch.com/a.jpg', contentType: 'image/jpeg' }],
      });
    });

    // The mo_binary payload of callbacks-webhook.test.ts (same commit), completed with the required ids.
    it('reads mo_binary as an inbound message without readable text', () => {
      const moBinary = { ...MO_TEXT, type: 'mo_binary', body: 'VGhpcyBpcyB0aGUgU01TIGJvZHk=', udh: '5573657244617461486561646572' };

      expect(sinchAdapter.parse(post(moBinary)).inbound[0]).toMatchObject({ providerMessageId: MO_TEXT.id, text: '' });
    });

    it('turns a batch report into one delivered report per recipient of the batch', () => {
      expect(sinchAdapter.parse(post(BATCH_REPORT)).deliveryReports).toEqual([
        {
          providerMessageId: '01W4FFL35P4NC4K35SMSBATCH8',
          recipient: '12017777777',
          status: DeliveryStatus.Delivered,
          providerStatus: 'Delivered',
          error: null,
          occurredAt: null,
        },
        expect.objectContaining({ recipient: '33612345678', status: DeliveryStatus.Delivered }),
      ]);
    });

    it('reads the officially signed per-recipient report', () => {
      expect(sinchAdapter.parse(signed(SMS_BODY)).deliveryReports).toEqual([
        {
          providerMessageId: '01JHFFHQ0P99JPPNQPJDV7JTBP',
          recipient: '33662162466',
          status: DeliveryStatus.Delivered,
          providerStatus: 'Delivered',
          error: null,
          occurredAt: new Date('2025-01-13T09:22:00Z'),
        },
      ]);
    });

    it('explains an aborted message with the code Sinch gave', () => {
      expect(sinchAdapter.parse(post(ABORTED_REPORT)).deliveryReports[0]).toMatchObject({
        status: DeliveryStatus.Failed,
        recipient: '12010000000',
        error: { code: '412', category: ErrorCategory.Rejected },
        occurredAt: new Date('2024-06-06T08:17:15.603Z'),
      });
    });

    it('reports an expired message as undelivered because it expired', () => {
      const expired = { ...ABORTED_REPORT, status: 'Expired', code: 0 };

      expect(sinchAdapter.parse(post(expired)).deliveryReports[0]).toMatchObject({
        status: DeliveryStatus.Undelivered,
        error: { category: ErrorCategory.Expired },
      });
    });

    it('skips MMS delivery reports', () => {
      expect(sinchAdapter.parse(post({ ...BATCH_REPORT, type: 'delivery_report_mms' }))).toEqual({ inbound: [], deliveryReports: [] });
    });

    it('refuses an event without a type', () => {
      expect(() => sinchAdapter.parse(post({ id: 'x' }))).toThrow(new WebhookParseError('Sinch webhook is missing "type"'));
    });

    it('refuses an inbound message without a sender', () => {
      const { from: _omitted, ...withoutSender } = MO_TEXT;

      expect(() => sinchAdapter.parse(post(withoutSender))).toThrow(new WebhookParseError('Sinch mo_text is missing "from"'));
    });
  });

  it('classifies a temporary delivery failure as unreachable and retryable', () => {
    expect(sinchAdapter.mapError('404')).toMatchObject({ category: ErrorCategory.Unreachable, permanent: false });
  });
});
