import { adapterFor, DeliveryStatus, type HttpRequestSpec, type WebhookRequest } from '@backtalk/carriers';
import { Provider } from '@backtalk/contracts';
import { genericWebhooks } from './generic';
import { GENERIC_NUMBER, inboundRecord, sendRecord } from './test-support';

const adapter = adapterFor(Provider.Generic);
const SECRETS = { signatureSecret: 'whsec_sim' };
const SEND = sendRecord({ id: 'sim-0011223344556677', provider: Provider.Generic, numberId: GENERIC_NUMBER.id, from: GENERIC_NUMBER.sender, statusCallbackUrl: GENERIC_NUMBER.inboundWebhookUrl });

function asReceived(request: HttpRequestSpec): WebhookRequest {
  return { method: 'POST', url: request.url, headers: request.headers, rawBody: Buffer.from(request.body ?? '', 'utf8'), receivedAt: new Date() };
}

describe('generic-format webhooks', () => {
  it('signs a status event with the channel secret, and our adapter reads it', () => {
    const request = genericWebhooks.deliveryReport(SEND, { status: 'delivered', errorCode: null }, GENERIC_NUMBER, new Date('2026-11-25T10:00:05Z'));

    expect(adapter.verify(asReceived(request), SECRETS, new Date())).toEqual({ ok: true });
    expect(adapter.parse(asReceived(request)).deliveryReports).toEqual([
      { providerMessageId: SEND.id, status: DeliveryStatus.Delivered, providerStatus: 'delivered', error: null, occurredAt: new Date('2026-11-25T10:00:05Z') },
    ]);
  });

  it('describes a failure for people, as the format asks', () => {
    const request = genericWebhooks.deliveryReport(SEND, { status: 'undelivered', errorCode: 'UNREACHABLE' }, GENERIC_NUMBER, new Date());

    expect(adapter.parse(asReceived(request)).deliveryReports[0].error).toMatchObject({ code: 'UNREACHABLE', reason: "The customer's phone is switched off or out of coverage." });
  });

  it('delivers a customer text as a signed message event', () => {
    const request = genericWebhooks.inboundMessage(inboundRecord({ provider: Provider.Generic, id: 'sim-in-1' }), GENERIC_NUMBER);

    expect(adapter.verify(asReceived(request), SECRETS, new Date())).toEqual({ ok: true });
    expect(adapter.parse(asReceived(request)).inbound).toEqual([
      expect.objectContaining({ providerMessageId: 'sim-in-1', from: '+380501234567', to: '+15550001111', text: 'Де моє замовлення?' }),
    ]);
  });
});
