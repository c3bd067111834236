import { createHmac, hkdfSync } from 'node:crypto';

/**
 * The keyed hash that stands in for an erased customer's number: HMAC-SHA256, hex. Keyed, because phone numbers are
 * few enough that a plain hash of one is reversed by trying them all; with the key kept out of the database, a copy of
 * the database alone does not give the numbers back.
 */
export class PhoneHasher {
  private readonly key: Buffer;

  /** `key`: ERASURE_HASH_KEY, or else a key derived from SECRETS_KEY for this one purpose. */
  constructor(key: string | undefined, secretsKey: string) {
    this.key = key ? Buffer.from(key, 'utf8') : Buffer.from(hkdfSync('sha256', Buffer.from(secretsKey, 'base64'), Buffer.alloc(0), 'backtalk/erasure-phone-hash', 32));
  }

  /** `phone` in E.164, as contacts store it. */
  hash(phone: string): string {
    return createHmac('sha256', this.key).update(phone, 'utf8').digest('hex');
  }
}
