import { AppConfig } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The tables that only grow unless something deletes from them. */
export const RETAINED_TABLES = ['domain_event', 'automation_run', 'delivery_report', 'idempotency_record'] as const;
export type RetainedTable = (typeof RETAINED_TABLES)[number];

export interface RetentionPass {
  table: RetainedTable;
  deleted: number;
  batches: number;
  milliseconds: number;
  /** False when the pass stopped at its time budget with rows past the window still left, for the next run. */
  caughtUp: boolean;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Days a delivery report no message claimed is kept, however short RETENTION_DELIVERY_REPORTS_DAYS is. */
const UNCLAIMED_REPORT_DAYS = 30;
/** How long one run may spend on one table; a backlog (an upgrade onto a year of rows) drains over several runs. */
const TABLE_BUDGET_MS = 15_000;

/**
 * Each statement deletes at most one batch, as its own transaction, picked through an index on the time column (or the
 * event log's primary key), so it holds its row locks for milliseconds and never scans the table. It returns how many
 * rows it deleted; $1 is the cutoff (rows older go), $2 the batch size.
 */
const BATCH_SQL: Record<RetainedTable, string> = {
  // The log is trimmed strictly from its low end, in seq order, up to the first event still inside the window, and the
  // horizon records the highest seq deleted, in the same statement: a console resuming below it is told to reload
  // (see EventLogReader.gap), never replayed the rest as if it were the whole gap. The horizon's row lock serialises
  // two workers running this at once (and were its row missing, GREATEST keeps the higher of two). A seq under the
  // horizon that commits later would need a transaction open for longer than the window.
  domain_event: `
    WITH horizon AS (SELECT deleted_through FROM domain_event_horizon FOR UPDATE),
    batch AS (
      SELECT e.seq, e.created_at FROM domain_event e
      WHERE e.seq > coalesce((SELECT deleted_through FROM horizon), 0) ORDER BY e.seq LIMIT $2
    ),
    kept AS (SELECT min(seq) AS seq FROM batch WHERE created_at >= $1),
    deleted AS (
      DELETE FROM domain_event e USING batch b
      WHERE e.seq = b.seq AND ((SELECT seq FROM kept) IS NULL OR b.seq < (SELECT seq FROM kept))
      RETURNING e.seq
    ),
    moved AS (
      INSERT INTO domain_event_horizon (deleted_through) SELECT max(seq) FROM deleted HAVING count(*) > 0
      ON CONFLICT (only_row) DO UPDATE SET deleted_through = GREATEST(domain_event_horizon.deleted_through, excluded.deleted_through)
      RETURNING 1
    )
    SELECT count(*)::int AS deleted FROM deleted`,
  // A waiting-time rule's run is how it knows it already fired for this wait: while the conversation still waits since
  // then, deleting it would fire the rule again.
  automation_run: `
    WITH deleted AS (
      DELETE FROM automation_run WHERE id IN (
        SELECT r.id FROM automation_run r
        WHERE r.created_at < $1
          AND (r.wait_started_at IS NULL OR NOT EXISTS (SELECT 1 FROM conversation c WHERE c.id = r.conversation_id AND c.waiting_since = r.wait_started_at))
        ORDER BY r.created_at LIMIT $2)
      RETURNING 1
    )
    SELECT count(*)::int AS deleted FROM deleted`,
  // An unapplied report waits for its message's provider id, which the send records within a minute or never (the
  // outbox sweep marks a send still unanswered after PROVIDER_TIMEOUT_MS + QUEUE_LOCK_MS + 2 s `unknown`, and takes no
  // provider answer after that). So it is kept until $3 (UNCLAIMED_REPORT_DAYS at least), long after anything could
  // apply it: a carrier reporting on messages Backtalk did not send would otherwise leave rows for good, each pinning an
  // index page that can never be reused. They are few, found through the partial index of unapplied reports.
  delivery_report: `
    WITH doomed AS (
      SELECT id FROM (
        (SELECT id FROM delivery_report WHERE applied AND received_at < $1 ORDER BY received_at LIMIT $2)
        UNION ALL
        (SELECT id FROM delivery_report WHERE NOT applied AND received_at < $3 LIMIT $2)
      ) AS candidates LIMIT $2
    ),
    deleted AS (DELETE FROM delivery_report WHERE id IN (SELECT id FROM doomed) RETURNING 1)
    SELECT count(*)::int AS deleted FROM deleted`,
  idempotency_record: `
    WITH deleted AS (
      DELETE FROM idempotency_record WHERE (scope, key) IN (SELECT scope, key FROM idempotency_record WHERE created_at < $1 ORDER BY created_at LIMIT $2)
      RETURNING 1
    )
    SELECT count(*)::int AS deleted FROM deleted`,
};

/** What a team's retention window removes from its messages. */
export const CONTENT_KINDS = ['message_bodies', 'media'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

export interface ContentRetentionPass {
  kind: ContentKind;
  teamId: string;
  removed: number;
  batches: number;
  milliseconds: number;
  caughtUp: boolean;
}

/**
 * One batch of a team's messages past its window, in place: the text (or media links) go, the row with its times,
 * direction, segments, cost and delivery state stays, so counts and reports still add up. A message still waiting to
 * go out, or whose send an agent may still retry, keeps its text. Picked through the partial indexes of messages that
 * still have something to remove, conversation by conversation of the team; SKIP LOCKED leaves a message a send or
 * status update holds to the next batch. $1 team, $2 cutoff, $3 batch size, $4 now.
 */
const CONTENT_SQL: Record<ContentKind, string> = {
  message_bodies: `
    WITH batch AS (
      SELECT m.id FROM conversation c JOIN message m ON m.conversation_id = c.id
      WHERE c.team_id = $1 AND c.created_at < $2 AND m.body_removed_at IS NULL AND m.sent_at < $2
        AND m.status NOT IN ('queued', 'sending', 'scheduled', 'unknown')
      LIMIT $3 FOR UPDATE OF m SKIP LOCKED
    ),
    removed AS (
      UPDATE message m SET body = '', body_removed_at = $4, removed_by = COALESCE(m.removed_by, 'retention')
      FROM batch WHERE m.id = batch.id RETURNING m.id
    )
    SELECT count(*)::int AS removed FROM removed`,
  media: `
    WITH batch AS (
      SELECT m.id FROM conversation c JOIN message m ON m.conversation_id = c.id
      WHERE c.team_id = $1 AND c.created_at < $2 AND m.media_removed_at IS NULL AND m.media <> '[]'::jsonb AND m.sent_at < $2
        AND m.status NOT IN ('queued', 'sending', 'scheduled', 'unknown')
      LIMIT $3 FOR UPDATE OF m SKIP LOCKED
    ),
    removed AS (
      UPDATE message m SET media = '[]'::jsonb, media_removed_at = $4, removed_by = COALESCE(m.removed_by, 'retention')
      FROM batch WHERE m.id = batch.id RETURNING m.id
    )
    SELECT count(*)::int AS removed FROM removed`,
};

/**
 * A survey comment is the customer's words too: it goes with the message texts, from the answer, the thread's survey
 * line and the realtime log's copy of that line. $1 team, $2 cutoff, $3 batch size.
 */
const CSAT_COMMENTS_SQL = `
  WITH batch AS (
    SELECT id, conversation_id FROM csat_response WHERE team_id = $1 AND responded_at < $2 AND comment IS NOT NULL LIMIT $3 FOR UPDATE SKIP LOCKED
  ),
  removed AS (UPDATE csat_response r SET comment = NULL FROM batch WHERE r.id = batch.id RETURNING r.conversation_id),
  lines AS (
    UPDATE conversation_activity a SET data = a.data || '{"comment": null}'::jsonb
    WHERE a.conversation_id IN (SELECT conversation_id FROM removed) AND a.type = 'csat_rated' AND a.occurred_at < $2 AND a.data ? 'comment'
    RETURNING 1
  ),
  events AS (
    UPDATE domain_event e SET payload = jsonb_set(e.payload, '{activity,data,comment}', 'null'::jsonb)
    WHERE e.conversation_id IN (SELECT conversation_id FROM removed) AND e.type = 'conversation.activity' AND e.payload #>> '{activity,type}' = 'csat_rated' AND e.created_at < $2
    RETURNING 1
  )
  SELECT count(*)::int AS removed FROM removed, (SELECT count(*) FROM lines) l, (SELECT count(*) FROM events) e`;

/**
 * Keeps the tables that only grow near their steady-state size: the domain event log beyond the realtime replay window,
 * automation runs, applied delivery reports and Idempotency-Key records beyond their windows (`RETENTION_*`).
 */
@Injectable()
export class RetentionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** How long each table keeps a row, in milliseconds. */
  windows(): Record<RetainedTable, number> {
    return {
      domain_event: this.config.RETENTION_EVENTS_HOURS * HOUR_MS,
      automation_run: this.config.RETENTION_AUTOMATION_RUNS_DAYS * DAY_MS,
      delivery_report: this.config.RETENTION_DELIVERY_REPORTS_DAYS * DAY_MS,
      idempotency_record: this.config.RETENTION_IDEMPOTENCY_KEYS_HOURS * HOUR_MS,
    };
  }

  /** Deletes one batch of `table`'s rows past its window at `now`; resolves to how many. */
  async deleteBatch(table: RetainedTable, now = new Date(), batchSize = this.config.RETENTION_BATCH_SIZE): Promise<number> {
    const cutoff = new Date(now.getTime() - this.windows()[table]);
    const unclaimedCutoff = new Date(now.getTime() - Math.max(this.windows().delivery_report, UNCLAIMED_REPORT_DAYS * DAY_MS));
    const parameters = table === 'delivery_report' ? [cutoff, batchSize, unclaimedCutoff] : [cutoff, batchSize];
    const [row] = await this.dataSource.query<Array<{ deleted: number }>>(BATCH_SQL[table], parameters);
    return row.deleted;
  }

  /** Batch after batch, until one comes back short (nothing left past the window) or the table's time budget is spent. */
  async trim(table: RetainedTable, now = new Date(), budgetMs = TABLE_BUDGET_MS): Promise<RetentionPass> {
    const batchSize = this.config.RETENTION_BATCH_SIZE;
    const started = Date.now();
    let deleted = 0;
    let batches = 0;
    for (;;) {
      const count = await this.deleteBatch(table, now, batchSize);
      deleted += count;
      batches += 1;
      if (count < batchSize) return { table, deleted, batches, milliseconds: Date.now() - started, caughtUp: true };
      if (Date.now() - started >= budgetMs) return { table, deleted, batches, milliseconds: Date.now() - started, caughtUp: false };
    }
  }

  /** One pass over every retained table. */
  async run(now = new Date(), budgetMs = TABLE_BUDGET_MS): Promise<RetentionPass[]> {
    const passes: RetentionPass[] = [];
    for (const table of RETAINED_TABLES) passes.push(await this.trim(table, now, budgetMs));
    return passes;
  }

  /** Removes one batch of `kind` from `teamId`'s messages older than `days` at `now`; resolves to how many messages. */
  async removeContentBatch(kind: ContentKind, teamId: string, days: number, now = new Date(), batchSize = this.config.RETENTION_BATCH_SIZE): Promise<number> {
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    const [row] = await this.dataSource.query<Array<{ removed: number }>>(CONTENT_SQL[kind], [teamId, cutoff, batchSize, now]);
    if (kind === 'message_bodies') {
      const [comments] = await this.dataSource.query<Array<{ removed: number }>>(CSAT_COMMENTS_SQL, [teamId, cutoff, batchSize]);
      return row.removed + comments.removed;
    }
    return row.removed;
  }

  /** Every team's windows, message texts then media links, batch after batch within the time budget of each. */
  async removeContent(now = new Date(), budgetMs = TABLE_BUDGET_MS, batchSize = this.config.RETENTION_BATCH_SIZE): Promise<ContentRetentionPass[]> {
    const teams = await this.dataSource.query<Array<{ id: string; retain_message_bodies_days: number | null; retain_media_days: number | null }>>(
      `SELECT id, retain_message_bodies_days, retain_media_days FROM team WHERE retain_message_bodies_days IS NOT NULL OR retain_media_days IS NOT NULL ORDER BY id`,
    );
    const passes: ContentRetentionPass[] = [];
    for (const team of teams) {
      for (const kind of CONTENT_KINDS) {
        const days = kind === 'message_bodies' ? team.retain_message_bodies_days : team.retain_media_days;
        if (days === null) continue;
        const started = Date.now();
        let removed = 0;
        let batches = 0;
        let caughtUp = false;
        while (!caughtUp && Date.now() - started < budgetMs) {
          const count = await this.removeContentBatch(kind, team.id, days, now, batchSize);
          removed += count;
          batches += 1;
          caughtUp = count < batchSize;
        }
        passes.push({ kind, teamId: team.id, removed, batches, milliseconds: Date.now() - started, caughtUp });
      }
    }
    return passes;
  }
}
