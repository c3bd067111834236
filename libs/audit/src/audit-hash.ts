import { createHash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';

/** Throws rather than guess on anything JSON cannot spell (a cycle, NaN), so two runs can never hash differently. */
const stringify = configure({ deterministic: true, circularValue: TypeError, strict: true });

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** An entry as stored, in the shape both the writer and the verifier hash. */
export interface AuditRow {
  seq: string;
  occurredAt: Date;
  actorKind: string;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  targetLabel: string | null;
  teamIds: readonly string[];
  diff: object | null;
  ip: string | null;
  userAgent: string | null;
  prevHash: string;
}

/**
 * A serialisation with one spelling per entry: keys sorted at every depth (jsonb gives `diff` back in its own key
 * order), the time as ISO text, team ids sorted. safe-stable-stringify does the sorting the same way on every run.
 */
export function canonicalForm(row: AuditRow): string {
  const text = stringify({
    seq: row.seq,
    occurredAt: row.occurredAt.toISOString(),
    actorKind: row.actorKind,
    actorUserId: row.actorUserId,
    actorApiKeyId: row.actorApiKeyId,
    actorEmail: row.actorEmail,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    targetLabel: row.targetLabel,
    teamIds: [...row.teamIds].sort(),
    diff: row.diff,
    ip: row.ip,
    userAgent: row.userAgent,
  });
  if (text === undefined) throw new TypeError('An audit entry has no JSON form');
  return text;
}

export function entryHash(row: AuditRow): string {
  return createHash('sha256').update(row.prevHash).update('\n').update(canonicalForm(row)).digest('hex');
}
