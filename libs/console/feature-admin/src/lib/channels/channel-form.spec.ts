import { Provider, SenderType, type ChannelView } from '@backtalk/contracts';
import {
  channelFieldErrors,
  channelFormFrom,
  countryName,
  currencyOptions,
  defaultCountry,
  emptyChannelForm,
  hasAdvancedError,
  parseKeywords,
  parseNumber,
  toCreateChannelRequest,
  toUpdateChannelRequest,
  validateChannelForm,
  withProvider,
  type ChannelFormValues,
} from './channel-form';

const TEAM = '5f0c9a53-2d7e-4c43-9b0e-6f4f7d1d2a11';

const support: ChannelView = {
  id: 'c1',
  teamId: TEAM,
  name: 'Support line',
  provider: Provider.Twilio,
  sender: '+14155550123',
  senderType: SenderType.LongCode,
  country: 'US',
  helpText: 'Acme support. Reply STOP to opt out.',
  keywords: { optOut: ['STOP', 'UNSUBSCRIBE'], optIn: ['START'], help: ['HELP'] },
  confirmations: { optOut: null, optIn: null, help: false },
  reopenWindowMinutes: 1440,
  ratePerSecond: 1,
  pricePerSegment: 0.0079,
  currency: 'USD',
  active: true,
  smartEncoding: false,
  secretsSet: ['accountSid', 'authToken'],
  webhookUrl: 'https://help.example.com/api/webhooks/twilio/c1',
  createdAt: '2025-01-01T00:00:00Z',
};

function twilioForm(overrides: Partial<ChannelFormValues> = {}): ChannelFormValues {
  return {
    ...emptyChannelForm({ country: 'US', teamId: TEAM }),
    name: 'Support line',
    sender: '+14155550123',
    secrets: { authToken: 'token' },
    ...overrides,
  };
}

describe('defaultCountry', () => {
  it('takes the region of the first browser language that has one', () => {
    expect(defaultCountry(['en-GB', 'en-US'])).toBe('GB');
  });

  it('infers the likely region of a bare language', () => {
    expect(defaultCountry(['uk'])).toBe('UA');
  });

  it('skips tags it cannot read and regions that are not countries', () => {
    expect(defaultCountry(['not a tag', 'es-419', 'de-AT'])).toBe('AT');
  });

  it('falls back to the United States when the browser says nothing useful', () => {
    expect(defaultCountry([])).toBe('US');
  });
});

describe('countryName', () => {
  it('names a country from its code, in any letter case', () => {
    expect(countryName('ua', 'en')).toBe('Ukraine');
  });

  it('has no name for something that is not a two-letter code', () => {
    expect(countryName('USA', 'en')).toBeNull();
    expect(countryName('', 'en')).toBeNull();
  });
});

describe('parseKeywords', () => {
  it('splits on commas and new lines and trims each keyword', () => {
    expect(parseKeywords(' STOP ,UNSUBSCRIBE\nCANCEL,, ')).toEqual(['STOP', 'UNSUBSCRIBE', 'CANCEL']);
  });

  it('drops duplicates whatever their letter case, keeping the first spelling', () => {
    expect(parseKeywords('Stop, STOP, stop, СТОП, стоп')).toEqual(['Stop', 'СТОП']);
  });

  it('keeps a keyword of several words with single spaces', () => {
    expect(parseKeywords('opt   out')).toEqual(['opt out']);
  });

  it('reads an empty field as no keywords', () => {
    expect(parseKeywords('  ,  ')).toEqual([]);
  });
});

describe('parseNumber', () => {
  it('treats an empty field as not given', () => {
    expect(parseNumber('  ')).toBeUndefined();
  });

  it('accepts a comma as the decimal separator', () => {
    expect(parseNumber('0,0079')).toBe(0.0079);
  });

  it('refuses text that is only partly a number', () => {
    expect(parseNumber('12abc')).toBeNaN();
    expect(parseNumber('1e3')).toBeNaN();
  });
});

