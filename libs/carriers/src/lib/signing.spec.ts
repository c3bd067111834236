import { generateKeyPairSync } from 'node:crypto';
import { Provider } from '@backtalk/contracts';
import { adapterFor } from './adapters';
import { CYRILLIC_TEXT, FORM, JSON_CONTENT, basicAuthHeader, formBody, webhookRequest } from './test-support';
import { plivoV2Signature, plivoV3Signature, sinchSignature, telnyxSignature, twilioSignature, vonageSignature } from './signing';

// Each signer must reproduce the providers' official vectors where one exists (the same values the adapter specs
// pin) and, for every provider, produce requests our own adapter accepts: the simulator and the integration tests
// rely on exactly that.

const HOOK = 'https://backtalk.example.com/api/webhooks/twilio/0190a5f2-7c3e-7a41-9d2b-6f1e2a3b4c5d';
const now = new Date('2025-01-13T09:23:00Z');
const unixNow = Math.floor(now.getTime() / 1000);

describe('webhook signers', () => {
  describe('twilioSignature', () => {
    it('reproduces the official twilio-node vector', () => {
      // twilio/twilio-node spec/validation.spec.js @ 005ea9cdbad2969f1d6c1f5059aa7df509f2d934, values copied.
      const params: Array<[string, string]> = [
        ['CallSid', 'CA1234567890ABCDE'],
        ['Caller', '+14158675309'],
        ['Digits', '1234'],
        ['From', '+14158675309'],
        ['To', '+18005551212'],
      ];
      expect(twilioSignature('https://mycompany.com/myapp.php?foo=1&bar=2', params, '12345')).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
    });

    it('signs a Cyrillic status callback the Twilio adapter accepts', () => {
      const params: Array<[string, string]> = [
        ['MessageSid', 'SM0123456789abcdef0123456789abcdef'],
        ['MessageStatus', 'delivered'],
        ['Body', CYRILLIC_TEXT],
        ['ToCity', ''],
      ];
      const request = webhookRequest({ url: HOOK, headers: { ...FORM, 'x-twilio-signature': twilioSignature(HOOK, params, 'token') }, body: formBody(params) });

      expect(adapterFor(Provider.Twilio).verify(request, { authToken: 'token' }, now)).toEqual({ ok: true });
    });

    it('counts each distinct value of a repeated key once, in sorted order', () => {
      const once = twilioSignature(HOOK, [['Tag', 'a'], ['Tag', 'b']], 'token');

      expect(twilioSignature(HOOK, [['Tag', 'b'], ['Tag', 'a'], ['Tag', 'b']], 'token')).toBe(once);
    });
  });

  describe('vonageSignature', () => {
    it('reproduces the official md5hash vector', () => {
      // Vonage/vonage-node-sdk packages/sms/__tests__/__dataSets__/signature.ts @ 4b9aab742201500aeb28466e027a81e1ddc8aea5.
      const params = {
        'message-timestamp': '2013-11-21 15:27:30',
        messageId: '020000001B0FE827',
        msisdn: '14843472194',
        text: 'Test again',
        timestamp: '1385047698',
        to: '13239877404',
        type: 'text',
      };
      expect(vonageSignature(params, 'my_secret_key_for_testing')).toBe('d2e7b1dc968737c5998ad624e02f90b7');
    });

    it('signs an inbound message the Vonage adapter accepts', () => {
      const params = { msisdn: '380501234567', to: '15550001111', messageId: '1', text: 'a=b&c', timestamp: String(unixNow) };
      const query = formBody(Object.entries({ ...params, sig: vonageSignature(params, 'secret') }));
      const request = webhookRequest({ method: 'GET', url: `${HOOK}?${query}` });

      expect(adapterFor(Provider.Vonage).verify(request, { signatureSecret: 'secret' }, now)).toEqual({ ok: true });
    });
  });

  describe('plivoV2Signature', () => {
    it('reproduces the official plivo-node V2 vector', () => {
      // plivo/plivo-node test/utils.js @ 6dab4036d6f4de64b4d5be24b6176966bfd314af, values copied.
      expect(plivoV2Signature('https://answer.url', 'my_auth_token', '12345')).toBe('ehV3IKhLysWBxC1sy8INm0qGoQYdYsHwuoKjsX7FsXc=');
    });

    it('signs an SMS callback the Plivo adapter accepts, leaving out the query string as Plivo does', () => {
      const url = `${HOOK}?source=plivo`;
      const signature = plivoV2Signature(url, 'token', '12345678901234567890');
      const request = webhookRequest({
        url,
        headers: { ...FORM, 'x-plivo-signature-v2': signature, 'x-plivo-signature-ma-v2': signature, 'x-plivo-signature-v2-nonce': '12345678901234567890' },
        body: formBody([['From', '380501234567'], ['To', '15550001111'], ['Text', CYRILLIC_TEXT], ['MessageUUID', 'u-1']]),
      });

      expect(signature).toBe(plivoV2Signature(HOOK, 'token', '12345678901234567890'));
      expect(adapterFor(Provider.Plivo).verify(request, { authToken: 'token' }, now)).toEqual({ ok: true });
    });
  });

  describe('plivoV3Signature', () => {
    it('reproduces the official plivo-go POST vector', () => {
      // plivo/plivo-go utils_test.go TestValidateSignatureV3Pass3 @ 273a836, values copied.
      const params: Array<[string, string]> = [
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
      const url = 'https://plivobin.non-prod.plivops.com/api/v1/validate_signature03.xml';

      expect(plivoV3Signature(url, params, 'Y2Q2ZDgxZmY5YWRiOTI5YmQ1Njg0MTAxZWIyOTc4', '31627761595286130198')).toBe(
        'iAjE5QqI37mbkYe4w3jTMudqEzbDufdqi7sYwTu64e0=',
      );
    });

    it('signs a message the Plivo adapter accepts', () => {
      const params: Array<[string, string]> = [['From', '380501234567'], ['To', '15550001111'], ['Text', CYRILLIC_TEXT], ['MessageUUID', 'u-1']];
      const signature = plivoV3Signature(HOOK, params, 'token', '12345678901234567890');
      const request = webhookRequest({
        url: HOOK,
        headers: { ...FORM, 'x-plivo-signature-v3': signature, 'x-plivo-signature-v3-nonce': '12345678901234567890' },
        body: formBody(params),
      });

      expect(adapterFor(Provider.Plivo).verify(request, { authToken: 'token' }, now)).toEqual({ ok: true });
    });
  });

  describe('sinchSignature', () => {
    it('reproduces the official sinch-sdk-node vector', () => {
      // sinch/sinch-sdk-node packages/sms/tests/rest/v1/callbacks/callbacks-webhook.test.ts @ affb35e, values copied.
      const body =
        '{"at":"2025-01-13T09:22:40.914Z","batch_id":"01JHFFHQ0P99JPPNQPJDV7JTBP","client_reference":"a client reference","code":0,"operator_status_at":"2025-01-13T09:22:00Z","recipient":"33662162466","status":"Delivered","type":"recipient_delivery_report_sms"}';

      expect(sinchSignature(body, 'SMSWebhooksSecret', '01JHFFHWYY7HSS4FWTMDTQEK8V', 1736760161)).toBe('ZoHei66PPN/kZjw7hFVfGhJOnml3iGNCMWoyQVcE5o0=');
    });
  });

  describe('telnyxSignature', () => {
    it('signs a body the Telnyx adapter accepts with the matching public key', () => {
      // Telnyx publishes no vector (its SDK tests use random keys), so a fresh key pair stands in.
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const publicKeyBase64 = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');
      const body = JSON.stringify({ data: { event_type: 'message.received', payload: { text: CYRILLIC_TEXT } } });
      const request = webhookRequest({
        url: HOOK,
        headers: { ...JSON_CONTENT, 'telnyx-timestamp': String(unixNow), 'telnyx-signature-ed25519': telnyxSignature(privateKey, body, unixNow) },
        body,
      });

      expect(adapterFor(Provider.Telnyx).verify(request, { publicKey: publicKeyBase64 }, now)).toEqual({ ok: true });
    });
  });

  describe('basicAuthHeader', () => {
    it('gives the credentials the Infobip adapter checks', () => {
      const request = webhookRequest({ url: HOOK, headers: { ...JSON_CONTENT, authorization: basicAuthHeader('backtalk', 'пароль') }, body: '{"results":[]}' });

      expect(adapterFor(Provider.Infobip).verify(request, { basicAuth: { username: 'backtalk', password: 'пароль' } }, now)).toEqual({ ok: true });
    });
  });
});
