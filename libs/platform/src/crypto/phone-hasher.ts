import { createHmac, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SecretBox } from './secret-box';

/** HMAC-SHA256 of a number in E.164, hex. */
export function keyedPhoneHash(key: Buffer, phone: string): string {
  return createHmac('sha256', key).update(phone, 'utf8').digest('hex');
}

/**
 * The keyed hash that stands in for an erased customer's number. Keyed, because phone numbers are few enough that a
 * plain hash of one is reversed by trying them all; with the key sealed by SECRETS_KEY, a copy of the database alone
 * does not give the numbers back.
 *
 * The key is the install's own, made at random the first time and kept in `erasure_key` sealed with SECRETS_KEY:
 * rotating SECRETS_KEY re-seals it (npm run secrets:rotate) instead of changing it, so old hashes keep matching and
 * erased customers' opt-outs hold. Read on first use, so that the processes start while PostgreSQL is away.
 */
@Injectable()
export class PhoneHasher {
  private key: Promise<Buffer> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly box: SecretBox,
  ) {}

  /** `phone` in E.164, as contacts store it. */
  async hash(phone: string): Promise<string> {
    return keyedPhoneHash(await this.installKey(), phone);
  }

  private installKey(): Promise<Buffer> {
    this.key ??= this.readOrCreateKey().catch((error: unknown) => {
      this.key = null;
      throw error;
    });
    return this.key;
  }

  private async readOrCreateKey(): Promise<Buffer> {
    // Processes starting together may each offer a key; the first one stored is everyone's.
    await this.dataSource.query(`INSERT INTO erasure_key (id, key_sealed) VALUES (1, $1) ON CONFLICT (id) DO NOTHING`, [this.box.seal(randomBytes(32).toString('base64'))]);
    const [row]: Array<{ key_sealed: string }> = await this.dataSource.query(`SELECT key_sealed FROM erasure_key WHERE id = 1`);
    return Buffer.from(this.box.open(row.key_sealed), 'base64');
  }
}