describe('validateChannelForm', () => {
  it('accepts a complete Twilio channel', () => {
    expect(validateChannelForm(twilioForm())).toEqual({});
  });

  it('asks for a name, a team, a sender and the secret that verifies webhooks', () => {
    const errors = validateChannelForm(emptyChannelForm({ country: 'US' }));

    expect(Object.keys(errors).sort()).toEqual(['name', 'secret.authToken', 'sender', 'teamId']);
    expect(errors['secret.authToken']).toMatch(/Twilio/);
  });

  it('asks for both webhook credentials of Infobip', () => {
    const errors = validateChannelForm({ ...withProvider(twilioForm(), Provider.Infobip), secrets: { basicAuthUsername: 'backtalk' } });

    expect(errors).toEqual({ 'secret.basicAuthPassword': expect.stringMatching(/Infobip/) });
  });

  it('treats a secret of spaces as missing', () => {
    expect(validateChannelForm(twilioForm({ secrets: { authToken: '   ' } }))).toHaveProperty(['secret.authToken']);
  });

  it('lets an edit keep a required secret that is already set', () => {
    expect(validateChannelForm({ ...channelFormFrom(support) }, support.secretsSet)).toEqual({});
  });

  it('refuses to clear a required secret without a replacement', () => {
    const cleared = { ...channelFormFrom(support), clearedSecrets: ['authToken' as const] };

    expect(validateChannelForm(cleared, support.secretsSet)).toHaveProperty(['secret.authToken']);
    expect(validateChannelForm({ ...cleared, secrets: { authToken: 'new' } }, support.secretsSet)).toEqual({});
  });

  it('prices new channels in US dollars and refuses a currency that is not an ISO 4217 code', () => {
    expect(emptyChannelForm({ country: 'UA' }).currency).toBe('USD');
    expect(validateChannelForm(twilioForm({ currency: 'UAH' }))).toEqual({});
    expect(validateChannelForm(twilioForm({ currency: 'usd' }))).toEqual({ currency: 'Choose the currency the provider bills in.' });
  });

  it('offers every currency by code with its name', () => {
    const options = currencyOptions('en-US');
    expect(options).toContainEqual({ value: 'UAH', label: 'UAH · Ukrainian Hryvnia' });
    expect(options.map((option) => option.value)).toEqual([...options.map((option) => option.value)].sort());
  });

  it('wants a two-letter country code', () => {
    expect(validateChannelForm(twilioForm({ country: 'USA' })).country).toMatch(/two-letter/);
    expect(validateChannelForm(twilioForm({ country: 'gb' })).country).toBeUndefined();
  });

  it('checks the numbers under Advanced only when they are filled in', () => {
    expect(validateChannelForm(twilioForm({ reopenWindowMinutes: '', ratePerSecond: '', pricePerSegment: '' }))).toEqual({});
    expect(validateChannelForm(twilioForm({ reopenWindowMinutes: '90.5', ratePerSecond: '0', pricePerSegment: 'free' }))).toEqual({
      reopenWindowMinutes: 'Enter a whole number, like 1440.',
      ratePerSecond: 'Use a value from 0.01 to 10,000.',
      pricePerSegment: 'Enter a number, like 0.0079.',
    });
  });

  it('refuses keywords longer than the API stores', () => {
    expect(validateChannelForm(twilioForm({ helpKeywords: `HELP, ${'X'.repeat(41)}` })).helpKeywords).toMatch(/too long/);
  });
});

describe('withProvider', () => {
  it('forgets the credentials typed for the previous provider', () => {
    expect(withProvider(twilioForm(), Provider.Plivo).secrets).toEqual({});
  });

  it('falls back to a phone number when the new provider has no Messaging Services', () => {
    expect(withProvider(twilioForm({ senderType: SenderType.MessagingService }), Provider.Vonage).senderType).toBe(SenderType.LongCode);
    expect(withProvider(twilioForm({ senderType: SenderType.ShortCode }), Provider.Vonage).senderType).toBe(SenderType.ShortCode);
  });

  it('answers HELP by default everywhere but at Twilio, which answers it itself', () => {
    expect(withProvider(twilioForm(), Provider.Sinch).helpReply).toBe(true);
    expect(withProvider(withProvider(twilioForm(), Provider.Sinch), Provider.Twilio).helpReply).toBe(false);
  });
});

describe('toCreateChannelRequest', () => {
  it('trims what was typed, upper-cases the country, sends the currency shown and leaves the other defaults to the API', () => {
    const request = toCreateChannelRequest(
      twilioForm({ name: '  Support line ', sender: ' +14155550123 ', country: ' us', secrets: { authToken: ' token\n' }, reopenWindowMinutes: '' }),
    );

    expect(request).toEqual({
      teamId: TEAM,
      name: 'Support line',
      provider: Provider.Twilio,
      sender: '+14155550123',
      senderType: SenderType.LongCode,
      country: 'US',
      secrets: { authToken: 'token' },
      confirmations: { help: false },
      currency: 'USD',
    });
  });

  it('sends the currency chosen for the price', () => {
    expect(toCreateChannelRequest(twilioForm({ pricePerSegment: '1.85', currency: 'UAH' }))).toMatchObject({ pricePerSegment: 1.85, currency: 'UAH' });
  });

  it('drops empty secret fields and fields of other providers', () => {
    const values = { ...twilioForm(), secrets: { authToken: 'token', accountSid: '  ', publicKey: 'left over' } };

    expect(toCreateChannelRequest(values).secrets).toEqual({ authToken: 'token' });
  });

  it('sends the Vonage signature method only when one was chosen', () => {
    const vonage = { ...withProvider(twilioForm(), Provider.Vonage), secrets: { signatureSecret: 's' } };

    expect(toCreateChannelRequest(vonage).secrets).toEqual({ signatureSecret: 's' });
    expect(toCreateChannelRequest({ ...vonage, signatureMethod: 'sha256' }).secrets).toEqual({ signatureSecret: 's', signatureMethod: 'sha256' });
  });

  it('sends only the keyword lists that were filled in', () => {
    const request = toCreateChannelRequest(twilioForm({ optOutKeywords: 'STOP, ARRET', helpKeywords: ' ' }));

    expect(request.keywords).toEqual({ optOut: ['STOP', 'ARRET'] });
  });

  it('sends the advanced settings that were given, as numbers', () => {
    const request = toCreateChannelRequest(
      twilioForm({ helpText: ' Acme ', reopenWindowMinutes: '60', ratePerSecond: '2,5', pricePerSegment: '0.0079', optOutReply: ' Bye ' }),
    );

    expect(request).toMatchObject({
      helpText: 'Acme',
      reopenWindowMinutes: 60,
      ratePerSecond: 2.5,
      pricePerSegment: 0.0079,
      confirmations: { help: false, optOut: 'Bye' },
    });
    expect(request.confirmations).not.toHaveProperty('optIn');
  });
});

