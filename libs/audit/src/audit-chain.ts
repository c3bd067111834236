import type { DataSource } from 'typeorm';
import { type AuditRow, entryHash, GENESIS_HASH } from './audit-hash';

export interface BrokenLink {
  seq: string;
  reason: string;
}

export interface ChainReport {
  checked: number;
  /** The first entry that does not follow from the ones before it; null when the whole chain holds. */
  broken: BrokenLink | null;
}

interface StoredRow {
  seq: string;
  occurred_at: Date;
  actor_kind: string;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  actor_email: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  target_label: string | null;
  team_ids: string[];
  diff: object | null;
  ip: string | null;
  user_agent: string | null;
  prev_hash: string;
  hash: string;
}

const BATCH = 2000;

/**
 * Walks the whole trail in order and recomputes every hash. A changed field breaks that entry's hash, a removed entry
 * a gap in `seq` or the next entry's `prev_hash`, a reordered one both. Reads in keyset batches so memory stays flat.
 */
export async function verifyAuditChain(dataSource: DataSource): Promise<ChainReport> {
  let expectedSeq = 1n;
  let previousHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = (await dataSource.query(
      `SELECT seq::text AS seq, occurred_at, actor_kind, actor_user_id, actor_api_key_id, actor_email, action, target_type, target_id,
              target_label, team_ids::text[] AS team_ids, diff, ip, user_agent, prev_hash, hash
         FROM audit_entry AS entry WHERE entry.seq >= $1 ORDER BY entry.seq LIMIT $2`,
      [String(expectedSeq), BATCH],
    )) as StoredRow[];
    for (const stored of rows) {
      if (stored.seq !== String(expectedSeq)) return { checked, broken: { seq: stored.seq, reason: `expected entry ${expectedSeq} next, found ${stored.seq}: entries are missing` } };
      if (stored.prev_hash !== previousHash) return { checked, broken: { seq: stored.seq, reason: 'its previous-hash does not match the entry before it' } };
      const row: AuditRow = {
        seq: stored.seq,
        occurredAt: stored.occurred_at,
        actorKind: stored.actor_kind,
        actorUserId: stored.actor_user_id,
        actorApiKeyId: stored.actor_api_key_id,
        actorEmail: stored.actor_email,
        action: stored.action,
        targetType: stored.target_type,
        targetId: stored.target_id,
        targetLabel: stored.target_label,
        teamIds: stored.team_ids,
        diff: stored.diff,
        ip: stored.ip,
        userAgent: stored.user_agent,
        prevHash: stored.prev_hash,
      };
      if (entryHash(row) !== stored.hash) return { checked, broken: { seq: stored.seq, reason: 'its contents do not match its hash: the entry was modified' } };
      previousHash = stored.hash;
      expectedSeq += 1n;
      checked += 1;
    }
    if (rows.length < BATCH) return { checked, broken: null };
  }
}
