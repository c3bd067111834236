import { DeliveryStatus, ErrorCategory, WebhookParseError } from '../carrier-adapter';
import { JSON_CONTENT, webhookRequest } from '../test-support';
import { genericAdapter, signGenericWebhook } from './generic';

const HOOK = 'https://sms.example.com/webhooks/channels/ch_1';
const SECRET = 'whsec_test_secret';
const TIMESTAMP = 1700000000;
const now = new Date(TIMESTAMP * 1000 + 10_000);

// Our own format has no outside vector. SELF-GENERATED with Node:
// createHmac('sha256', SECRET).update(`${TIMESTAMP}.${BODY}`).digest('hex'), the body taken as UTF-8 bytes.
const BODY = '{"type":"message","id":"agg-42","from":"+380501234567","to":"+15550001111","text":"Привіт","timestamp":"2023-11-14T22:13:20Z"}';
const HEADER = 't=1700000000,v1=021e7385a94c1c6ca9c4b686568b8267bc77d3a518f7ce82034ee56d6e3f4b9f';

function signed(body: string, headers: Record<string, string | undefined> = {}) {
  return webhookRequest({ url: HOOK, headers: { ...JSON_CONTENT, 'x-backtalk-signature': HEADER, ...headers }, body });
}
const post = (body: unknown) => webhookRequest({ url: HOOK, headers: JSON_CONTENT, body: JSON.stringify(body) });

