import { type VonageSignatureMethod, DeliveryStatus, ErrorCategory, WebhookParseError } from '../carrier-adapter';
import { FORM, JSON_CONTENT, formBody, webhookRequest } from '../test-support';
import { vonageAdapter } from './vonage';

// Official vectors: Vonage/vonage-node-sdk packages/sms/__tests__/__dataSets__/signature.ts
// @ 4b9aab742201500aeb28466e027a81e1ddc8aea5 (same set in vonage-ruby-sdk). Values copied, not code.
const SECRET = 'my_secret_key_for_testing';
const SIGNED: Record<string, string> = {
  'message-timestamp': '2013-11-21 15:27:30',
  messageId: '020000001B0FE827',
  msisdn: '14843472194',
  text: 'Test again',
  timestamp: '1385047698',
  to: '13239877404',
  type: 'text',
};
const VECTORS: Array<[VonageSignatureMethod, string]> = [
  ['md5hash', 'd2e7b1dc968737c5998ad624e02f90b7'],
  ['md5', 'DDEBD46008C2D4E93CCE578A332A52D5'],
  ['sha1', '27D0D05C2876C7CB1720DBCDBA4D492E1E55C09A'],
  ['sha256', 'DDB8397C2B90AAC7F3882D306475C9A5058C92322EEF43C92B298B6E0FC0D330'],
  [
    'sha512',
    'E0D3C650F8C9D1A5C174D10DDDBFB003E561F59B265616208B0487C5D819481CD3C311D59CF6165ECD1139622D5BA3A256C0D763AC4A9AD9144B5A426B94FE82',
  ],
];
const SIGNED_AT = new Date(1385047698 * 1000);
const aMinuteLater = new Date(SIGNED_AT.getTime() + 60_000);
const HOOK = 'https://sms.example.com/webhooks/channels/ch_1';

function getRequest(params: Record<string, string>) {
  return webhookRequest({ method: 'GET', url: `${HOOK}?${formBody(Object.entries(params))}` });
}

