import { DeliveryStatus, ErrorCategory, WebhookParseError } from '../carrier-adapter';
import { FORM, formBody, webhookRequest } from '../test-support';
import { plivoAdapter } from './plivo';

// Official V3 vectors: plivo/plivo-go utils_test.go (TestValidateSignatureV3Pass1…4) @ 273a836, also in plivo-ruby
// and plivo-dotnet. They use voice-call parameters; messaging webhooks are signed with the same algorithm.
const TOKEN = 'Y2Q2ZDgxZmY5YWRiOTI5YmQ1Njg0MTAxZWIyOTc4';
const NONCE = '31627761595286130198';
const WITH_QUERY = 'https://plivobin.non-prod.plivops.com/api/v1/validate_signature03.xml/?a=b&c=d';
const WITHOUT_QUERY = 'https://plivobin.non-prod.plivops.com/api/v1/validate_signature03.xml';
const PARAMS: Array<[string, string]> = [
  ['Direction', 'outbound'],
  ['From', '19792014278'],
  ['ALegUUID', '3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36'],
  ['CallStatus', 'in-progress'],
  ['BillRate', '0.002'],
  ['ParentAuthID', 'MANWVLYTK4ZWU1YTY4QA'],
  ['To', 'sip:PlivoSignature382029104058171078704104@phone-qa.voice.plivodev.com'],
  ['ALegRequestUUID', '3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36'],
  ['CallUUID', '3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36'],
  ['RequestUUID', '3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36'],
  ['SIP-H-To', '<sip:PlivoSignature382029104058171078704104@52.9.11.55;transport=udp>;tag=1'],
  ['SessionStart', '2020-04-08 11:34:33.238707'],
  ['Event', 'StartApp'],
];
const POST_WITH_QUERY = 'k7Pusd4OxCIjR5IfA9iedDNu/h/gbdYqdzG/MiYtd1c=';
const GET_WITH_QUERY = 'UBq8jAtd32wR8EK9VgxbBn4n5rpI/l1H9iN4WfSEHFQ=';
const POST_WITHOUT_QUERY = 'iAjE5QqI37mbkYe4w3jTMudqEzbDufdqi7sYwTu64e0=';
const GET_WITHOUT_QUERY = 'i/MQsaQSAd6fiKhOh2qeeeLHZ9faldADSb3/7+Akfbc=';

const now = new Date('2024-01-01T00:00:00Z');
const secrets = { authToken: TOKEN };

function post(url: string, signature: string | undefined, pairs = PARAMS, headers: Record<string, string | undefined> = {}) {
  return webhookRequest({
    url,
    headers: { ...FORM, 'x-plivo-signature-v3': signature, 'x-plivo-signature-v3-nonce': NONCE, ...headers },
    body: formBody(pairs),
  });
}

// A GET carries the parameters in its query string, so they are appended to the signed URL.
function get(url: string, signature: string) {
  const separator = url.includes('?') ? '&' : '?';
  return webhookRequest({
    method: 'GET',
    url: `${url}${separator}${formBody(PARAMS)}`,
    headers: { 'x-plivo-signature-v3': signature, 'x-plivo-signature-v3-nonce': NONCE },
  });
}

