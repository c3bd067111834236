import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Compares a received credential with the expected one in constant time. Both sides are hashed first so that
 * `timingSafeEqual` always sees equal lengths and the comparison time says nothing about where they differ or how
 * long the secret is.
 */
export function constantTimeEqual(received: string | Buffer, expected: string | Buffer): boolean {
  const a = createHash('sha256').update(received).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && Buffer.byteLength(received) === Buffer.byteLength(expected);
}

export function hmac(
  algorithm: 'sha1' | 'sha256' | 'sha512' | 'md5',
  key: string,
  data: string | Buffer,
  encoding: 'hex' | 'base64',
): string {
  return createHmac(algorithm, key).update(data).digest(encoding);
}

export function digest(algorithm: 'sha256' | 'md5', data: string | Buffer): string {
  return createHash(algorithm).update(data).digest('hex');
}
