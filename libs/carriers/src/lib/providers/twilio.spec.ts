import { DeliveryStatus, ErrorCategory, WebhookParseError } from '../carrier-adapter';
import { FORM, JSON_CONTENT, formBody, webhookRequest } from '../test-support';
import { twilioAdapter } from './twilio';

// Official vectors from twilio/twilio-node spec/validation.spec.js @ 005ea9cdbad2969f1d6c1f5059aa7df509f2d934
// (the same values ship in every Twilio helper library). Values copied, not code.
const TOKEN = '12345';
const URL_ = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS: Array<[string, string]> = [
  ['CallSid', 'CA1234567890ABCDE'],
  ['Caller', '+14158675309'],
  ['Digits', '1234'],
  ['From', '+14158675309'],
  ['To', '+18005551212'],
];
const SIGNATURE = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';
const JSON_BODY = '{"property": "value", "boolean": true}';
const JSON_BODY_SHA256 = '0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620';
const EMPTY_JSON_BODY_SHA256 = '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a';

const now = new Date('2024-01-01T00:00:00Z');

function signedPost(url: string, signature: string | undefined, pairs: Array<[string, string]> = PARAMS) {
  return webhookRequest({ url, headers: { ...FORM, 'x-twilio-signature': signature }, body: formBody(pairs) });
}

