import { PROVIDERS, Provider, SenderType } from '@backtalk/contracts';
import { formatSender, orderedSecretsSet, PROVIDER_SPECS, secretLabel, senderTypesFor } from './providers';

const requiredOf = (provider: Provider) => PROVIDER_SPECS[provider].secrets.filter((spec) => spec.required).map((spec) => spec.field);

describe('provider credentials', () => {
  it('asks every provider for what the API needs to verify its webhooks', () => {
    expect(Object.fromEntries(PROVIDERS.map((provider) => [provider, requiredOf(provider)]))).toEqual({
      twilio: ['authToken'],
      infobip: ['basicAuthUsername', 'basicAuthPassword'],
      vonage: ['signatureSecret'],
      telnyx: ['publicKey'],
      plivo: ['authToken'],
      sinch: ['signatureSecret'],
      bandwidth: ['basicAuthUsername', 'basicAuthPassword'],
      generic: ['signatureSecret'],
    });
  });

  it('lists the required fields before the ones needed only to send', () => {
    for (const provider of PROVIDERS) {
      const required = PROVIDER_SPECS[provider].secrets.map((spec) => spec.required);
      expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
    }
  });

  it('uses the provider’s own name for a field', () => {
    expect(secretLabel(Provider.Plivo, 'accountSid')).toBe('Auth ID');
    expect(secretLabel(Provider.Sinch, 'apiKey')).toBe('API token');
    expect(secretLabel(Provider.Twilio, 'signatureMethod')).toBe('Signature method');
  });

  it('orders the secrets that are set as the provider lists them, unknown ones last', () => {
    expect(orderedSecretsSet(Provider.Twilio, ['publicKey', 'accountSid', 'authToken'])).toEqual(['authToken', 'accountSid', 'publicKey']);
  });
});

describe('sender types', () => {
  it('offers Messaging Services only at Twilio', () => {
    expect(senderTypesFor(Provider.Twilio)).toContain(SenderType.MessagingService);
    expect(senderTypesFor(Provider.Telnyx)).not.toContain(SenderType.MessagingService);
    expect(senderTypesFor(Provider.Telnyx)).toContain(SenderType.Alphanumeric);
  });

  it('formats phone numbers and leaves short codes and sender IDs alone', () => {
    const grouped = (e164: string) => `grouped ${e164}`;

    expect(formatSender({ sender: '+14155550123', senderType: SenderType.TollFree }, grouped)).toBe('grouped +14155550123');
    expect(formatSender({ sender: '12345', senderType: SenderType.ShortCode }, grouped)).toBe('12345');
    expect(formatSender({ sender: 'ACME', senderType: SenderType.Alphanumeric }, grouped)).toBe('ACME');
  });
});
