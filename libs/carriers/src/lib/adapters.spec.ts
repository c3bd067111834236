import { Provider } from '@backtalk/contracts';
import { adapterFor } from './adapters';

describe('adapterFor', () => {
  it.each(Object.values(Provider))('returns the %s adapter', (kind) => {
    expect(adapterFor(kind).kind).toBe(kind);
  });

  it('names a provider kind it does not know', () => {
    expect(() => adapterFor('smoke-signals' as Provider)).toThrow('No carrier adapter for provider "smoke-signals"');
  });

  it('never throws from verify, even on a request with nothing in it', () => {
    const empty = { method: 'POST' as const, url: '', headers: {}, rawBody: Buffer.alloc(0), receivedAt: new Date(0) };
    for (const kind of Object.values(Provider)) {
      const result = adapterFor(kind).verify(empty, { authToken: 'x', signatureSecret: 'x', publicKey: 'x', basicAuth: { username: 'a', password: 'b' } }, new Date(0));
      expect({ kind, ok: result.ok }).toEqual({ kind, ok: false });
    }
  });
});
