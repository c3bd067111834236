import { adapterFor, DeliveryStatus, type HttpRequestSpec, type WebhookRequest } from '@backtalk/carriers';
import { Provider } from '@backtalk/contracts';
import { twilioWebhooks } from './twilio';
import { inboundRecord, sendRecord, TWILIO_NUMBER } from './test-support';

const adapter = adapterFor(Provider.Twilio);
const AT = new Date('2026-11-25T10:00:05Z');
const SERVICE = { ...TWILIO_NUMBER, sender: 'MG0123456789abcdef0123456789abcdef' };

function asReceived(request: HttpRequestSpec): WebhookRequest {
  return { method: 'POST', url: request.url, headers: request.headers, rawBody: Buffer.from(request.body ?? '', 'utf8'), receivedAt: AT };
}

describe('Twilio webhooks', () => {
  it('signs a delivery report for the send\'s status callback with the channel auth token', () => {
    const request = twilioWebhooks.deliveryReport(sendRecord(), { status: 'delivered', errorCode: null }, TWILIO_NUMBER, AT);

    expect(request.url).toBe(TWILIO_NUMBER.inboundWebhookUrl);
    expect(adapter.verify(asReceived(request), { authToken: 'sim-token' }, AT)).toEqual({ ok: true });
    expect(adapter.verify(asReceived(request), { authToken: 'another-token' }, AT)).toEqual({ ok: false, reason: 'X-Twilio-Signature does not match' });
  });

  it('writes an undelivered report with its ErrorCode and the carrier done date, as our adapter reads it', () => {
    const request = twilioWebhooks.deliveryReport(sendRecord(), { status: 'undelivered', errorCode: '30003' }, TWILIO_NUMBER, AT);
    const params = new URLSearchParams(request.body);

    expect(params.get('RawDlrDoneDate')).toBe('2611251000');
    expect(adapter.parse(asReceived(request)).deliveryReports).toEqual([
      {
        providerMessageId: 'SM0123456789abcdef0123456789abcdef',
        status: DeliveryStatus.Undelivered,
        providerStatus: 'undelivered',
        error: expect.objectContaining({ code: '30003', permanent: false }),
        occurredAt: null,
      },
    ]);
  });

  it('names the Messaging Service instead of a From number when the channel sends through one', () => {
    const params = new URLSearchParams(twilioWebhooks.deliveryReport(sendRecord({ from: SERVICE.sender }), { status: 'sent', errorCode: null }, SERVICE, AT).body);

    expect(params.get('MessagingServiceSid')).toBe(SERVICE.sender);
    expect(params.has('From')).toBe(false);
  });

  it('acts on the opt-out and opt-in words Twilio handles by default, alone and in any case', () => {
    expect(['stop', ' Unsubscribe ', 'START', 'yes', 'STOP please', 'СТОП'].map((text) => twilioWebhooks.carrierKeyword(text))).toEqual([
      'opt-out',
      'opt-out',
      'opt-in',
      'opt-in',
      null,
      null,
    ]);
  });

  it('delivers a customer\'s Cyrillic text as the inbound form Twilio posts, with countries filled in', () => {
    const request = twilioWebhooks.inboundMessage(inboundRecord(), TWILIO_NUMBER);
    const params = new URLSearchParams(request.body);

    expect(adapter.verify(asReceived(request), { authToken: 'sim-token' }, AT)).toEqual({ ok: true });
    expect(Object.fromEntries(params)).toMatchObject({ FromCountry: 'UA', ToCountry: 'US', SmsStatus: 'received', NumSegments: '1', AccountSid: TWILIO_NUMBER.credentials.accountSid });
    expect(adapter.parse(asReceived(request)).inbound).toEqual([
      { providerMessageId: 'SMfedcba9876543210fedcba9876543210', from: '+380501234567', to: '+15005550006', text: 'Де моє замовлення?', media: [], segments: 1, providerTimestamp: null },
    ]);
  });
});
