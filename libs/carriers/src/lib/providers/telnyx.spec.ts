import { DeliveryStatus, ErrorCategory, WebhookParseError } from '../carrier-adapter';
import { JSON_CONTENT, webhookRequest } from '../test-support';
import { telnyxAdapter, verifyEd25519 } from './telnyx';

const HOOK = 'https://sms.example.com/webhooks/channels/ch_1';

// RFC 8032 §7.1 TEST 1 key pair: public key d75a9801…511a, whose secret key 9d61b19d…7f60 is published.
const RFC_8032_PUBLIC_KEY = Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex').toString('base64');
const RFC_8032_EMPTY_MESSAGE_SIGNATURE = Buffer.from(
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  'hex',
);

// Telnyx's SDK tests sign with random keys, so there is no official webhook vector. This one is SELF-GENERATED:
// the RFC 8032 secret key above signed `${TIMESTAMP}|${SIGNED_BODY}` with Node's crypto.sign(null, …).
const TIMESTAMP = '1700000000';
const SIGNED_BODY = '{"data":{"event_type":"message.received","id":"bf6307bd-884d-4c1f-b6ea-c62b8c495d3c"}}';
const SIGNATURE = 'CSjc8IAT7C7p4m7x3OyZ1Rlhjy8KyCdKKCeNsnrTxmOw3/2zuqq1Q1qfvYZkXZlJZeGqtKVXgszuNrF5TsX3Bg==';
const frozenNow = new Date(Number(TIMESTAMP) * 1000 + 30_000);

function signed(body: string, headers: Record<string, string | undefined> = {}) {
  return webhookRequest({
    url: HOOK,
    headers: { ...JSON_CONTENT, 'telnyx-signature-ed25519': SIGNATURE, 'telnyx-timestamp': TIMESTAMP, ...headers },
    body,
  });
}

// [reconstructed] the inboundMessage callback example of the Telnyx OpenAPI reference
// (developers.telnyx.com/api-reference/callbacks/inbound-message), values verbatim, cost fields left out.
const RECEIVED = {
  data: {
    record_type: 'event',
    id: 'bf6307bd-884d-4c1f-b6ea-c62b8c495d3c',
    event_type: 'message.received',
    occurred_at: '2019-01-23T18:10:02.574Z',
    payload: {
      record_type: 'message',
      direction: 'inbound',
      id: '7ee4241c-f127-47e5-9c34-3aac291f8058',
      type: 'SMS',
      messaging_profile_id: '0f512bda-ae1e-4597-8e11-e5f5686b97d3',
      organization_id: 'b448f9cc-a842-4784-98e9-03c1a5872950',
      from: { phone_number: '+18665550001', carrier: 'T-MOBILE USA, INC.', line_type: 'Wireless' },
      to: [{ phone_number: '+18445550001', status: 'delivered', carrier: 'TELNYX LLC', line_type: 'VoIP' }],
      cc: [],
      text: 'Hello, World!',
      subject: 'From Telnyx!',
      media: [],
      webhook_url: 'https://www.example.com/hooks',
      webhook_failover_url: 'https://backup.example.com/hooks',
      encoding: 'GSM-7',
      parts: 1,
      tags: ['Greetings'],
    },
  },
  meta: { attempt: 1, delivered_to: 'https://www.example.com/hooks' },
};

// [verbatim] the message.finalized delivery receipt example of developers.telnyx.com/docs/messaging/messages/receiving-webhooks
// (2019-12-09 edition, also shipped in Telnyx's .NET SDK example project).
const FINALIZED = {
  data: {
    event_type: 'message.finalized',
    id: '4ee8c3a6-4995-4309-a3c6-38e3db9ea4be',
    occurred_at: '2019-12-09T21:32:14.148+00:00',
    payload: {
      completed_at: '2019-12-09T21:32:14.148+00:00',
      cost: null,
      direction: 'outbound',
      encoding: 'GSM-7',
      errors: [],
      from: { carrier: 'T-Mobile USA', line_type: 'Wireless', phone_number: '+13125000000', status: 'webhook_delivered' },
      id: 'ac012cbf-5e09-46af-a69a-7c0e2d90993c',
      media: [],
      messaging_profile_id: '83d2343b-553f-4c5f-b8c8-fd27004f94bf',
      organization_id: '9d76d591-1b7d-405d-8c64-1320ee070245',
      parts: 1,
      received_at: '2019-12-09T21:32:13.552+00:00',
      record_type: 'message',
      sent_at: '2019-12-09T21:32:13.596+00:00',
      tags: [],
      text: 'Hello there!',
      to: [{ carrier: 'T-MOBILE USA, INC.', line_type: 'Wireless', phone_number: '+13125000000', status: 'delivered' }],
      type: 'SMS',
      valid_until: '2019-12-09T22:32:13.552+00:00',
      webhook_failover_url: '',
      webhook_url: 'http://webhook.site/af3a92e7-e150-442c-9fe6-61658ce26b1a',
    },
    record_type: 'event',
  },
  meta: { attempt: 1, delivered_to: 'http://webhook.site/af3a92e7-e150-442c-9fe6-61658ce26b1a' },
};

