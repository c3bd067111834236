import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';

interface KeyEntry {
  id: string;
  key: Buffer;
}

function keyEntry(base64Key: string): KeyEntry {
  const key = Buffer.from(base64Key, 'base64');
  if (key.length !== 32) throw new Error('A secrets key must be 32 bytes');
  // The id lets a ciphertext name the key it was sealed with, without revealing the key.
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

/**
 * Encrypts secrets the product stores (carrier auth tokens, webhook secrets) with AES-256-GCM.
 * Output: `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64url parts). Rotation: set the new key as SECRETS_KEY and the
 * old one in SECRETS_KEY_PREVIOUS; everything still decrypts, `npm run secrets:rotate` re-seals stored values under the
 * new key, after which the old key can be dropped.
 */
export class SecretBox {
  private readonly current: KeyEntry;
  private readonly byId: Map<string, KeyEntry>;

  constructor(currentKey: string, previousKeys: readonly string[] = []) {
    this.current = keyEntry(currentKey);
    this.byId = new Map([this.current, ...previousKeys.map(keyEntry)].map((entry) => [entry.id, entry]));
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.current.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, this.current.id, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join(':');
  }

  open(sealed: string): string {
    const [version, keyId, iv, tag, ciphertext] = sealed.split(':');
    if (version !== VERSION || !keyId || iv === undefined || tag === undefined || ciphertext === undefined) {
      throw new Error('Not a sealed secret');
    }
    const entry = this.byId.get(keyId);
    if (!entry) throw new Error(`Secret was sealed with key ${keyId}, which is neither SECRETS_KEY nor in SECRETS_KEY_PREVIOUS`);
    const decipher = createDecipheriv(ALGORITHM, entry.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** True when a stored value should be re-sealed under the current key. */
  needsRotation(sealed: string): boolean {
    return sealed.split(':')[1] !== this.current.id;
  }
}
