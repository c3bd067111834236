import { AuditService } from '@backtalk/audit';
import { AccessPolicy, type UserActor } from '@backtalk/auth';
import type { AuditActor, AuditDiff, AuditEntryView, AuditListQuery, AuditListResponse } from '@backtalk/contracts';
import { containsPattern, DomainError } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

const DEFAULT_PAGE = 50;

interface EntryRow {
  seq: string;
  occurred_at: Date;
  actor_kind: AuditActor['kind'];
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  actor_email: string | null;
  user_name: string | null;
  key_name: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  target_label: string | null;
  team_ids: string[];
  diff: AuditDiff | null;
  ip: string | null;
  user_agent: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditExportRow extends AuditEntryView {
  prevHash: string;
  hash: string;
}

function actorOf(row: EntryRow): AuditEntryView['actor'] {
  switch (row.actor_kind) {
    case 'user':
      return { kind: 'user', userId: row.actor_user_id!, name: row.user_name };
    case 'api_key':
      return { kind: 'api_key', apiKeyId: row.actor_api_key_id!, name: row.key_name };
    case 'anonymous':
      return { kind: 'anonymous', ...(row.actor_email ? { attemptedEmail: row.actor_email } : {}), name: row.actor_email };
    default:
      return { kind: 'system', name: null };
  }
}

function toView(row: EntryRow): AuditExportRow {
  return {
    seq: row.seq,
    occurredAt: row.occurred_at.toISOString(),
    actor: actorOf(row),
    action: row.action,
    target: { type: row.target_type, ...(row.target_id ? { id: row.target_id } : {}), ...(row.target_label ? { label: row.target_label } : {}) },
    teamIds: row.team_ids,
    diff: row.diff,
    origin: { ...(row.ip ? { ip: row.ip } : {}), ...(row.user_agent ? { userAgent: row.user_agent } : {}) },
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Reading the audit trail: admins read all of it; supervisors the entries about their teams (a rule, channel or
 * member of one of them). Newest first, paged by sequence number, which never repeats and never reorders.
 */
@Injectable()
export class AuditLogService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(actor: UserActor, query: AuditListQuery): Promise<AuditListResponse> {
    const { rows, nextCursor } = await this.page(actor, query);
    return { entries: rows.map(({ prevHash: _prev, hash: _hash, ...entry }) => entry), nextCursor };
  }

  /** A page with each entry's hashes too, for the CSV: with them a copy can be checked against the chain later. */
  async page(actor: UserActor, query: AuditListQuery): Promise<{ rows: AuditExportRow[]; nextCursor: string | null }> {
    if (query.from && query.to && new Date(query.from) >= new Date(query.to)) {
      throw DomainError.validation('Invalid request: from must be before to', [{ field: 'from', messages: ['from must be before to'] }]);
    }
    const limit = query.limit ?? DEFAULT_PAGE;
    const values: unknown[] = [];
    const add = (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    };
    const visible = AccessPolicy.visibleTeamSetCondition(actor, 'e.team_ids', 1);
    values.push(...visible.parameters);
    const where = [visible.sql];
    if (query.actorUserId) where.push(`e.actor_user_id = ${add(query.actorUserId)}::uuid`);
    if (query.actorKind) where.push(`e.actor_kind = ${add(query.actorKind)}`);
    if (query.action) where.push(query.action.includes('.') ? `e.action = ${add(query.action)}` : `e.action LIKE ${add(`${query.action}.%`)}`);
    if (query.targetType) where.push(`e.target_type = ${add(query.targetType)}`);
    if (query.targetId) where.push(`e.target_id = ${add(query.targetId)}`);
    if (query.target) {
      const text = query.target.trim();
      where.push(`(e.target_label ILIKE ${add(containsPattern(text))} OR e.target_id = ${add(text)})`);
    }
    if (query.from) where.push(`e.occurred_at >= ${add(query.from)}::timestamptz`);
    if (query.to) where.push(`e.occurred_at < ${add(query.to)}::timestamptz`);
    if (query.before) where.push(`e.seq < ${add(query.before)}::bigint`);
    const rows = await this.dataSource.query<EntryRow[]>(
      `SELECT e.seq::text AS seq, e.occurred_at, e.actor_kind, e.actor_user_id, e.actor_api_key_id, e.actor_email, u.name AS user_name, k.name AS key_name,
              e.action, e.target_type, e.target_id, e.target_label, e.team_ids::text[] AS team_ids, e.diff, e.ip, e.user_agent, e.prev_hash, e.hash
         FROM audit_entry e
         LEFT JOIN app_user u ON u.id = e.actor_user_id
         LEFT JOIN api_key k ON k.id = e.actor_api_key_id
        WHERE ${where.join(' AND ')}
        ORDER BY e.seq DESC
        LIMIT ${add(limit + 1)}`,
      values,
    );
    const more = rows.length > limit;
    const page = rows.slice(0, limit).map(toView);
    return { rows: page, nextCursor: more ? page[page.length - 1].seq : null };
  }

  /** Taking a copy of the trail is itself on the trail, with the filters it was taken with. */
  async recordExport(actor: UserActor, query: AuditListQuery): Promise<void> {
    const { before: _before, limit: _limit, ...filters } = query;
    await this.audit.record({
      actor: { kind: 'user', userId: actor.userId },
      action: 'audit.exported',
      target: { type: 'audit_log' },
      teamIds: AccessPolicy.visibleTeams(actor) === 'all' ? [] : actor.teamIds,
      diff: { after: { ...filters } },
    });
  }
}
