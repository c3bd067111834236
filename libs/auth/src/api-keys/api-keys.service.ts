import { createHash, randomBytes } from 'node:crypto';
import { AuditService } from '@backtalk/audit';
import type { ApiKeyScope, ApiKeyView, AuditOrigin, CreatedApiKeyResponse } from '@backtalk/contracts';
import { DomainError } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import type { ApiKeyActor, UserActor } from '../access/actor';
import { auditActorOf } from '../access/audit-actor';
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
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<ApiKeyView[]> {
    return (await this.keys.find({ order: { createdAt: 'DESC' } })).map(toApiKeyView);
  }

  async create(name: string, scopes: ApiKeyScope[], createdById: string): Promise<CreatedApiKeyResponse> {
    const key = `${API_KEY_MARKER}${randomBytes(32).toString('base64url')}`;
    const saved = await this.dataSource.transaction(async (manager) => {
      const created = await manager.save(
        manager.create(ApiKeyEntity, { name: name.trim(), scopes: [...new Set(scopes)], prefix: key.slice(0, PREFIX_LENGTH), keyHash: hashKey(key), createdById }),
      );
      await this.audit.record(
        {
          actor: { kind: 'user', userId: createdById },
          action: 'api_key.created',
          target: { type: 'api_key', id: created.id, label: created.name },
          diff: { after: { name: created.name, prefix: created.prefix, scopes: created.scopes } },
        },
        manager,
      );
      return created;
    });
    return { apiKey: toApiKeyView(saved), key };
  }

  async revoke(id: string, actor?: UserActor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.update(ApiKeyEntity, { id, revokedAt: IsNull() }, { revokedAt: new Date() });
      if (!result.affected) throw DomainError.notFound('API key');
      const key = await manager.findOneByOrFail(ApiKeyEntity, { id });
      await this.audit.record({ actor: auditActorOf(actor), action: 'api_key.revoked', target: { type: 'api_key', id, label: key.name } }, manager);
    });
  }

  async authenticate(presented: string, origin?: AuditOrigin): Promise<ApiKeyActor | undefined> {
    const key = await this.keys.findOneBy({ keyHash: hashKey(presented), revokedAt: IsNull() });
    if (!key) return undefined;
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) await this.noteUse(key, origin);
    return { kind: 'api-key', apiKeyId: key.id, scopes: key.scopes };
  }

  /**
   * The first use of a UTC day is audited, later ones only refresh lastUsedAt. The conditional UPDATE decides which
   * call is the first, so two processes seeing the same key at midnight write one entry between them.
   */
  private async noteUse(key: ApiKeyEntity, origin: AuditOrigin | undefined): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const firstToday = await manager.query(
        `UPDATE api_key SET last_used_at = now()
          WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')
          RETURNING id`,
        [key.id],
      );
      if ((firstToday as [unknown[], number])[1] === 0) {
        await manager.update(ApiKeyEntity, { id: key.id }, { lastUsedAt: new Date() });
        return;
      }
      await this.audit.record({ actor: { kind: 'api_key', apiKeyId: key.id }, action: 'api_key.used', target: { type: 'api_key', id: key.id, label: key.name }, origin }, manager);
    });
  }

  view(actor: ApiKeyActor): Promise<ApiKeyView> {
    return this.keys.findOneByOrFail({ id: actor.apiKeyId }).then(toApiKeyView);
  }
}
