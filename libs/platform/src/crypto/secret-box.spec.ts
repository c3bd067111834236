import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

const newKey = () => randomBytes(32).toString('base64');

describe('SecretBox', () => {
  it('opens what it sealed, and never stores the plaintext', () => {
    const box = new SecretBox(newKey());
    const sealed = box.seal('twilio-auth-token-123');
    expect(sealed).not.toContain('twilio-auth-token-123');
    expect(box.open(sealed)).toBe('twilio-auth-token-123');
  });

  it('seals the same value differently each time', () => {
    const box = new SecretBox(newKey());
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('rejects a tampered ciphertext', () => {
    const box = new SecretBox(newKey());
    const parts = box.seal('value').split(':');
    parts[4] = Buffer.from('other').toString('base64url');
    expect(() => box.open(parts.join(':'))).toThrow();
  });

  it('still opens values sealed with a previous key after rotation, and says they need re-sealing', () => {
    const oldKey = newKey();
    const sealedBefore = new SecretBox(oldKey).seal('carrier secret');
    const rotated = new SecretBox(newKey(), [oldKey]);
    expect(rotated.open(sealedBefore)).toBe('carrier secret');
    expect(rotated.needsRotation(sealedBefore)).toBe(true);
    expect(rotated.needsRotation(rotated.seal('carrier secret'))).toBe(false);
  });

  it('names the missing key when a value was sealed with a key that is no longer configured', () => {
    const sealed = new SecretBox(newKey()).seal('x');
    expect(() => new SecretBox(newKey()).open(sealed)).toThrow(/neither SECRETS_KEY nor in SECRETS_KEY_PREVIOUS/);
  });
});