describe('toUpdateChannelRequest', () => {
  it('sends the smart-encoding switch only when it changed', () => {
    expect(toUpdateChannelRequest(support, { ...channelFormFrom(support), smartEncoding: true })).toEqual({ smartEncoding: true });
    expect(toUpdateChannelRequest({ ...support, smartEncoding: true }, channelFormFrom({ ...support, smartEncoding: true }))).toEqual({});
  });

  it('sends the currency only when it changed', () => {
    expect(channelFormFrom({ ...support, currency: 'UAH' }).currency).toBe('UAH');
    expect(toUpdateChannelRequest(support, { ...channelFormFrom(support), currency: 'EUR' })).toEqual({ currency: 'EUR' });
  });

  it('sends nothing when nothing changed', () => {
    expect(toUpdateChannelRequest(support, channelFormFrom(support))).toEqual({});
  });

  it('sends only the fields that changed, trimmed', () => {
    const changes = toUpdateChannelRequest(support, { ...channelFormFrom(support), name: ' Support US ', country: 'ca', active: false });

    expect(changes).toEqual({ name: 'Support US', country: 'CA', active: false });
  });

  it('keeps secrets left empty, replaces typed ones and sends an empty string for cleared ones', () => {
    const values = { ...channelFormFrom(support), secrets: { authToken: ' new-token ' }, clearedSecrets: ['accountSid' as const] };

    expect(toUpdateChannelRequest(support, values)).toEqual({ secrets: { authToken: 'new-token', accountSid: '' } });
  });

  it('does not clear a secret that was never set, nor one that was cleared and then retyped', () => {
    const values = { ...channelFormFrom(support), secrets: { accountSid: 'AC1' }, clearedSecrets: ['accountSid' as const, 'apiKey' as const] };

    expect(toUpdateChannelRequest(support, values)).toEqual({ secrets: { accountSid: 'AC1' } });
  });

  it('sends a keyword list only when its words changed, and keeps a list that was emptied', () => {
    const values = { ...channelFormFrom(support), optOutKeywords: 'STOP,UNSUBSCRIBE,  stop', optInKeywords: 'START, YES', helpKeywords: '' };

    expect(toUpdateChannelRequest(support, values)).toEqual({ keywords: { optIn: ['START', 'YES'] } });
  });

  it('turns an emptied reply into "send none" and a written one into that reply', () => {
    const withReplies: ChannelView = { ...support, confirmations: { optOut: 'Bye', optIn: null, help: true } };
    const values = { ...channelFormFrom(withReplies), optOutReply: '  ', optInReply: 'Welcome back', helpReply: false };

    expect(toUpdateChannelRequest(withReplies, values)).toEqual({ confirmations: { optOut: null, optIn: 'Welcome back', help: false } });
  });

  it('compares numbers by value, so "1.0" is no change', () => {
    expect(toUpdateChannelRequest(support, { ...channelFormFrom(support), ratePerSecond: '1.0', reopenWindowMinutes: '60' })).toEqual({
      reopenWindowMinutes: 60,
    });
  });
});

describe('channelFieldErrors', () => {
  it('places nested API fields next to the inputs that hold them', () => {
    expect(
      channelFieldErrors({
        sender: 'sender must be a phone number',
        'secrets.authToken': 'authToken is too long',
        'keywords.optOut': 'each value must be shorter',
        'confirmations.optIn': 'must be a string',
      }),
    ).toEqual({
      sender: 'Must be a phone number',
      'secret.authToken': 'Is too long',
      optOutKeywords: 'each value must be shorter',
      optInReply: 'must be a string',
    });
  });

  it('drops the API field name that starts a message, since the label already names the field', () => {
    expect(channelFieldErrors({ secrets: 'secrets must include authToken for twilio', name: 'a name is needed' })).toEqual({
      secrets: 'Must include authToken for twilio',
      name: 'a name is needed',
    });
  });

  it('ignores fields the form does not show', () => {
    expect(channelFieldErrors({ somethingElse: 'x' })).toEqual({});
  });

  it('tells when an error sits under Advanced, so it can open', () => {
    expect(hasAdvancedError(channelFieldErrors({ ratePerSecond: 'too fast' }))).toBe(true);
    expect(hasAdvancedError(channelFieldErrors({ sender: 'taken' }))).toBe(false);
  });
});
