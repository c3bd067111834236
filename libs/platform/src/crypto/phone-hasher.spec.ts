import { PhoneHasher } from './phone-hasher';

const SECRETS_KEY = Buffer.alloc(32, 7).toString('base64');

describe('PhoneHasher', () => {
  it('gives the same number the same hash under the same key, and a different one under another key', () => {
    const hasher = new PhoneHasher(undefined, SECRETS_KEY);
    expect(hasher.hash('+380501234567')).toBe(new PhoneHasher(undefined, SECRETS_KEY).hash('+380501234567'));
    expect(hasher.hash('+380501234567')).toMatch(/^[0-9a-f]{64}$/);
    expect(hasher.hash('+380501234567')).not.toBe(hasher.hash('+380501234568'));
    expect(new PhoneHasher(undefined, Buffer.alloc(32, 8).toString('base64')).hash('+380501234567')).not.toBe(hasher.hash('+380501234567'));
  });

  it('uses ERASURE_HASH_KEY when it is set, whatever SECRETS_KEY is', () => {
    const key = 'an-erasure-hash-key-of-at-least-32-chars';
    expect(new PhoneHasher(key, SECRETS_KEY).hash('+15551234567')).toBe(new PhoneHasher(key, Buffer.alloc(32, 9).toString('base64')).hash('+15551234567'));
  });
});