describe('Vonage SMS API adapter', () => {
  describe('verify', () => {
    it.each(VECTORS)('accepts the official %s vector', (signatureMethod, sig) => {
      const result = vonageAdapter.verify(getRequest({ ...SIGNED, sig }), { signatureSecret: SECRET, signatureMethod }, aMinuteLater);

      expect(result).toEqual({ ok: true });
    });

    it('accepts the same signed parameters posted as a form or as JSON', () => {
      const secrets = { signatureSecret: SECRET, signatureMethod: 'sha256' as const };
      const sig = VECTORS[3][1];
      const form = webhookRequest({ url: HOOK, headers: FORM, body: formBody(Object.entries({ ...SIGNED, sig })) });
      const json = webhookRequest({ url: HOOK, headers: JSON_CONTENT, body: JSON.stringify({ ...SIGNED, sig }) });

      expect(vonageAdapter.verify(form, secrets, aMinuteLater)).toEqual({ ok: true });
      expect(vonageAdapter.verify(json, secrets, aMinuteLater)).toEqual({ ok: true });
    });

    it('uses md5hash when the channel does not name a method', () => {
      expect(vonageAdapter.verify(getRequest({ ...SIGNED, sig: VECTORS[0][1] }), { signatureSecret: SECRET }, aMinuteLater)).toEqual({
        ok: true,
      });
    });

    it('rejects a tampered text', () => {
      const request = getRequest({ ...SIGNED, text: 'Test again!', sig: VECTORS[0][1] });

      expect(vonageAdapter.verify(request, { signatureSecret: SECRET }, aMinuteLater)).toEqual({ ok: false, reason: 'sig does not match' });
    });

    it('rejects a signature made with another secret', () => {
      const request = getRequest({ ...SIGNED, sig: VECTORS[0][1] });

      expect(vonageAdapter.verify(request, { signatureSecret: 'another_secret' }, aMinuteLater).ok).toBe(false);
    });

    it('rejects a valid signature checked with the wrong method', () => {
      const request = getRequest({ ...SIGNED, sig: VECTORS[3][1] });

      expect(vonageAdapter.verify(request, { signatureSecret: SECRET, signatureMethod: 'sha512' }, aMinuteLater).ok).toBe(false);
    });

    it('rejects a request without sig', () => {
      expect(vonageAdapter.verify(getRequest(SIGNED), { signatureSecret: SECRET }, aMinuteLater)).toEqual({
        ok: false,
        reason: 'missing sig parameter',
      });
    });

    it('rejects a correctly signed request replayed more than five minutes later', () => {
      const sixMinutesLater = new Date(SIGNED_AT.getTime() + 360_000);
      const result = vonageAdapter.verify(getRequest({ ...SIGNED, sig: VECTORS[0][1] }), { signatureSecret: SECRET }, sixMinutesLater);

      expect(result).toEqual({ ok: false, reason: 'signature timestamp is 360 s away from now (tolerance 300 s)' });
    });

    it('refuses to verify when the channel has no signature secret', () => {
      expect(vonageAdapter.verify(getRequest({ ...SIGNED, sig: VECTORS[0][1] }), {}, aMinuteLater)).toEqual({
        ok: false,
        reason: expect.stringContaining('no Vonage signature secret'),
      });
    });

    it('reports an unreadable JSON body instead of throwing', () => {
      const request = webhookRequest({ url: HOOK, headers: JSON_CONTENT, body: '{"sig":' });

      expect(vonageAdapter.verify(request, { signatureSecret: SECRET }, aMinuteLater).ok).toBe(false);
    });
  });

  describe('parse', () => {
    // [reconstructed] field values from the InboundMessage examples in Nexmo/api-specification definitions/sms.yml
    // @ 19ce342588c321c17fea8ae8465326bcf2db6c42, posted as JSON.
    const inbound = {
      'api-key': 'abcd1234',
      msisdn: '447700900001',
      to: '447700900000',
      messageId: '0A0000000123ABCD1',
      text: 'Hello world',
      type: 'text',
      keyword: 'HELLO',
      'message-timestamp': '2020-01-01 12:00:00',
      timestamp: '1578787200',
      nonce: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
    };

    it('reads an inbound SMS posted as JSON', () => {
      const events = vonageAdapter.parse(webhookRequest({ url: HOOK, headers: JSON_CONTENT, body: JSON.stringify(inbound) }));

      expect(events).toEqual({
        inbound: [
          {
            providerMessageId: '0A0000000123ABCD1',
            from: '447700900001',
            to: '447700900000',
            text: 'Hello world',
            media: [],
            segments: null,
            providerTimestamp: new Date('2020-01-01T12:00:00Z'),
          },
        ],
        deliveryReports: [],
      });
    });

    it('reads one part of a concatenated message with its reassembly fields', () => {
      const part = { ...inbound, concat: 'true', 'concat-ref': '1', 'concat-total': '3', 'concat-part': '2' };

      const [sms] = vonageAdapter.parse(webhookRequest({ url: HOOK, headers: JSON_CONTENT, body: JSON.stringify(part) })).inbound;

      expect(sms.concat).toEqual({ reference: '1', part: 2, total: 3 });
      expect(sms.segments).toBe(3);
    });

    it('refuses a concatenated part without its position', () => {
      const part = { ...inbound, concat: 'true', 'concat-ref': '1', 'concat-total': '3' };

      expect(() => vonageAdapter.parse(webhookRequest({ url: HOOK, headers: JSON_CONTENT, body: JSON.stringify(part) }))).toThrow(
        WebhookParseError,
      );
    });

    // Real GET captures from a third-party gateway: courier handlers/nexmo/nexmo.go (jbowles/courier v1.0.1, a fork
    // of nyaruka/courier), values verbatim.
    it('reads an inbound SMS sent by GET', () => {
      const request = webhookRequest({
        method: 'GET',
        url: `${HOOK}?msisdn=15862151111&to=12812581111&messageId=0B0000004B65F62F&text=Msg&type=text&keyword=Keyword&message-timestamp=2017-05-01+21%3A52%3A49`,
      });

      expect(vonageAdapter.parse(request).inbound[0]).toMatchObject({
        providerMessageId: '0B0000004B65F62F',
        from: '15862151111',
        to: '12812581111',
        text: 'Msg',
        providerTimestamp: new Date('2017-05-01T21:52:49Z'),
      });
    });

    it('reads a delivery receipt sent by GET, dated by the carrier', () => {
      const request = webhookRequest({
        method: 'GET',
        url: `${HOOK}?msisdn=4527631111&to=Tak&network-code=23820&messageId=0C0000002EEBDA56&price=0.01820000&status=delivered&scts=1705021324&err-code=0&message-timestamp=2017-05-02+11%3A24%3A03`,
      });

      expect(vonageAdapter.parse(request)).toEqual({
        inbound: [],
        deliveryReports: [
          {
            providerMessageId: '0C0000002EEBDA56',
            status: DeliveryStatus.Delivered,
            providerStatus: 'delivered',
            error: null,
            occurredAt: new Date('2017-05-02T13:24:00Z'),
          },
        ],
      });
    });

    // [reconstructed] DeliveryReceipt example values from the same sms.yml, posted as a form.
    const receipt = {
      msisdn: '447700900000',
      to: 'AcmeInc',
      'network-code': '12345',
      messageId: '0A0000001234567B',
      price: '0.03330000',
      status: 'delivered',
      scts: '2001011400',
      'err-code': '0',
      'api-key': 'abcd1234',
      'message-timestamp': '2020-01-01 12:00:00',
    };

    it('reads a failed receipt with the reason from its err-code', () => {
      const body = formBody(Object.entries({ ...receipt, status: 'failed', 'err-code': '6' }));

      expect(vonageAdapter.parse(webhookRequest({ url: HOOK, headers: FORM, body })).deliveryReports[0]).toMatchObject({
        status: DeliveryStatus.Undelivered,
        providerStatus: 'failed',
        error: { code: '6', category: ErrorCategory.CarrierFiltered, permanent: true },
        occurredAt: new Date('2020-01-01T14:00:00Z'),
      });
    });

    it('marks an expired message as undelivered because it expired', () => {
      const body = formBody(Object.entries({ ...receipt, status: 'expired', 'err-code': '0' }));

      expect(vonageAdapter.parse(webhookRequest({ url: HOOK, headers: FORM, body })).deliveryReports[0]).toMatchObject({
        status: DeliveryStatus.Undelivered,
        error: { code: 'expired', category: ErrorCategory.Expired },
      });
    });

    it.each([
      ['accepted', DeliveryStatus.Sent],
      ['buffered', DeliveryStatus.Sent],
      ['delivered', DeliveryStatus.Delivered],
      ['rejected', DeliveryStatus.Failed],
      ['unknown', DeliveryStatus.Undelivered],
    ])('maps the receipt status %s to %s', (status, expected) => {
      const body = formBody(Object.entries({ ...receipt, status }));

      expect(vonageAdapter.parse(webhookRequest({ url: HOOK, headers: FORM, body })).deliveryReports[0].status).toBe(expected);
    });

    it('refuses an inbound message without messageId', () => {
      const { messageId: _omitted, ...withoutId } = inbound;

      expect(() => vonageAdapter.parse(webhookRequest({ url: HOOK, headers: JSON_CONTENT, body: JSON.stringify(withoutId) }))).toThrow(
        new WebhookParseError('Vonage webhook is missing the "messageId" parameter'),
      );
    });

    it('refuses a body that is not JSON although it says so', () => {
      expect(() => vonageAdapter.parse(webhookRequest({ url: HOOK, headers: JSON_CONTENT, body: 'msisdn=1' }))).toThrow(
        new WebhookParseError('Vonage webhook body is not valid JSON'),
      );
    });
  });

  describe('mapError', () => {
    it.each([
      ['2', ErrorCategory.Unreachable, false],
      ['3', ErrorCategory.InvalidNumber, true],
      ['4', ErrorCategory.Blocked, true],
      ['6', ErrorCategory.CarrierFiltered, true],
      ['9', ErrorCategory.OptedOut, true],
      ['99', ErrorCategory.ProviderError, false],
    ])('classifies err-code %s as %s', (code, category, permanent) => {
      expect(vonageAdapter.mapError(code)).toMatchObject({ code, category, permanent });
    });
  });
});