describe('Generic webhook adapter', () => {
  describe('verify', () => {
    it('accepts the documented signature', () => {
      expect(genericAdapter.verify(signed(BODY), { signatureSecret: SECRET }, now)).toEqual({ ok: true });
    });

    it('produces the documented header with its signing helper', () => {
      expect(signGenericWebhook(SECRET, BODY, TIMESTAMP)).toBe(HEADER);
    });

    it('accepts the signature among several v1 values during a secret rotation', () => {
      const header = `t=1700000000,v1=${'0'.repeat(64)},v1=021e7385a94c1c6ca9c4b686568b8267bc77d3a518f7ce82034ee56d6e3f4b9f`;

      expect(genericAdapter.verify(signed(BODY, { 'x-backtalk-signature': header }), { signatureSecret: SECRET }, now)).toEqual({ ok: true });
    });

    it('rejects a tampered body', () => {
      expect(genericAdapter.verify(signed(BODY.replace('Привіт', 'Привет')), { signatureSecret: SECRET }, now)).toEqual({
        ok: false,
        reason: 'X-Backtalk-Signature does not match',
      });
    });

    it('rejects a signature moved to another timestamp', () => {
      const moved = HEADER.replace('t=1700000000', 't=1700000005');

      expect(genericAdapter.verify(signed(BODY, { 'x-backtalk-signature': moved }), { signatureSecret: SECRET }, now).ok).toBe(false);
    });

    it('rejects the signature checked with another secret', () => {
      expect(genericAdapter.verify(signed(BODY), { signatureSecret: 'whsec_other' }, now).ok).toBe(false);
    });

    it('rejects a valid signature replayed more than five minutes later', () => {
      expect(genericAdapter.verify(signed(BODY), { signatureSecret: SECRET }, new Date((TIMESTAMP + 301) * 1000))).toEqual({
        ok: false,
        reason: 'signature timestamp is 301 s away from now (tolerance 300 s)',
      });
    });

    it('rejects a request without the header', () => {
      expect(genericAdapter.verify(signed(BODY, { 'x-backtalk-signature': undefined }), { signatureSecret: SECRET }, now)).toEqual({
        ok: false,
        reason: 'missing X-Backtalk-Signature header',
      });
    });

    it('rejects a header without a timestamp', () => {
      expect(genericAdapter.verify(signed(BODY, { 'x-backtalk-signature': 'v1=021e7385' }), { signatureSecret: SECRET }, now)).toEqual({
        ok: false,
        reason: 'X-Backtalk-Signature needs t= and v1= fields',
      });
    });

    it('refuses to verify when the channel has no secret', () => {
      expect(genericAdapter.verify(signed(BODY), {}, now)).toEqual({ ok: false, reason: 'no webhook secret configured for this channel' });
    });
  });

  describe('parse', () => {
    it('reads a message event', () => {
      expect(genericAdapter.parse(signed(BODY))).toEqual({
        inbound: [
          {
            providerMessageId: 'agg-42',
            from: '+380501234567',
            to: '+15550001111',
            text: 'Привіт',
            media: [],
            segments: null,
            providerTimestamp: new Date('2023-11-14T22:13:20Z'),
          },
        ],
        deliveryReports: [],
      });
    });

    it('reads media attachments', () => {
      const event = { type: 'message', id: 'm1', from: '+1', to: '+2', text: '', media: [{ url: 'https://cdn.example/a.png', contentType: 'image/png' }, { url: 'https://cdn.example/b' }] };

      expect(genericAdapter.parse(post(event)).inbound[0].media).toEqual([
        { url: 'https://cdn.example/a.png', contentType: 'image/png' },
        { url: 'https://cdn.example/b', contentType: null },
      ]);
    });

    it('reads an array mixing messages and statuses', () => {
      const events = genericAdapter.parse(
        post([
          { type: 'status', id: 'out-1', status: 'delivered', timestamp: '2024-03-01T10:00:00Z' },
          { type: 'status', id: 'out-2', status: 'failed', errorCode: 'E42', errorDescription: 'Number unreachable' },
          { type: 'message', id: 'in-1', from: '+1', to: '+2', text: 'hi' },
        ]),
      );

      expect(events.inbound.map((sms) => sms.providerMessageId)).toEqual(['in-1']);
      expect(events.deliveryReports).toEqual([
        { providerMessageId: 'out-1', status: DeliveryStatus.Delivered, providerStatus: 'delivered', error: null, occurredAt: new Date('2024-03-01T10:00:00Z') },
        {
          providerMessageId: 'out-2',
          status: DeliveryStatus.Failed,
          providerStatus: 'failed',
          error: { code: 'E42', reason: 'Number unreachable', category: ErrorCategory.Unknown, permanent: false },
          occurredAt: null,
        },
      ]);
    });

    it('refuses a status outside the documented set', () => {
      expect(() => genericAdapter.parse(post({ type: 'status', id: 'x', status: 'queued' }))).toThrow(
        new WebhookParseError('event has status "queued"; expected sent, delivered, undelivered or failed'),
      );
    });

    it('refuses an unknown event type and names the event', () => {
      expect(() => genericAdapter.parse(post([{ type: 'message', id: 'a', from: '+1', to: '+2', text: '' }, { type: 'typing' }]))).toThrow(
        new WebhookParseError('event 1 has type "typing"; expected "message" or "status"'),
      );
    });

    it('refuses a message without text', () => {
      expect(() => genericAdapter.parse(post({ type: 'message', id: 'a', from: '+1', to: '+2' }))).toThrow(
        new WebhookParseError('event is missing "text"'),
      );
    });

    it('refuses a timestamp that is not ISO 8601', () => {
      expect(() => genericAdapter.parse(post({ type: 'status', id: 'a', status: 'sent', timestamp: 'yesterday' }))).toThrow(
        new WebhookParseError('event has a timestamp that is not ISO 8601'),
      );
    });

    it('refuses a body that is not JSON', () => {
      expect(() => genericAdapter.parse(webhookRequest({ url: HOOK, body: 'type=message' }))).toThrow(
        new WebhookParseError('Generic webhook body is not valid JSON'),
      );
    });
  });

  it('acknowledges with a small JSON body', () => {
    expect(genericAdapter.acknowledgement()).toEqual({ status: 200, contentType: 'application/json', body: '{"received":true}' });
  });
});
