import { adapterFor, DeliveryStatus, ErrorCategory, type HttpRequestSpec, type WebhookRequest } from '@backtalk/carriers';
import { Provider } from '@backtalk/contracts';
import { infobipWebhooks } from './infobip';
import { inboundRecord, INFOBIP_NUMBER, sendRecord } from './test-support';

const adapter = adapterFor(Provider.Infobip);
const AT = new Date('2026-11-25T10:00:05Z');
const SECRETS = { basicAuth: { username: 'backtalk', password: 'пароль' } };
const SEND = sendRecord({
  id: '0190a5f2-7c3e-7a41-9d2b-6f1e2a3b4c5d',
  provider: Provider.Infobip,
  numberId: INFOBIP_NUMBER.id,
  from: '380441234567',
  to: '380501234567',
  clientReference: '0190a5f2-7c3e-7a41-9d2b-6f1e2a3b4c5d',
  callbackData: '0190a5f2-7c3e-7a41-9d2b-6f1e2a3b4c5d',
  batchId: 'bulk-1',
  statusCallbackUrl: INFOBIP_NUMBER.inboundWebhookUrl,
});

function asReceived(request: HttpRequestSpec): WebhookRequest {
  return { method: 'POST', url: request.url, headers: request.headers, rawBody: Buffer.from(request.body ?? '', 'utf8'), receivedAt: AT };
}

describe('Infobip webhooks', () => {
  it('posts a delivery report with the Basic credentials the channel checks', () => {
    const request = infobipWebhooks.deliveryReport(SEND, { status: 'delivered', errorCode: null }, INFOBIP_NUMBER, AT);

    expect(adapter.verify(asReceived(request), SECRETS, AT)).toEqual({ ok: true });
    expect(adapter.parse(asReceived(request)).deliveryReports).toEqual([
      { providerMessageId: SEND.id, status: DeliveryStatus.Delivered, providerStatus: 'DELIVERED_TO_HANDSET', error: null, occurredAt: AT },
    ]);
  });

  it('carries the callbackData and bulkId Backtalk sent', () => {
    const [result] = JSON.parse(infobipWebhooks.deliveryReport(SEND, { status: 'delivered', errorCode: null }, INFOBIP_NUMBER, AT).body ?? '').results;

    expect(result).toMatchObject({ callbackData: SEND.callbackData, bulkId: 'bulk-1', to: '380501234567', sentAt: '2026-11-25T10:00:00.000+0000', doneAt: '2026-11-25T10:00:05.000+0000' });
  });

  it('reports an undeliverable message with the handset error our adapter explains', () => {
    const request = infobipWebhooks.deliveryReport(SEND, { status: 'undelivered', errorCode: '27' }, INFOBIP_NUMBER, AT);

    expect(adapter.parse(asReceived(request)).deliveryReports[0]).toMatchObject({
      status: DeliveryStatus.Undelivered,
      error: { code: '27', category: ErrorCategory.Unreachable, permanent: false },
    });
  });

  it('delivers a customer text in MO_JSON_2, numbers without the plus as Infobip writes them', () => {
    const request = infobipWebhooks.inboundMessage(inboundRecord({ provider: Provider.Infobip, id: '817790313235066447' }), INFOBIP_NUMBER);

    expect(adapter.verify(asReceived(request), SECRETS, AT)).toEqual({ ok: true });
    expect(adapter.parse(asReceived(request)).inbound).toEqual([
      {
        providerMessageId: '817790313235066447',
        from: '380501234567',
        to: '380441234567',
        text: 'Де моє замовлення?',
        media: [],
        segments: 1,
        providerTimestamp: new Date('2026-11-25T10:01:00.000Z'),
      },
    ]);
  });

  it('makes 18-digit inbound ids like Infobip\'s', () => {
    expect(infobipWebhooks.newInboundId()).toMatch(/^\d{18}$/);
  });
});
