import { keyedPhoneHash } from './phone-hasher';

describe('the keyed hash of an erased customer’s number', () => {
  it('gives the same number the same hash under the same key, and a different one under another key', () => {
    const key = Buffer.alloc(32, 7);
    expect(keyedPhoneHash(key, '+380501234567')).toBe(keyedPhoneHash(Buffer.alloc(32, 7), '+380501234567'));
    expect(keyedPhoneHash(key, '+380501234567')).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedPhoneHash(key, '+380501234567')).not.toBe(keyedPhoneHash(key, '+380501234568'));
    expect(keyedPhoneHash(Buffer.alloc(32, 8), '+380501234567')).not.toBe(keyedPhoneHash(key, '+380501234567'));
  });
});
