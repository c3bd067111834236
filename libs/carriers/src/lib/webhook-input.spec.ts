import { Provider } from '@backtalk/contracts';
import { adapterFor } from './adapters';
import { DeliveryStatus, ErrorCategory, type InboundSms, WebhookParseError } from './carrier-adapter';
import { webhookRequest } from './test-support';
import { acceptsContentType, checkWebhookEvents, mediaTypeOf } from './webhook-input';

const sms = (overrides: Partial<InboundSms> = {}): InboundSms => ({
  providerMessageId: 'SM1',
  from: '+380501234567',
  to: '+15550001111',
  text: 'Hello',
  media: [],
  segments: 1,
  providerTimestamp: null,
  ...overrides,
});
const only = (inbound: InboundSms) => checkWebhookEvents({ inbound: [inbound], deliveryReports: [] }, 'Twilio').inbound[0];

describe('webhook content types', () => {
  const post = (contentType: string | undefined, body = 'a=b') => webhookRequest({ url: 'https://x.test/h', headers: { 'content-type': contentType }, body });

  it.each([
    ['application/json', 'application/json'],
    ['Application/JSON; charset=UTF-8', 'application/json'],
    [' application/x-www-form-urlencoded ; charset=utf-8', 'application/x-www-form-urlencoded'],
    [undefined, ''],
  ])('reads the media type of %p as %p', (header, mediaType) => {
    expect(mediaTypeOf(header)).toBe(mediaType);
  });

  it('accepts what each provider sends, with or without parameters', () => {
    expect(acceptsContentType(adapterFor(Provider.Twilio), post('application/x-www-form-urlencoded; charset=UTF-8'))).toBe(true);
    expect(acceptsContentType(adapterFor(Provider.Bandwidth), post('application/json; charset=utf-8'))).toBe(true);
    expect(acceptsContentType(adapterFor(Provider.Vonage), post('application/json'))).toBe(true);
    expect(acceptsContentType(adapterFor(Provider.Vonage), post('application/x-www-form-urlencoded'))).toBe(true);
  });

  it('refuses a body declared as another type, or as none', () => {
    expect(acceptsContentType(adapterFor(Provider.Twilio), post('application/json'))).toBe(false);
    expect(acceptsContentType(adapterFor(Provider.Telnyx), post('text/plain'))).toBe(false);
    expect(acceptsContentType(adapterFor(Provider.Sinch), post('application/x-www-form-urlencoded'))).toBe(false);
    expect(acceptsContentType(adapterFor(Provider.Plivo), post(undefined))).toBe(false);
  });

  it('has nothing to judge in a GET or an empty POST', () => {
    expect(acceptsContentType(adapterFor(Provider.Vonage), webhookRequest({ method: 'GET', url: 'https://x.test/h?a=b' }))).toBe(true);
    expect(acceptsContentType(adapterFor(Provider.Generic), post(undefined, ''))).toBe(true);
  });
});

describe('checkWebhookEvents', () => {
  it('replaces each NUL in the message text with U+FFFD and keeps the rest', () => {
    expect(only(sms({ text: '\u0000a\u0000b' }))).toEqual(sms({ text: '\uFFFDa\uFFFDb' }));
  });

  it.each([
    ['a NUL in the message id', { providerMessageId: 'SM\u00001' }, 'Twilio webhook has a NUL character in its message id'],
    ['an over-long message id', { providerMessageId: 'S'.repeat(129) }, 'Twilio webhook has a message id of 129 characters; at most 128 are accepted'],
    ['a NUL in the sender', { from: '+3805\u0000' }, 'Twilio webhook has a NUL character in its sender'],
    ['an over-long recipient', { to: '1'.repeat(41) }, 'Twilio webhook has a recipient of 41 characters; at most 40 are accepted'],
    ['a NUL in a media URL', { media: [{ url: 'https://m.test/\u0000', contentType: null }] }, 'Twilio webhook has a NUL character in its media URL'],
    ['a part beyond the total', { concat: { reference: 'r', part: 3, total: 2 } }, 'Twilio webhook has an impossible multipart position: part 3 of 2'],
  ])('refuses %s', (_case, overrides, message) => {
    expect(() => only(sms(overrides))).toThrow(new WebhookParseError(message));
  });

  it('accepts ids and numbers right at their limits', () => {
    const atLimits = sms({ providerMessageId: 'S'.repeat(128), from: '1'.repeat(40) });
    expect(only(atLimits)).toEqual(atLimits);
  });

  it('drops a segment count no SMS can have, so that the stored message recounts it', () => {
    expect(only(sms({ segments: 99_999 })).segments).toBeNull();
  });

  it('refuses a delivery report with a NUL in its id or an over-long status, and cleans and cuts its error reason', () => {
    const report = { providerMessageId: 'SM1', status: DeliveryStatus.Failed, providerStatus: 'failed', occurredAt: null, error: { code: '30003', reason: 'x'.repeat(400), category: ErrorCategory.Unknown, permanent: false } };
    const check = (overrides: object) => checkWebhookEvents({ inbound: [], deliveryReports: [{ ...report, ...overrides }] }, 'Sinch').deliveryReports[0];

    expect(() => check({ providerMessageId: 'SM\u0000' })).toThrow(WebhookParseError);
    expect(() => check({ providerStatus: 's'.repeat(41) })).toThrow(WebhookParseError);
    expect(() => check({ error: { ...report.error, code: '1\u00002' } })).toThrow(WebhookParseError);
    expect(check({ error: { ...report.error, reason: 'no\u0000route' } }).error?.reason).toBe('no\uFFFDroute');
    expect(check({}).error?.reason).toHaveLength(300);
  });
});
