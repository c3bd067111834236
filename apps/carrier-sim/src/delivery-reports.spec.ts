import { effectiveBehaviour } from './behaviour';
import { planDeliveryReports } from './delivery-reports';
import { infobipWebhooks } from './providers/infobip';
import { twilioWebhooks } from './providers/twilio';

describe('planDeliveryReports', () => {
  it('posts Twilio\'s sent halfway through the latency and delivered at its end', () => {
    expect(planDeliveryReports(twilioWebhooks, effectiveBehaviour({ latencyMs: 1000 }))).toEqual([
      { status: 'sent', errorCode: null, afterMs: 500, duplicate: false },
      { status: 'delivered', errorCode: null, afterMs: 1000, duplicate: false },
    ]);
  });

  it('hands the earlier moment to the final report when out of order', () => {
    expect(planDeliveryReports(twilioWebhooks, effectiveBehaviour({ latencyMs: 1000, outOfOrder: true })).map(({ status, afterMs }) => [status, afterMs])).toEqual([
      ['delivered', 500],
      ['sent', 1000],
    ]);
  });

  it('follows each report with its duplicate', () => {
    expect(planDeliveryReports(twilioWebhooks, effectiveBehaviour({ latencyMs: 10, duplicates: true })).map(({ status, duplicate }) => [status, duplicate])).toEqual([
      ['sent', false],
      ['sent', true],
      ['delivered', false],
      ['delivered', true],
    ]);
  });

  it('reports a Twilio carrier failure as sent, then undelivered with the chosen code', () => {
    expect(planDeliveryReports(twilioWebhooks, effectiveBehaviour({ outcome: 'failed', errorCode: '30007' })).map(({ status, errorCode }) => [status, errorCode])).toEqual([
      ['sent', null],
      ['undelivered', '30007'],
    ]);
  });

  it('reports a message Twilio itself stopped (queue overflow) as failed, never sent', () => {
    expect(planDeliveryReports(twilioWebhooks, effectiveBehaviour({ outcome: 'failed', errorCode: '30001' })).map(({ status }) => status)).toEqual(['failed']);
  });

  it('falls back to the provider\'s unreachable-handset code when no error code is set', () => {
    expect(planDeliveryReports(twilioWebhooks, effectiveBehaviour({ outcome: 'failed' })).at(-1)?.errorCode).toBe('30003');
    expect(planDeliveryReports(infobipWebhooks, effectiveBehaviour({ outcome: 'failed' })).at(-1)?.errorCode).toBe('27');
  });

  it('posts one final report for Infobip, which has no sent report to reorder', () => {
    expect(planDeliveryReports(infobipWebhooks, effectiveBehaviour({ latencyMs: 300, outOfOrder: true }))).toEqual([{ status: 'delivered', errorCode: null, afterMs: 300, duplicate: false }]);
  });

  it('plans nothing when the carrier gives no delivery report', () => {
    expect(planDeliveryReports(twilioWebhooks, effectiveBehaviour({ outcome: 'no-dlr', duplicates: true }))).toEqual([]);
  });
});