describe('Plivo adapter', () => {
  describe('verify', () => {
    it('accepts the official POST vector with a query string', () => {
      expect(plivoAdapter.verify(post(WITH_QUERY, POST_WITH_QUERY), secrets, now)).toEqual({ ok: true });
    });

    it('accepts the official GET vector with a query string', () => {
      expect(plivoAdapter.verify(get(WITH_QUERY, GET_WITH_QUERY), secrets, now)).toEqual({ ok: true });
    });

    it('accepts the official POST vector without a query string', () => {
      expect(plivoAdapter.verify(post(WITHOUT_QUERY, POST_WITHOUT_QUERY), secrets, now)).toEqual({ ok: true });
    });

    it('accepts the official GET vector without a query string', () => {
      expect(plivoAdapter.verify(get(WITHOUT_QUERY, GET_WITHOUT_QUERY), secrets, now)).toEqual({ ok: true });
    });

    it('accepts a header listing one signature per active auth token', () => {
      const header = `AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=, ${POST_WITH_QUERY}`;

      expect(plivoAdapter.verify(post(WITH_QUERY, header), secrets, now)).toEqual({ ok: true });
    });

    it('rejects a tampered parameter', () => {
      const tampered = PARAMS.map(([key, value]): [string, string] => [key, key === 'From' ? '19792014279' : value]);

      expect(plivoAdapter.verify(post(WITH_QUERY, POST_WITH_QUERY, tampered), secrets, now)).toEqual({
        ok: false,
        reason: 'X-Plivo-Signature-V3 does not match',
      });
    });

    it('rejects a signature replayed with another nonce', () => {
      expect(plivoAdapter.verify(post(WITH_QUERY, POST_WITH_QUERY, PARAMS, { 'x-plivo-signature-v3-nonce': '31627761595286130199' }), secrets, now).ok).toBe(false);
    });

    it('rejects the right signature checked with another auth token', () => {
      expect(plivoAdapter.verify(post(WITH_QUERY, POST_WITH_QUERY), { authToken: 'my_auth_token' }, now).ok).toBe(false);
    });

    it('rejects a request without any signature header', () => {
      expect(plivoAdapter.verify(post(WITH_QUERY, undefined), secrets, now)).toEqual({
        ok: false,
        reason: 'missing X-Plivo-Signature-V2 or X-Plivo-Signature-V3 header',
      });
    });

    it('rejects a request without the nonce header', () => {
      expect(plivoAdapter.verify(post(WITH_QUERY, POST_WITH_QUERY, PARAMS, { 'x-plivo-signature-v3-nonce': undefined }), secrets, now)).toEqual({
        ok: false,
        reason: 'missing X-Plivo-Signature-V3-Nonce header',
      });
    });

    it('refuses to verify when the channel has no auth token', () => {
      expect(plivoAdapter.verify(post(WITH_QUERY, POST_WITH_QUERY), {}, now)).toEqual({
        ok: false,
        reason: 'no Plivo auth token configured for this channel',
      });
    });
  });

  // Messaging callbacks (inbound SMS and status callbacks) carry V2, not V3: plivo.com/docs/messaging/concepts/signature-validation.
  // V2 is base64 HMAC-SHA256 of scheme://host[:port]path (no query) followed by the nonce. Official vectors:
  // plivo/plivo-node test/utils.js @ 6dab4036d6f4de64b4d5be24b6176966bfd314af (also plivo-go, plivo-ruby, plivo-php,
  // plivo-dotnet) for `https://answer.url`; the trailing-slash and port vectors are from plivo/plivo-java
  // src/test/java/com/plivo/api/UtilsTest.java @ 6f860c03e55453bc91a25f1a69a913de58e30b1e.
  describe('verify V2 (messaging)', () => {
    const V2_TOKEN = 'my_auth_token';
    const V2_NONCE = '12345';
    const SMS = 'To=2020&From=60124361111&TotalRate=0&Units=1&Text=Hello&TotalAmount=0&Type=sms&MessageUUID=abc1234';
    const v2 = (url: string, headers: Record<string, string | undefined>) =>
      webhookRequest({ url, headers: { ...FORM, 'x-plivo-signature-v2-nonce': V2_NONCE, ...headers }, body: SMS });

    it.each([
      ['https://answer.url', 'ehV3IKhLysWBxC1sy8INm0qGoQYdYsHwuoKjsX7FsXc='],
      ['https://answer.url/', 'do1CXv+k99A6+B+eTcyqbxWlezFIxJ/1vz72787r37g='],
      ['https://answer.url:8000', 'Gm7Z7AGBmf5JpSHrtUmeofrGyA4xV0ZiV0rH8JPXWGU='],
    ])('accepts Plivo\'s published V2 vector for %s on an SMS callback', (url, signature) => {
      expect(plivoAdapter.verify(v2(url, { 'x-plivo-signature-v2': signature }), { authToken: V2_TOKEN }, now)).toEqual({ ok: true });
    });

    it('signs the URL without its query string', () => {
      const request = v2('https://answer.url?channel=7&x=y', { 'x-plivo-signature-v2': 'ehV3IKhLysWBxC1sy8INm0qGoQYdYsHwuoKjsX7FsXc=' });

      expect(plivoAdapter.verify(request, { authToken: V2_TOKEN }, now)).toEqual({ ok: true });
    });

    it('accepts X-Plivo-Signature-Ma-V2 when the channel holds the main account\'s auth token', () => {
      const request = v2('https://answer.url', { 'x-plivo-signature-v2': 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', 'x-plivo-signature-ma-v2': 'ehV3IKhLysWBxC1sy8INm0qGoQYdYsHwuoKjsX7FsXc=' });

      expect(plivoAdapter.verify(request, { authToken: V2_TOKEN }, now)).toEqual({ ok: true });
    });

    it('rejects the V2 vector checked with another auth token', () => {
      expect(plivoAdapter.verify(v2('https://answer.url', { 'x-plivo-signature-v2': 'ehV3IKhLysWBxC1sy8INm0qGoQYdYsHwuoKjsX7FsXc=' }), { authToken: 'my_auth_tokens' }, now)).toEqual({
        ok: false,
        reason: 'X-Plivo-Signature-V2 does not match',
      });
    });

    it('rejects a V2 signature replayed with another nonce or at another URL', () => {
      const signature = { 'x-plivo-signature-v2': 'ehV3IKhLysWBxC1sy8INm0qGoQYdYsHwuoKjsX7FsXc=' };

      expect(plivoAdapter.verify(v2('https://answer.url', { ...signature, 'x-plivo-signature-v2-nonce': '123456' }), { authToken: V2_TOKEN }, now).ok).toBe(false);
      expect(plivoAdapter.verify(v2('https://other.url', signature), { authToken: V2_TOKEN }, now).ok).toBe(false);
    });

    it('rejects a V2 signature without its nonce header', () => {
      const request = v2('https://answer.url', { 'x-plivo-signature-v2': 'ehV3IKhLysWBxC1sy8INm0qGoQYdYsHwuoKjsX7FsXc=', 'x-plivo-signature-v2-nonce': undefined });

      expect(plivoAdapter.verify(request, { authToken: V2_TOKEN }, now)).toEqual({ ok: false, reason: 'missing X-Plivo-Signature-V2-Nonce header' });
    });
  });

  describe('parse', () => {
    const HOOK = 'https://sms.example.com/webhooks/channels/ch_1';
    const parse = (body: string) => plivoAdapter.parse(webhookRequest({ url: HOOK, headers: FORM, body }));

    // An inbound SMS as captured in nyaruka/courier handlers/plivo/handler_test.go
    // @ 0eac8cc27751ae41a4c0b7930ede54803bfda038 (third-party gateway tests; values verbatim).
    const inbound = 'To=2020&From=60124361111&TotalRate=0&Units=1&Text=Hello&TotalAmount=0&Type=sms&MessageUUID=abc1234';

    it('reads an inbound SMS', () => {
      expect(parse(inbound)).toEqual({
        inbound: [
          {
            providerMessageId: 'abc1234',
            from: '60124361111',
            to: '2020',
            text: 'Hello',
            media: [],
            segments: 1,
            providerTimestamp: null,
          },
        ],
        deliveryReports: [],
      });
    });

    it.each([
      ['optout', 'STOP', 'optout'],
      ['optin', 'START', 'optin'],
      ['help', 'HELP', 'help'],
    ])('passes on Plivo\'s MessageIntent %s', (intent, text, hint) => {
      const body = inbound.replace('Text=Hello', `Text=${text}`) + `&MessageIntent=${intent}`;

      expect(parse(body).inbound[0].optOutHint).toBe(hint);
    });

    it('sets no hint when MessageIntent is empty', () => {
      expect(parse(`${inbound}&MessageIntent=`).inbound[0]).not.toHaveProperty('optOutHint');
    });

    // [reconstructed] MMS inbound fields from plivo.com/docs/messaging/api/message/handling-incoming.
    it('reads an MMS body and its media in order', () => {
      const body = formBody([
        ['From', '14155550100'],
        ['To', '14155550199'],
        ['Type', 'mms'],
        ['Body', 'Look'],
        ['MessageUUID', 'mms-1'],
        ['MediaCount', '2'],
        ['Media1', 'https://media.plivo.com/b.jpg'],
        ['Media0', 'https://media.plivo.com/a.jpg'],
      ]);

      expect(parse(body).inbound[0]).toMatchObject({
        text: 'Look',
        media: [
          { url: 'https://media.plivo.com/a.jpg', contentType: null },
          { url: 'https://media.plivo.com/b.jpg', contentType: null },
        ],
      });
    });

    // [reconstructed] status callback parameters from plivo.com/docs/messaging/api/message/message-status-callbacks.
    it('reads an undelivered status callback with its error', () => {
      const body = formBody([
        ['From', '14155550199'],
        ['To', '14155550100'],
        ['MessageUUID', 'db3ce55a-7f1d-11e1-8ea7-1231380bc196'],
        ['ParentMessageUUID', 'db3ce55a-7f1d-11e1-8ea7-1231380bc196'],
        ['PartInfo', '1 of 1'],
        ['Status', 'undelivered'],
        ['ErrorCode', '30'],
        ['Units', '1'],
        ['TotalRate', '0.0050'],
        ['TotalAmount', '0.0050'],
        ['MCC', '310'],
        ['MNC', '260'],
        ['Sequence', '3'],
        ['Type', 'sms'],
        ['MessageTime', '2024-05-01 10:00:00'],
        ['QueuedTime', '2024-05-01 10:00:00'],
        ['SentTime', '2024-05-01 10:00:01'],
        ['DeliveryReportTime', '2024-05-01 10:00:05'],
      ]);

      expect(parse(body)).toEqual({
        inbound: [],
        deliveryReports: [
          {
            providerMessageId: 'db3ce55a-7f1d-11e1-8ea7-1231380bc196',
            status: DeliveryStatus.Undelivered,
            providerStatus: 'undelivered',
            error: expect.objectContaining({ code: '30', category: ErrorCategory.CarrierFiltered }),
            occurredAt: new Date('2024-05-01T10:00:05Z'),
          },
        ],
      });
    });

    // courier's status capture (same file as above) sends `status` in lower case.
    it('reads a delivered status with no error code', () => {
      expect(parse('MessageUUID=12345&status=delivered&To=%2B60124361111&From=2020').deliveryReports[0]).toMatchObject({
        providerMessageId: '12345',
        status: DeliveryStatus.Delivered,
        error: null,
      });
    });

    it('treats error code 000 as no error', () => {
      expect(parse('MessageUUID=1&Status=delivered&ErrorCode=000').deliveryReports[0].error).toBeNull();
    });

    it.each([
      ['queued', DeliveryStatus.Sending],
      ['sent', DeliveryStatus.Sent],
      ['failed', DeliveryStatus.Failed],
      ['rejected', DeliveryStatus.Failed],
      ['read', DeliveryStatus.Delivered],
    ])('maps the status %s to %s', (status, expected) => {
      expect(parse(`MessageUUID=1&Status=${status}`).deliveryReports[0].status).toBe(expected);
    });

    it('refuses an inbound message without MessageUUID', () => {
      expect(() => parse('To=2020&From=60124361111&Text=Hello')).toThrow(new WebhookParseError('Plivo webhook is missing the "MessageUUID" parameter'));
    });
  });

  it.each([
    ['200', ErrorCategory.OptedOut],
    ['50', ErrorCategory.InvalidNumber],
    ['80', ErrorCategory.Unreachable],
    ['420', ErrorCategory.Expired],
  ])('classifies error %s as %s', (code, category) => {
    expect(plivoAdapter.mapError(code).category).toBe(category);
  });
});
