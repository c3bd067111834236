import type { AuditDiff, AuditRecordInput } from '@backtalk/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type AuditRow, entryHash, GENESIS_HASH } from './audit-hash';
import { currentAuditOrigin } from './audit-origin';

/** One writer at a time extends the chain; transaction-scoped, so it is released by COMMIT/ROLLBACK behind any pooler. */
const CHAIN_LOCK = `SELECT pg_advisory_xact_lock(hashtextextended('audit_entry_chain', 0))`;

const REDACTED = '[redacted]';
/**
 * Field names whose values are never written to the trail, at any depth of a diff: names that end in a word for a
 * credential (`authToken`, `signatureSecret`, `secrets`), not names about them (`secretsSet` lists which are set).
 */
const SECRET_FIELD = /(secret|password|password_?hash|key_?hash|token|credential|private_?key|api_?key|signing_?key)s?$/i;

/**
 * Replaces every value under a secret-looking key with a marker that says it changed (or not), never what it is. The
 * diff also goes through JSON once, so that what is hashed is exactly what jsonb will give back (dates as ISO text,
 * no undefined fields).
 */
export function redactDiff(diff: AuditDiff): AuditDiff {
  const scrub = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(scrub);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, SECRET_FIELD.test(key) && inner != null && inner !== '' ? REDACTED : scrub(inner)]));
    }
    return value;
  };
  return JSON.parse(JSON.stringify(scrub(diff))) as AuditDiff;
}

function clip(value: string | undefined | null, length: number): string | null {
  return value ? value.slice(0, length) : null;
}

export interface RecordedEntry {
  seq: string;
  hash: string;
}

/**
 * Appends to the audit trail. Pass the EntityManager of the transaction that makes the change, so the entry commits
 * or rolls back with it; call it last in that transaction, because it holds the chain lock until commit. Without an
 * `origin`, the entry takes the IP and user agent of the HTTP request being handled, if there is one.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(input: AuditRecordInput, manager?: EntityManager): Promise<RecordedEntry> {
    if (!manager) return this.dataSource.transaction((own) => this.append(own, input));
    if (!manager.queryRunner?.isTransactionActive) return manager.transaction((own) => this.append(own, input));
    return this.append(manager, input);
  }

  private async append(manager: EntityManager, input: AuditRecordInput): Promise<RecordedEntry> {
    await manager.query(CHAIN_LOCK);
    const [head] = (await manager.query(
      `SELECT last.seq::text AS seq, last.hash, date_trunc('milliseconds', clock_timestamp()) AS now
         FROM (SELECT 1) AS one LEFT JOIN LATERAL (SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1) AS last ON true`,
    )) as Array<{ seq: string | null; hash: string | null; now: Date }>;
    const { actor } = input;
    const origin = input.origin ?? currentAuditOrigin();
    const diff = input.diff && (input.diff.before !== undefined || input.diff.after !== undefined) ? redactDiff(input.diff) : null;
    const row: AuditRow = {
      seq: String(BigInt(head.seq ?? '0') + 1n),
      occurredAt: head.now,
      actorKind: actor.kind,
      actorUserId: actor.kind === 'user' ? actor.userId : null,
      actorApiKeyId: actor.kind === 'api_key' ? actor.apiKeyId : null,
      actorEmail: actor.kind === 'anonymous' ? clip(actor.attemptedEmail, 320) : null,
      action: input.action,
      targetType: input.target.type,
      targetId: clip(input.target.id, 200),
      targetLabel: clip(input.target.label, 500),
      teamIds: [...new Set(input.teamIds ?? [])].sort(),
      diff,
      ip: clip(origin?.ip, 64),
      userAgent: clip(origin?.userAgent, 400),
      prevHash: head.hash ?? GENESIS_HASH,
    };
    const hash = entryHash(row);
    await manager.query(
      `INSERT INTO audit_entry (seq, occurred_at, actor_kind, actor_user_id, actor_api_key_id, actor_email, action, target_type, target_id,
                                target_label, team_ids, diff, ip, user_agent, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::uuid[], $12::jsonb, $13, $14, $15, $16)`,
      [
        row.seq,
        row.occurredAt,
        row.actorKind,
        row.actorUserId,
        row.actorApiKeyId,
        row.actorEmail,
        row.action,
        row.targetType,
        row.targetId,
        row.targetLabel,
        row.teamIds,
        row.diff === null ? null : JSON.stringify(row.diff),
        row.ip,
        row.userAgent,
        row.prevHash,
        hash,
      ],
    );
    return { seq: row.seq, hash };
  }
}
