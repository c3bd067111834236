import { Provider } from '@backtalk/contracts';
import { NumberRegistry, parseNumberRegistrations, publicView, UnknownNumber } from './numbers';
import { InvalidInput } from './validation';

const TWILIO = {
  provider: 'twilio',
  sender: '+15005550006',
  name: 'Support',
  inboundWebhookUrl: 'http://127.0.0.1:3000/api/webhooks/twilio/0190a5f2-7c3e-7a41-9d2b-6f1e2a3b4c5d',
  credentials: { accountSid: 'ACsim1', authToken: 'token', baseUrl: 'http://127.0.0.1:4010' },
};
const INFOBIP = {
  provider: 'infobip',
  sender: '+380441234567',
  inboundWebhookUrl: 'http://127.0.0.1:3000/api/webhooks/infobip/0190a5f2-7c3e-7a41-9d2b-6f1e2a3b4c5e',
  credentials: { apiKey: 'key', basicAuthUsername: 'backtalk', basicAuthPassword: 'secret' },
};

function problemsOf(body: unknown): string[] {
  try {
    parseNumberRegistrations(body);
  } catch (error) {
    if (error instanceof InvalidInput) return error.problems;
    throw error;
  }
  return [];
}

describe('numbers', () => {
  describe('parseNumberRegistrations', () => {
    it('reads one number, a list, or { numbers }, ignoring credentials the provider does not use', () => {
      const [twilio] = parseNumberRegistrations(TWILIO);

      expect(twilio).toEqual({ ...TWILIO, id: 'twilio:15005550006', credentials: { accountSid: 'ACsim1', authToken: 'token' } });
      expect(parseNumberRegistrations([TWILIO, INFOBIP])).toHaveLength(2);
      expect(parseNumberRegistrations({ numbers: [INFOBIP] })).toEqual([expect.objectContaining({ id: 'infobip:380441234567', name: null })]);
    });

    it('names each missing credential, with the index of the number it belongs to', () => {
      expect(problemsOf([TWILIO, { ...INFOBIP, credentials: { apiKey: 'key' } }])).toEqual([
        'numbers[1].credentials.basicAuthUsername is required',
        'numbers[1].credentials.basicAuthPassword is required',
      ]);
    });

    it('refuses an unknown provider, a missing sender and a webhook URL that is not http', () => {
      expect(problemsOf({ ...TWILIO, provider: 'vonage', sender: undefined, inboundWebhookUrl: 'ftp://example.com' })).toEqual([
        'provider must be one of "twilio", "infobip", "generic"',
        'sender is required',
        'inboundWebhookUrl must be an http:// or https:// URL',
      ]);
    });
  });

  describe('NumberRegistry', () => {
    const registry = new NumberRegistry(parseNumberRegistrations([TWILIO, INFOBIP, { ...INFOBIP, provider: 'twilio', credentials: TWILIO.credentials }]));

    it('finds a number by its channel name in any case, or by its sender however it is written', () => {
      expect(registry.resolve('support').id).toBe('twilio:15005550006');
      expect(registry.resolve('1 (500) 555-0006').id).toBe('twilio:15005550006');
      expect(registry.resolve('infobip:+380441234567').provider).toBe(Provider.Infobip);
    });

    it('asks for the id when a sender exists at two providers', () => {
      expect(() => registry.resolve('+380441234567')).toThrow(new UnknownNumber('"+380441234567" matches several numbers (infobip:380441234567, twilio:380441234567); use one of those ids'));
    });

    it('lists what is registered when nothing matches', () => {
      expect(() => registry.resolve('Sales')).toThrow('no registered number matches "Sales"; registered: +15005550006 (Support), +380441234567, +380441234567');
    });

    it('authenticates Twilio sends by account SID and auth token together', () => {
      expect(registry.twilioNumbers('ACsim1', 'token')).toHaveLength(2);
      expect(registry.twilioNumbers('ACsim1', 'wrong')).toEqual([]);
    });
  });

  it('keeps secrets out of what the API shows', () => {
    const [twilio, infobip] = parseNumberRegistrations([TWILIO, INFOBIP]);

    expect(publicView(twilio).credentials).toEqual({ accountSid: 'ACsim1', authToken: '[set]' });
    expect(publicView(infobip).credentials).toEqual({ apiKey: 'key…', basicAuthUsername: 'backtalk', basicAuthPassword: '[set]' });
  });
});
