import { randomUUID } from 'node:crypto';
import { AuthModule, TeamsService } from '@backtalk/auth';
import { ChannelsModule, ChannelsService } from '@backtalk/channels';
import { type ChannelView } from '@backtalk/contracts';
import { ConversationsModule } from '@backtalk/conversations';
import { InboundModule } from '@backtalk/inbound';
import { PlatformModule } from '@backtalk/platform';
import { customerTextsLine, genericLine, TestApp } from '@backtalk/testing';
import { Module } from '@nestjs/common';
import { RetentionModule } from './retention.module';
import { RetentionService } from './retention.service';

@Module({ imports: [PlatformModule, AuthModule, ChannelsModule, ConversationsModule, InboundModule, RetentionModule] })
class RetentionTestModule {}

const SECRET = 'retention-webhook-secret';
const BATCH = 100;
const DAY_MS = 86_400_000;

/**
 * Rows are aged by writing their time columns into the past. The database is shared with the other spec files, whose
 * rows are recent (or, for the demo history, up to a month old), so each test checks its own rows by id and, for the
 * whole table, that nothing past the window is left and nothing inside it went.
 */
describe('the retention jobs', () => {
  let t: TestApp;
  let retention: RetentionService;
  let channel: ChannelView;

  beforeAll(async () => {
    t = await TestApp.create(RetentionTestModule, {
      RETENTION_BATCH_SIZE: String(BATCH),
      RETENTION_AUTOMATION_RUNS_DAYS: '30',
      RETENTION_DELIVERY_REPORTS_DAYS: '7',
      RETENTION_IDEMPOTENCY_KEYS_HOURS: '168',
    });
    retention = t.app.get(RetentionService);
    const teamId = (await t.app.get(TeamsService).create({ name: `Team ${randomUUID()}` })).id;
    channel = await t.app.get(ChannelsService).create(genericLine(teamId, SECRET));
  });
  afterAll(() => t.close());

  /** A customer's message; resolves to its conversation and message ids. */
  async function textIn(text: string): Promise<{ conversationId: string; messageId: string }> {
    await customerTextsLine(t, channel, SECRET, text);
    const [row]: Array<{ conversation_id: string; id: string }> = await t.dataSource.query(`SELECT conversation_id, id FROM message WHERE channel_id = $1 AND body = $2`, [channel.id, text]);
    return { conversationId: row.conversation_id, messageId: row.id };
  }

  const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);
  const count = async (sql: string, parameters: unknown[]): Promise<number> => {
    const [row]: Array<{ count: number }> = await t.dataSource.query(`SELECT count(*)::int AS count FROM (${sql}) AS rows`, parameters);
    return row.count;
  };

  describe('automation runs', () => {
    it('deletes runs past the window in batches and keeps younger ones', async () => {
      const now = new Date();
      const { conversationId, messageId } = await textIn(`runs ${randomUUID()}`);
      const recent = await textIn(`recent run ${randomUUID()}`);
      await t.dataSource.query(
        `INSERT INTO automation_run (conversation_id, trigger, created_at) SELECT $1, 'inbound_message', $2 FROM generate_series(1, $3)`,
        [conversationId, daysAgo(now, 40), 2 * BATCH + 50],
      );
      const [old] = await t.dataSource.query<Array<{ id: string }>>(`INSERT INTO automation_run (conversation_id, message_id, trigger, created_at) VALUES ($1, $2, 'first_message', $3) RETURNING id`, [conversationId, messageId, daysAgo(now, 31)]);
      const [kept] = await t.dataSource.query<Array<{ id: string }>>(`INSERT INTO automation_run (conversation_id, message_id, trigger, created_at) VALUES ($1, $2, 'inbound_message', $3) RETURNING id`, [recent.conversationId, recent.messageId, daysAgo(now, 29)]);
      const cutoff = daysAgo(now, 30);
      const doomed = await count(`SELECT 1 FROM automation_run r WHERE r.created_at < $1 AND (r.wait_started_at IS NULL OR NOT EXISTS (SELECT 1 FROM conversation c WHERE c.id = r.conversation_id AND c.waiting_since = r.wait_started_at))`, [cutoff]);
      const inside = await count(`SELECT 1 FROM automation_run WHERE created_at >= $1`, [cutoff]);

      const pass = await retention.trim('automation_run', now);

      expect(pass).toMatchObject({ deleted: doomed, caughtUp: true });
      expect(doomed).toBeGreaterThanOrEqual(2 * BATCH + 51);
      expect(pass.batches).toBeGreaterThanOrEqual(3);
      expect(await count(`SELECT 1 FROM automation_run WHERE id = ANY($1::bigint[])`, [[old.id, kept.id]])).toBe(1);
      expect(await count(`SELECT 1 FROM automation_run WHERE id = $1`, [kept.id])).toBe(1);
      expect(await count(`SELECT 1 FROM automation_run WHERE created_at >= $1`, [cutoff])).toBe(inside);
    });

    it('keeps an old waiting-time run while its conversation still waits since then, so the rule does not fire again', async () => {
      const now = new Date();
      const { conversationId } = await textIn(`waiting ${randomUUID()}`);
      const [{ waiting_since: waitingSince }] = await t.dataSource.query<Array<{ waiting_since: Date | null }>>(`SELECT waiting_since FROM conversation WHERE id = $1`, [conversationId]);
      expect(waitingSince).not.toBeNull();
      const [stillWaiting] = await t.dataSource.query<Array<{ id: string }>>(
        `INSERT INTO automation_run (conversation_id, trigger, wait_started_at, created_at)
         SELECT id, 'waiting_longer_than', waiting_since, $2 FROM conversation WHERE id = $1 RETURNING id`,
        [conversationId, daysAgo(now, 60)],
      );
      const [earlierWait] = await t.dataSource.query<Array<{ id: string }>>(
        `INSERT INTO automation_run (conversation_id, trigger, wait_started_at, created_at) VALUES ($1, 'waiting_longer_than', $2, $2) RETURNING id`,
        [conversationId, daysAgo(now, 61)],
      );

      await retention.trim('automation_run', now);

      expect(await count(`SELECT 1 FROM automation_run WHERE id = $1`, [stillWaiting.id])).toBe(1);
      expect(await count(`SELECT 1 FROM automation_run WHERE id = $1`, [earlierWait.id])).toBe(0);
      // Once the customer is answered (the wait ends), the run goes too.
      await t.dataSource.query(`UPDATE conversation SET waiting_since = NULL WHERE id = $1`, [conversationId]);
      await retention.trim('automation_run', now);
      expect(await count(`SELECT 1 FROM automation_run WHERE id = $1`, [stillWaiting.id])).toBe(0);
    });
  });

  describe('delivery reports', () => {
    it('deletes applied reports past the window in batches, and unapplied ones only after 30 days, when nothing can apply them', async () => {
      const now = new Date();
      const insert = (applied: boolean, receivedAt: Date, rows: number) =>
        t.dataSource.query<Array<{ id: string }>>(
          `INSERT INTO delivery_report (channel_id, provider_message_id, provider_status, status, received_at, applied)
           SELECT $1, 'retention-' || gen_random_uuid(), 'delivered', 'delivered', $2, $3 FROM generate_series(1, $4) RETURNING id`,
          [channel.id, receivedAt, applied, rows],
        );
      const oldApplied = await insert(true, daysAgo(now, 8), 2 * BATCH + 50);
      const [unclaimed] = await insert(false, daysAgo(now, 31), 1);
      const [waiting] = await insert(false, daysAgo(now, 29), 1);
      const [recentApplied] = await insert(true, daysAgo(now, 6), 1);
      const cutoff = daysAgo(now, 7);
      const doomed = await count(`SELECT 1 FROM delivery_report WHERE (applied AND received_at < $1) OR (NOT applied AND received_at < $2)`, [cutoff, daysAgo(now, 30)]);

      const pass = await retention.trim('delivery_report', now);

      expect(pass).toMatchObject({ deleted: doomed, caughtUp: true });
      expect(pass.batches).toBeGreaterThanOrEqual(3);
      expect(await count(`SELECT 1 FROM delivery_report WHERE id = ANY($1::bigint[])`, [oldApplied.map((row) => row.id)])).toBe(0);
      expect(await count(`SELECT 1 FROM delivery_report WHERE id = ANY($1::bigint[])`, [[waiting.id, recentApplied.id]])).toBe(2);
      expect(await count(`SELECT 1 FROM delivery_report WHERE id = $1`, [unclaimed.id])).toBe(0);
      expect(await count(`SELECT 1 FROM delivery_report WHERE applied AND received_at < $1`, [cutoff])).toBe(0);
    });
  });

  describe('idempotency records', () => {
    it('forgets keys older than their promise in batches, and remembers younger ones', async () => {
      const now = new Date();
      const scope = `retention-${randomUUID()}`;
      const insert = (prefix: string, createdAt: Date, rows: number) =>
        t.dataSource.query(`INSERT INTO idempotency_record (scope, key, request_hash, created_at) SELECT $1, $2 || n, repeat('0', 64), $3 FROM generate_series(1, $4) AS n`, [
          scope,
          prefix,
          createdAt,
          rows,
        ]);
      await insert('old-', new Date(now.getTime() - 169 * 3_600_000), 2 * BATCH + 50);
      await insert('young-', new Date(now.getTime() - 167 * 3_600_000), 10);

      const pass = await retention.trim('idempotency_record', now);

      expect(pass.batches).toBeGreaterThanOrEqual(3);
      expect(pass.deleted).toBeGreaterThanOrEqual(2 * BATCH + 50);
      expect(await count(`SELECT 1 FROM idempotency_record WHERE scope = $1 AND key LIKE 'old-%'`, [scope])).toBe(0);
      expect(await count(`SELECT 1 FROM idempotency_record WHERE scope = $1 AND key LIKE 'young-%'`, [scope])).toBe(10);
      expect(await count(`SELECT 1 FROM idempotency_record WHERE created_at < $1`, [new Date(now.getTime() - 168 * 3_600_000)])).toBe(0);
    });
  });

  it('stops a pass at its time budget with rows left, for the next run to finish', async () => {
    const now = new Date();
    const scope = `retention-budget-${randomUUID()}`;
    await t.dataSource.query(`INSERT INTO idempotency_record (scope, key, request_hash, created_at) SELECT $1, 'k' || n, repeat('0', 64), $2 FROM generate_series(1, $3) AS n`, [
      scope,
      daysAgo(now, 30),
      3 * BATCH,
    ]);

    const first = await retention.trim('idempotency_record', now, 0);
    const rest = await retention.trim('idempotency_record', now);

    expect(first).toMatchObject({ deleted: BATCH, batches: 1, caughtUp: false });
    expect(rest).toMatchObject({ deleted: 2 * BATCH, caughtUp: true });
  });
});
