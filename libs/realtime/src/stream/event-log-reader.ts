import type { DomainEvent, DomainEventType } from '@backtalk/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Gap } from './replay-verdict';

interface EventRow {
  seq: string;
  type: DomainEventType;
  team_id: string | null;
  conversation_id: string | null;
  payload: DomainEvent['payload'];
  created_at: Date;
}

const COLUMNS = 'seq, type, team_id, conversation_id, payload, created_at';

const toEvent = (row: EventRow): DomainEvent => ({
  seq: Number(row.seq),
  type: row.type,
  teamId: row.team_id,
  conversationId: row.conversation_id,
  payload: row.payload,
  createdAt: row.created_at.toISOString(),
});

/** Reads of the `domain_event` log, and the transaction-id facts that tell a missing seq from a late one. */
@Injectable()
export class EventLogReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async after(seq: number, limit: number): Promise<DomainEvent[]> {
    const rows: EventRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM domain_event WHERE seq > $1 ORDER BY seq LIMIT $2`, [seq, limit]);
    return rows.map(toEvent);
  }

  async between(after: number, through: number): Promise<DomainEvent[]> {
    const rows: EventRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM domain_event WHERE seq > $1 AND seq <= $2 ORDER BY seq`, [after, through]);
    return rows.map(toEvent);
  }

  async gap(after: number, through: number, countUpTo: number): Promise<Gap> {
    const [row]: Array<{ events: number; oldest_at: Date | null; trimmed: boolean }> = await this.dataSource.query(
      `SELECT (SELECT count(*)::int FROM (SELECT 1 FROM domain_event WHERE seq > $1 AND seq <= $2 LIMIT $3) AS counted) AS events,
              (SELECT created_at FROM domain_event WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT 1) AS oldest_at,
              coalesce((SELECT deleted_through > $1 FROM domain_event_horizon), false) AS trimmed`,
      [after, through, countUpTo],
    );
    return { events: row.events, oldestAt: row.oldest_at, trimmed: row.trimmed };
  }

  async latestSeq(): Promise<number> {
    const [row]: Array<{ seq: string }> = await this.dataSource.query(`SELECT coalesce(max(seq), 0) AS seq FROM domain_event`);
    return Number(row.seq);
  }

  /**
   * A transaction id newer than every transaction that has drawn a seq so far (it takes one, in its own tiny
   * transaction). Once `allEndedThrough` it, every seq drawn before this call is committed or gone for good.
   */
  async newestTransactionId(): Promise<bigint> {
    const [row]: Array<{ xid: string }> = await this.dataSource.query(`SELECT pg_current_xact_id()::text AS xid`);
    return BigInt(row.xid);
  }

  /** True once no transaction with an id up to `xid` is still running. */
  async allEndedThrough(xid: bigint): Promise<boolean> {
    const [row]: Array<{ xmin: string }> = await this.dataSource.query(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`);
    return BigInt(row.xmin) > xid;
  }
}