describe('Twilio adapter', () => {
  describe('verify', () => {
    it.each([
      ['the basic vector', URL_, SIGNATURE, PARAMS],
      ['a signature made without the non-default port the URL carries', URL_.replace('.com', '.com:1234'), SIGNATURE, PARAMS],
      ['an http URL with a port', 'http://mycompany.com:1234/myapp.php?foo=1&bar=2', 'Zmvh+3yNM1Phv2jhDCwEM3q5ebU=', PARAMS],
      ['a signature made with :443 added to an https URL', URL_, 'kvajT1Ptam85bY51eRf/AJRuM3w=', PARAMS],
      ['a signature made with :80 added to an http URL', URL_.replace('https', 'http'), '0ZXoZLH/DfblKGATFgpif+LLRf4=', PARAMS],
      ['credentials in the URL', 'https://user:pass@mycompany.com/myapp.php?foo=1&bar=2', 'CukzLTc1tT5dXEDIHm/tKBanW10=', PARAMS],
      ['a user name alone in the URL', 'https://user@mycompany.com/myapp.php?foo=1&bar=2', '2YRLlVAflCqxaNicjMpJcSTgzSs=', PARAMS],
      ['credentials with :443 added', 'https://user:pass@mycompany.com/myapp.php?foo=1&bar=2', 'ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=', PARAMS],
      ['a quote in the query string', `${URL_}&Body=It's+amazing`, 'dsq4Ehbj6cs+KdTkpF5sSSplOWw=', PARAMS],
      [
        'a repeated parameter',
        URL_,
        '83O6e2vORAoJHUNzJjDWN1jz+BA=',
        [['MessagingBinding.Address', '+1325xxxxxxx'], ['MessagingBinding.Address', '+1415xxxxxxx']],
      ],
      [
        'a repeated parameter in the other order',
        URL_,
        '83O6e2vORAoJHUNzJjDWN1jz+BA=',
        [['MessagingBinding.Address', '+1415xxxxxxx'], ['MessagingBinding.Address', '+1325xxxxxxx']],
      ],
      [
        'a repeated parameter with a duplicate value',
        URL_,
        'IK+Dwps556ElfBT0I3Rgjkr1wJU=',
        [['Sid', 'CA123'], ['SidAccount', 'AC123'], ['Digits', '5678'], ['Digits', '1234'], ['Digits', '1234']],
      ],
    ] as Array<[string, string, string, Array<[string, string]>]>)('accepts the official vector for %s', (_name, url, signature, pairs) => {
      expect(twilioAdapter.verify(signedPost(url, signature, pairs), { authToken: TOKEN }, now)).toEqual({ ok: true });
    });

    it.each([
      ['a JSON body', `${URL_}&bodySHA256=${JSON_BODY_SHA256}`, 'a9nBmqA0ju/hNViExpshrM61xv4=', JSON_BODY],
      ['an empty JSON object', `${URL_}&bodySHA256=${EMPTY_JSON_BODY_SHA256}`, 'Ldidvp12m26NI7eqEvxnEpkd9Hc=', '{}'],
      ['a URL with only the body hash', `https://mycompany.com/myapp.php?bodySHA256=${JSON_BODY_SHA256}`, 'y77kIzt2vzLz71DgmJGsen2scGs=', JSON_BODY],
    ])('accepts the official vector for %s', (_name, url, signature, body) => {
      const request = webhookRequest({ url, headers: { ...JSON_CONTENT, 'x-twilio-signature': signature }, body });

      expect(twilioAdapter.verify(request, { authToken: TOKEN }, now)).toEqual({ ok: true });
    });

    it('rejects a JSON body that does not match the signed bodySHA256', () => {
      const request = webhookRequest({
        url: `${URL_}&bodySHA256=${JSON_BODY_SHA256}`,
        headers: { ...JSON_CONTENT, 'x-twilio-signature': 'a9nBmqA0ju/hNViExpshrM61xv4=' },
        body: '{"property": "changed", "boolean": true}',
      });

      expect(twilioAdapter.verify(request, { authToken: TOKEN }, now)).toEqual({
        ok: false,
        reason: 'body does not match the bodySHA256 in the signed URL',
      });
    });

    it('rejects a tampered parameter', () => {
      const tampered = PARAMS.map(([key, value]): [string, string] => [key, key === 'Digits' ? '9999' : value]);

      expect(twilioAdapter.verify(signedPost(URL_, SIGNATURE, tampered), { authToken: TOKEN }, now)).toEqual({
        ok: false,
        reason: 'X-Twilio-Signature does not match',
      });
    });

    it('rejects an extra parameter slipped into the query string', () => {
      const result = twilioAdapter.verify(signedPost(`${URL_}&admin=1`, SIGNATURE), { authToken: TOKEN }, now);

      expect(result.ok).toBe(false);
    });

    it('rejects the right signature checked with another auth token', () => {
      expect(twilioAdapter.verify(signedPost(URL_, SIGNATURE), { authToken: '54321' }, now).ok).toBe(false);
    });

    it('rejects a request without the signature header', () => {
      expect(twilioAdapter.verify(signedPost(URL_, undefined), { authToken: TOKEN }, now)).toEqual({
        ok: false,
        reason: 'missing X-Twilio-Signature header',
      });
    });

    it('refuses to verify when the channel has no auth token', () => {
      expect(twilioAdapter.verify(signedPost(URL_, SIGNATURE), {}, now)).toEqual({
        ok: false,
        reason: 'no Twilio auth token configured for this channel',
      });
    });

    it('reports an unusable URL instead of throwing', () => {
      expect(twilioAdapter.verify(signedPost('/relative/path', SIGNATURE), { authToken: TOKEN }, now)).toEqual({
        ok: false,
        reason: 'webhook URL is not an absolute URL',
      });
    });
  });

  describe('parse', () => {
    // An inbound SMS as Twilio posts it, captured in nyaruka/courier handlers/twilio/handler_test.go
    // @ 3ac28a95337e14e56850239f3c9d9f14129298e7 (third-party gateway tests; values verbatim).
    const inboundBody =
      'ToCountry=US&ToState=District+Of+Columbia&SmsMessageSid=SMe287d7109a5a925f182f0e07fe5b223b&NumMedia=0&ToCity=&FromZip=01022&SmsSid=SMe287d7109a5a925f182f0e07fe5b223b&FromState=MA&SmsStatus=received&FromCity=CHICOPEE&Body=Msg&FromCountry=US&To=%2B12028831111&ToZip=&NumSegments=1&MessageSid=SMe287d7109a5a925f182f0e07fe5b223b&AccountSid=acctid&From=%2B14133881111&ApiVersion=2010-04-01';

    it('reads an inbound SMS', () => {
      const events = twilioAdapter.parse(webhookRequest({ url: URL_, headers: FORM, body: inboundBody }));

      expect(events).toEqual({
        inbound: [
          {
            providerMessageId: 'SMe287d7109a5a925f182f0e07fe5b223b',
            from: '+14133881111',
            to: '+12028831111',
            text: 'Msg',
            media: [],
            segments: 1,
            providerTimestamp: null,
          },
        ],
        deliveryReports: [],
      });
    });

    it('reads media URLs with their content types', () => {
      const body = inboundBody.replace('NumMedia=0', 'NumMedia=2') +
        '&MediaUrl0=https%3A%2F%2Fapi.twilio.com%2Fcat.jpg&MediaContentType0=image%2Fjpeg&MediaUrl1=https%3A%2F%2Fapi.twilio.com%2Fdog';

      const [sms] = twilioAdapter.parse(webhookRequest({ url: URL_, headers: FORM, body })).inbound;

      expect(sms.media).toEqual([
        { url: 'https://api.twilio.com/cat.jpg', contentType: 'image/jpeg' },
        { url: 'https://api.twilio.com/dog', contentType: null },
      ]);
    });

    it('passes on the Advanced Opt-Out classification of a STOP message', () => {
      const body = inboundBody.replace('Body=Msg', 'Body=STOP') + '&OptOutType=STOP';

      expect(twilioAdapter.parse(webhookRequest({ url: URL_, headers: FORM, body })).inbound[0].optOutHint).toBe('optout');
    });

    it('reads an inbound SMS delivered by GET from the query string', () => {
      const request = webhookRequest({ method: 'GET', url: `https://example.com/hooks/twilio?${inboundBody}` });

      expect(twilioAdapter.parse(request).inbound[0].text).toBe('Msg');
    });

    // [reconstructed] Status callback fields listed in twilio.com/docs/messaging/guides/track-outbound-message-status.
    it('reads an undelivered status callback with its error', () => {
      const body = formBody([
        ['AccountSid', 'ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'],
        ['ApiVersion', '2010-04-01'],
        ['ErrorCode', '30003'],
        ['From', '+15017122661'],
        ['MessageSid', 'SM1342fe1b2c904d1ab04f0fc7a58abca9'],
        ['MessageStatus', 'undelivered'],
        ['SmsSid', 'SM1342fe1b2c904d1ab04f0fc7a58abca9'],
        ['SmsStatus', 'undelivered'],
        ['To', '+15558675310'],
      ]);

      expect(twilioAdapter.parse(webhookRequest({ url: URL_, headers: FORM, body }))).toEqual({
        inbound: [],
        deliveryReports: [
          {
            providerMessageId: 'SM1342fe1b2c904d1ab04f0fc7a58abca9',
            status: DeliveryStatus.Undelivered,
            providerStatus: 'undelivered',
            error: expect.objectContaining({ code: '30003', category: ErrorCategory.Unreachable, permanent: false }),
            occurredAt: null,
          },
        ],
      });
    });

    it.each([
      ['queued', DeliveryStatus.Sending],
      ['accepted', DeliveryStatus.Sending],
      ['scheduled', DeliveryStatus.Sending],
      ['sending', DeliveryStatus.Sending],
      ['sent', DeliveryStatus.Sent],
      ['delivered', DeliveryStatus.Delivered],
      ['read', DeliveryStatus.Delivered],
      ['undelivered', DeliveryStatus.Undelivered],
      ['failed', DeliveryStatus.Failed],
      ['canceled', DeliveryStatus.Failed],
    ])('maps the status %s to %s', (providerStatus, status) => {
      const body = formBody([['MessageSid', 'SM1'], ['MessageStatus', providerStatus]]);

      expect(twilioAdapter.parse(webhookRequest({ url: URL_, headers: FORM, body })).deliveryReports[0]).toMatchObject({
        status,
        error: null,
      });
    });

    it('skips a status it does not know instead of failing the webhook', () => {
      const body = formBody([['MessageSid', 'SM1'], ['MessageStatus', 'teleported']]);

      expect(twilioAdapter.parse(webhookRequest({ url: URL_, headers: FORM, body }))).toEqual({ inbound: [], deliveryReports: [] });
    });

    it('refuses an inbound message without a sender', () => {
      const body = formBody([['MessageSid', 'SM1'], ['To', '+15558675310'], ['Body', 'hi']]);

      expect(() => twilioAdapter.parse(webhookRequest({ url: URL_, headers: FORM, body }))).toThrow(
        new WebhookParseError('Twilio webhook is missing the "From" parameter'),
      );
    });
  });

  describe('mapError', () => {
    it.each([
      ['21610', ErrorCategory.OptedOut],
      ['21211', ErrorCategory.InvalidNumber],
      ['21614', ErrorCategory.InvalidNumber],
      ['30003', ErrorCategory.Unreachable],
      ['30004', ErrorCategory.Blocked],
      ['30005', ErrorCategory.InvalidNumber],
      ['30006', ErrorCategory.Landline],
      ['30007', ErrorCategory.CarrierFiltered],
      ['30008', ErrorCategory.Unknown],
      ['21408', ErrorCategory.Rejected],
      ['21612', ErrorCategory.Rejected],
      ['20003', ErrorCategory.Authentication],
      ['20429', ErrorCategory.RateLimited],
      ['429', ErrorCategory.RateLimited],
    ])('classifies error %s as %s', (code, category) => {
      expect(twilioAdapter.mapError(code)).toMatchObject({ code, category });
    });

    it('explains an opt-out so an agent knows the customer must text START', () => {
      expect(twilioAdapter.mapError('21610')).toMatchObject({ permanent: true, reason: expect.stringContaining('START') });
    });

    it('keeps an unknown code with category unknown', () => {
      expect(twilioAdapter.mapError('99999')).toMatchObject({ code: '99999', category: ErrorCategory.Unknown, permanent: false });
    });
  });

  it('acknowledges with empty TwiML', () => {
    expect(twilioAdapter.acknowledgement()).toEqual({ status: 200, contentType: 'text/xml', body: '<Response/>' });
  });
});
