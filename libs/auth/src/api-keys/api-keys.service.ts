import { createHash, randomBytes } from 'node:crypto';
import type { ApiKeyScope, ApiKeyView, CreatedApiKeyResponse } from '@backtalk/contracts';
import { DomainError } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import type { ApiKeyActor } from '../access/actor';
import { ApiKeyEntity } from '../entities';

export const API_KEY_MARKER = 'bt_';
const PREFIX_LENGTH = 12;
/** lastUsedAt is for people; writing it on every call would make each API request a database write. */
const LAST_USED_RESOLUTION_MS = 60_000;

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

function toApiKeyView(key: ApiKeyEntity): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

/**
 * Keys are 256 random bits; only their SHA-256 is stored. A slow password hash is unnecessary for a secret with that
 * much entropy, and a fast one keeps the per-request lookup indexed.
 */
@Injectable()
export class ApiKeysService {
  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

  async list(): Promise<ApiKeyView[]> {
    return (await this.keys.find({ order: { createdAt: 'DESC' } })).map(toApiKeyView);
  }

  async create(name: string, scopes: ApiKeyScope[], createdById: string): Promise<CreatedApiKeyResponse> {
    const key = `${API_KEY_MARKER}${randomBytes(32).toString('base64url')}`;
    const saved = await this.keys.save(
      this.keys.create({ name: name.trim(), scopes: [...new Set(scopes)], prefix: key.slice(0, PREFIX_LENGTH), keyHash: hashKey(key), createdById }),
    );
    return { apiKey: toApiKeyView(saved), key };
  }

  async revoke(id: string): Promise<void> {
    const result = await this.keys.update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
    if (!result.affected) throw DomainError.notFound('API key');
  }

  async authenticate(presented: string): Promise<ApiKeyActor | undefined> {
    const key = await this.keys.findOneBy({ keyHash: hashKey(presented), revokedAt: IsNull() });
    if (!key) return undefined;
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.keys.update({ id: key.id }, { lastUsedAt: new Date() });
    }
    return { kind: 'api-key', apiKeyId: key.id, scopes: key.scopes };
  }

  view(actor: ApiKeyActor): Promise<ApiKeyView> {
    return this.keys.findOneByOrFail({ id: actor.apiKeyId }).then(toApiKeyView);
  }
}