function withRecipient(status: string, errors: object[] = []) {
  const payload = { ...FINALIZED.data.payload, errors, to: [{ ...FINALIZED.data.payload.to[0], status }] };
  return JSON.stringify({ ...FINALIZED, data: { ...FINALIZED.data, payload } });
}

const unsigned = (body: unknown) => webhookRequest({ url: HOOK, headers: JSON_CONTENT, body: JSON.stringify(body) });

describe('Telnyx adapter', () => {
  it('checks Ed25519 signatures correctly (RFC 8032 test 1, empty message)', () => {
    expect(verifyEd25519(RFC_8032_PUBLIC_KEY, Buffer.alloc(0), RFC_8032_EMPTY_MESSAGE_SIGNATURE)).toBe(true);
    expect(verifyEd25519(RFC_8032_PUBLIC_KEY, Buffer.from('x'), RFC_8032_EMPTY_MESSAGE_SIGNATURE)).toBe(false);
  });

  describe('verify', () => {
    const secrets = { publicKey: RFC_8032_PUBLIC_KEY };

    it('accepts a body signed with the account key within five minutes', () => {
      expect(telnyxAdapter.verify(signed(SIGNED_BODY), secrets, frozenNow)).toEqual({ ok: true });
    });

    it('rejects a tampered body', () => {
      expect(telnyxAdapter.verify(signed(SIGNED_BODY.replace('received', 'finalized')), secrets, frozenNow)).toEqual({
        ok: false,
        reason: 'telnyx-signature-ed25519 does not match',
      });
    });

    it('rejects a signature moved to another timestamp', () => {
      expect(telnyxAdapter.verify(signed(SIGNED_BODY, { 'telnyx-timestamp': '1700000001' }), secrets, frozenNow).ok).toBe(false);
    });

    it('rejects a signature checked with another public key (RFC 8032 test 2)', () => {
      const otherKey = Buffer.from('3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c', 'hex').toString('base64');

      expect(telnyxAdapter.verify(signed(SIGNED_BODY), { publicKey: otherKey }, frozenNow).ok).toBe(false);
    });

    it('rejects a valid signature replayed more than five minutes later', () => {
      const later = new Date(Number(TIMESTAMP) * 1000 + 301_000);

      expect(telnyxAdapter.verify(signed(SIGNED_BODY), secrets, later)).toEqual({
        ok: false,
        reason: 'signature timestamp is 301 s away from now (tolerance 300 s)',
      });
    });

    it('rejects a request without the signature header', () => {
      expect(telnyxAdapter.verify(signed(SIGNED_BODY, { 'telnyx-signature-ed25519': undefined }), secrets, frozenNow)).toEqual({
        ok: false,
        reason: 'missing telnyx-signature-ed25519 header',
      });
    });

    it('rejects a request without the timestamp header', () => {
      expect(telnyxAdapter.verify(signed(SIGNED_BODY, { 'telnyx-timestamp': undefined }), secrets, frozenNow)).toEqual({
        ok: false,
        reason: 'missing telnyx-timestamp header',
      });
    });

    it('reports a malformed public key as a failed check, not an exception', () => {
      expect(telnyxAdapter.verify(signed(SIGNED_BODY), { publicKey: 'not-a-key' }, frozenNow)).toEqual({
        ok: false,
        reason: 'telnyx-signature-ed25519 does not match',
      });
    });

    it('refuses to verify when the channel has no public key', () => {
      expect(telnyxAdapter.verify(signed(SIGNED_BODY), {}, frozenNow)).toEqual({
        ok: false,
        reason: 'no Telnyx public key configured for this channel',
      });
    });
  });

  describe('parse', () => {
    it('reads message.received as an inbound SMS', () => {
      expect(telnyxAdapter.parse(unsigned(RECEIVED))).toEqual({
        inbound: [
          {
            providerMessageId: '7ee4241c-f127-47e5-9c34-3aac291f8058',
            from: '+18665550001',
            to: '+18445550001',
            text: 'Hello, World!',
            media: [],
            segments: 1,
            providerTimestamp: new Date('2019-01-23T18:10:02.574Z'),
          },
        ],
        deliveryReports: [],
      });
    });

    it('reads MMS media with content types', () => {
      const payload = {
        ...RECEIVED.data.payload,
        type: 'MMS',
        media: [{ url: 'https://media.telnyx.com/a.jpg', content_type: 'image/jpeg', size: 1200, hash_sha256: 'x' }],
      };

      expect(telnyxAdapter.parse(unsigned({ ...RECEIVED, data: { ...RECEIVED.data, payload } })).inbound[0].media).toEqual([
        { url: 'https://media.telnyx.com/a.jpg', contentType: 'image/jpeg' },
      ]);
    });

    it('reads message.finalized as a delivery report for the recipient', () => {
      const request = webhookRequest({ url: HOOK, headers: JSON_CONTENT, body: JSON.stringify(FINALIZED) });

      expect(telnyxAdapter.parse(request)).toEqual({
        inbound: [],
        deliveryReports: [
          {
            providerMessageId: 'ac012cbf-5e09-46af-a69a-7c0e2d90993c',
            status: DeliveryStatus.Delivered,
            providerStatus: 'delivered',
            error: null,
            occurredAt: new Date('2019-12-09T21:32:14.148Z'),
          },
        ],
      });
    });

    it('reads message.sent as sent', () => {
      const body = withRecipient('sent').replace('message.finalized', 'message.sent');

      expect(telnyxAdapter.parse(webhookRequest({ url: HOOK, headers: JSON_CONTENT, body })).deliveryReports[0].status).toBe(
        DeliveryStatus.Sent,
      );
    });

    it('attaches the first error of a failed delivery', () => {
      const body = withRecipient('delivery_failed', [{ code: '40300', title: 'Blocked due to STOP message', detail: 'Recipient opted out' }]);

      expect(telnyxAdapter.parse(webhookRequest({ url: HOOK, headers: JSON_CONTENT, body })).deliveryReports[0]).toMatchObject({
        status: DeliveryStatus.Undelivered,
        error: { code: '40300', category: ErrorCategory.OptedOut, permanent: true },
      });
    });

    it('keeps Telnyx\'s wording for an error code it does not know', () => {
      const body = withRecipient('sending_failed', [{ code: '49999', title: 'Odd failure', detail: 'Something odd happened' }]);

      expect(telnyxAdapter.parse(webhookRequest({ url: HOOK, headers: JSON_CONTENT, body })).deliveryReports[0]).toMatchObject({
        status: DeliveryStatus.Failed,
        error: { code: '49999', reason: 'Telnyx: Something odd happened', category: ErrorCategory.Unknown },
      });
    });

    it('treats a missing carrier receipt as sent, not failed', () => {
      const body = withRecipient('delivery_unconfirmed');

      expect(telnyxAdapter.parse(webhookRequest({ url: HOOK, headers: JSON_CONTENT, body })).deliveryReports[0]).toMatchObject({
        status: DeliveryStatus.Sent,
        error: null,
      });
    });

    it('skips event types that are not about messages it handles', () => {
      const linkClick = { data: { event_type: 'message.link_click', id: 'x', payload: { message_id: 'y' } } };

      expect(telnyxAdapter.parse(unsigned(linkClick))).toEqual({ inbound: [], deliveryReports: [] });
    });

    it('refuses a body without a data object', () => {
      expect(() => telnyxAdapter.parse(unsigned({ event_type: 'message.received' }))).toThrow(
        new WebhookParseError('Telnyx webhook has no "data" object'),
      );
    });

    it('refuses an inbound message without a sender', () => {
      const { from: _omitted, ...payload } = RECEIVED.data.payload;

      expect(() => telnyxAdapter.parse(unsigned({ data: { ...RECEIVED.data, payload } }))).toThrow(
        new WebhookParseError('Telnyx message.received payload is missing "from"'),
      );
    });
  });

  it.each([
    ['40001', ErrorCategory.Landline],
    ['40002', ErrorCategory.CarrierFiltered],
    ['40005', ErrorCategory.Expired],
    ['40008', ErrorCategory.Unreachable],
    ['40300', ErrorCategory.OptedOut],
  ])('classifies error %s as %s', (code, category) => {
    expect(telnyxAdapter.mapError(code).category).toBe(category);
  });
});
