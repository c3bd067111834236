import { Provider } from '@backtalk/contracts';
import { senderFor } from './senders';

// What every sender must do alike; each provider's own behaviour is in providers/*.send.spec.ts.

const PROVIDERS = Object.values(Provider);

describe('senderFor', () => {
  it.each(PROVIDERS)('returns a sender for %s whose duplicate protection is one sentence of one of three kinds', (provider) => {
    const { duplicateProtection } = senderFor(provider);
    expect(duplicateProtection).toMatch(/^(None|Idempotency key|Client reference and lookup): [^]+\.$/);
    expect(duplicateProtection.split('. ')).toHaveLength(1);
  });

  it('names a provider it does not know', () => {
    expect(() => senderFor('carrier-pigeon' as Provider)).toThrow('No carrier sender for provider "carrier-pigeon"');
  });

  it('pairs every lookup request with its interpretation', () => {
    for (const provider of PROVIDERS) {
      const sender = senderFor(provider);
      expect({ provider, lookup: sender.buildLookupRequest === undefined }).toEqual({ provider, lookup: sender.interpretLookup === undefined });
    }
  });

  it('offers a lookup exactly where the provider can be searched by our id', () => {
    expect(PROVIDERS.filter((provider) => senderFor(provider).buildLookupRequest)).toEqual([Provider.Infobip, Provider.Sinch]);
  });

  it.each(PROVIDERS)('%s: retries 429 and 503 with Retry-After, and never throws on a body it cannot read', (provider) => {
    const sender = senderFor(provider);
    expect(sender.interpretResponse(429, { 'retry-after': '7' }, '<html>')).toMatchObject({ kind: 'retry', retryAfterSeconds: 7 });
    expect(sender.interpretResponse(503, {}, '')).toMatchObject({ kind: 'retry' });
    expect(sender.interpretResponse(200, {}, 'not json')).toMatchObject({ kind: 'unknown' });
    expect(sender.interpretResponse(401, {}, 'null')).toMatchObject({ kind: 'failed', error: { category: 'authentication' } });
  });
});
