/**
 * npm run bench:retention — a year of traffic, compressed, through the retention jobs. Creates a database of its own,
 * migrates it, then walks through the year a day at a time: writes that day's rows into the tables that only grow, with
 * their times spread over the day (domain events at the issue's ≈1.85 per message, an automation run per customer
 * message, a delivery report per reply of which 0.1 % never find their message, an Idempotency-Key for 30 % of replies),
 * then runs the retention service's batches as the worker would at the end of that day, then VACUUMs the four tables,
 * standing in for autovacuum, which runs on the wall clock the simulation compresses. It prints each table's
 * rows and size every 30 days, against what the windows should hold, the rows deleted per second and the longest batch
 * (each batch is its own transaction, so that is the longest any of its row locks was held).
 *
 * Rows stay at what the windows hold whatever else runs; the size on disk also needs VACUUM to hand emptied index pages
 * back for reuse, which it does only once no transaction anywhere on the server is older than the deletion. So each
 * line also shows the oldest transaction of other sessions seen during those 30 days: another bench's long transaction
 * on a shared server makes the indexes grow for as long as it runs.
 *
 *   --rate R     messages per second, half from customers and half replies (0.05; the issue's busy install is 30)
 *   --days N     days simulated (365)
 *   --batch N    RETENTION_BATCH_SIZE (2000)
 *   --keep       keep the database (its name is printed)
 */
import 'reflect-metadata';
import { execSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadConfig } from '@backtalk/platform';
import { RETAINED_TABLES, type RetainedTable, RetentionService } from '@backtalk/retention';
import { DataSource } from 'typeorm';
import { dropDatabase, percentile, ROOT, runId } from './bench-support';

const { values: options } = parseArgs({
  options: {
    rate: { type: 'string', default: '0.05' },
    days: { type: 'string', default: '365' },
    batch: { type: 'string', default: '2000' },
    keep: { type: 'boolean', default: false },
  },
});
const RATE = Number(options.rate);
const DAYS = Number(options.days);
const DAY_MS = 86_400_000;
const MESSAGES_PER_DAY = Math.round(RATE * 86_400);
const CONVERSATIONS = 2000;

/** Rows each table gets per simulated day. */
const PER_DAY: Record<RetainedTable, number> = {
  domain_event: Math.round(MESSAGES_PER_DAY * 1.85),
  automation_run: Math.round(MESSAGES_PER_DAY / 2),
  delivery_report: Math.round(MESSAGES_PER_DAY / 2),
  idempotency_record: Math.round((MESSAGES_PER_DAY / 2) * 0.3),
};

/** One day's rows, spaced evenly from $1 over a day; $2 is how many. */
const INSERT_DAY: Record<RetainedTable, string> = {
  domain_event: `
    INSERT INTO domain_event (type, team_id, conversation_id, payload, created_at)
    SELECT 'message.received', c.team_id, c.id, jsonb_build_object('messageId', gen_random_uuid(), 'conversationId', c.id, 'channelId', c.channel_id, 'contactId', c.contact_id),
           $1::timestamptz + (n * 86400.0 / $2) * interval '1 second'
    FROM generate_series(0, $2 - 1) AS g(n) JOIN bench_conversation c ON c.slot = g.n % ${CONVERSATIONS}`,
  automation_run: `
    INSERT INTO automation_run (conversation_id, trigger, outcome, created_at)
    SELECT c.id, 'inbound_message', '{"rules":[],"faq":null,"notes":[]}', $1::timestamptz + (n * 86400.0 / $2) * interval '1 second'
    FROM generate_series(0, $2 - 1) AS g(n) JOIN bench_conversation c ON c.slot = g.n % ${CONVERSATIONS}`,
  delivery_report: `
    INSERT INTO delivery_report (channel_id, provider_message_id, provider_status, status, occurred_at, received_at, applied)
    SELECT (SELECT id FROM channel LIMIT 1), 'SM' || md5(random()::text), 'delivered', 'delivered', t, t, n % 1000 <> 0
    FROM generate_series(0, $2 - 1) AS n, LATERAL (SELECT $1::timestamptz + (n * 86400.0 / $2) * interval '1 second' AS t) AS at`,
  idempotency_record: `
    INSERT INTO idempotency_record (scope, key, request_hash, created_at)
    SELECT 'api-key:bench', gen_random_uuid()::text, md5(random()::text) || md5(random()::text), $1::timestamptz + (n * 86400.0 / $2) * interval '1 second'
    FROM generate_series(0, $2 - 1) AS n`,
};

interface Snapshot {
  day: number;
  rows: Record<RetainedTable, number>;
  bytes: Record<RetainedTable, number>;
}

async function seedConversations(db: DataSource): Promise<void> {
  await db.query(`INSERT INTO team (name) VALUES ('Bench')`);
  await db.query(
    `INSERT INTO channel (team_id, name, provider, sender, sender_type, country, secrets_sealed, keywords, confirmations, rate_per_second)
     SELECT id, 'Bench line', 'twilio', '+14155550100', 'long_code', 'US', 'unsealed', '{}', '{}', 1 FROM team`,
  );
  await db.query(`INSERT INTO contact (phone) SELECT '+1415' || lpad(n::text, 7, '0') FROM generate_series(1, ${CONVERSATIONS}) AS n`);
  await db.query(`INSERT INTO conversation (channel_id, contact_id, team_id, status) SELECT ch.id, ct.id, ch.team_id, 'resolved' FROM channel ch, contact ct`);
  await db.query(`CREATE TABLE bench_conversation AS SELECT (row_number() OVER (ORDER BY id) - 1)::int AS slot, id, team_id, channel_id, contact_id FROM conversation`);
  await db.query(`CREATE UNIQUE INDEX ON bench_conversation (slot)`);
}

async function snapshot(db: DataSource, day: number): Promise<Snapshot> {
  const rows = {} as Record<RetainedTable, number>;
  const bytes = {} as Record<RetainedTable, number>;
  for (const table of RETAINED_TABLES) {
    const [row] = await db.query<Array<{ rows: number; bytes: string }>>(`SELECT (SELECT count(*)::int FROM ${table}) AS rows, pg_total_relation_size('${table}') AS bytes`);
    rows[table] = row.rows;
    bytes[table] = Number(row.bytes);
  }
  return { day, rows, bytes };
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const pad = (value: string | number, width: number) => String(value).padStart(width);

async function main(): Promise<void> {
  const database = `backtalk_bench_retention_${runId()}`;
  const env = { DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${database}`, RETENTION_BATCH_SIZE: options.batch };
  execSync('npm run --silent db:migrate', { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
  const config = loadConfig({ ...process.env, ...env });
  const db = new DataSource({ type: 'postgres', url: env.DATABASE_URL, poolSize: 2 });
  await db.initialize();
  try {
    await seedConversations(db);
    const retention = new RetentionService(db, config);
    const windows = retention.windows();
    const steady = Object.fromEntries(RETAINED_TABLES.map((table) => [table, Math.round((PER_DAY[table] * windows[table]) / DAY_MS)])) as Record<RetainedTable, number>;
    process.stdout.write(`database ${database}: ${DAYS} days at ${RATE} messages/s (${MESSAGES_PER_DAY} a day), batches of ${config.RETENTION_BATCH_SIZE}\n`);
    process.stdout.write(`windows: ${RETAINED_TABLES.map((table) => `${table} ${(windows[table] / 3_600_000).toFixed(0)} h`).join(', ')}\n`);
    process.stdout.write(`rows a day: ${RETAINED_TABLES.map((table) => `${table} ${PER_DAY[table]}`).join(', ')}\n\n`);

    const start = new Date(Date.now() - DAYS * DAY_MS);
    const inserted = Object.fromEntries(RETAINED_TABLES.map((table) => [table, 0])) as Record<RetainedTable, number>;
    const deleted = Object.fromEntries(RETAINED_TABLES.map((table) => [table, 0])) as Record<RetainedTable, number>;
    const batchMs: number[] = [];
    let deletingMs = 0;
    let oldestOtherXactS = 0;
    const snapshots: Snapshot[] = [];
    for (let day = 0; day < DAYS; day++) {
      const dayStart = new Date(start.getTime() + day * DAY_MS);
      for (const table of RETAINED_TABLES) {
        await db.query(INSERT_DAY[table], [dayStart, PER_DAY[table]]);
        inserted[table] += PER_DAY[table];
      }
      // The worker's run at the end of the day, batch by batch as RetentionService.trim does, each one timed.
      const now = new Date(dayStart.getTime() + DAY_MS);
      for (const table of RETAINED_TABLES) {
        for (;;) {
          const began = performance.now();
          const count = await retention.deleteBatch(table, now);
          const took = performance.now() - began;
          batchMs.push(took);
          deletingMs += took;
          deleted[table] += count;
          if (count < config.RETENTION_BATCH_SIZE) break;
        }
      }
      for (const table of RETAINED_TABLES) await db.query(`VACUUM ${table}`);
      const [other] = await db.query<Array<{ seconds: number | null }>>(
        `SELECT extract(epoch FROM max(now() - xact_start))::float AS seconds FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_xmin IS NOT NULL`,
      );
      oldestOtherXactS = Math.max(oldestOtherXactS, other.seconds ?? 0);
      if ((day + 1) % 30 === 0 || day === DAYS - 1) {
        const taken = await snapshot(db, day + 1);
        snapshots.push(taken);
        process.stdout.write(
          `day ${pad(day + 1, 3)}  ${RETAINED_TABLES.map((table) => `${table} ${pad(taken.rows[table], 8)} rows ${pad(mb(taken.bytes[table]), 6)} MB`).join('  ')}  oldest other transaction ${oldestOtherXactS.toFixed(0)} s\n`,
        );
        oldestOtherXactS = 0;
      }
    }

    const last = snapshots.at(-1)!;
    const quarterAgo = snapshots.find((entry) => entry.day >= last.day - 90) ?? snapshots[0];
    const totalInserted = RETAINED_TABLES.reduce((sum, table) => sum + inserted[table], 0);
    const totalDeleted = RETAINED_TABLES.reduce((sum, table) => sum + deleted[table], 0);
    const rowsAfter = RETAINED_TABLES.reduce((sum, table) => sum + last.rows[table], 0);
    const steadyRows = RETAINED_TABLES.reduce((sum, table) => sum + steady[table], 0);
    const bytesAfter = RETAINED_TABLES.reduce((sum, table) => sum + last.bytes[table], 0);
    const bytesQuarterAgo = RETAINED_TABLES.reduce((sum, table) => sum + quarterAgo.bytes[table], 0);
    batchMs.sort((a, b) => a - b);
    process.stdout.write('\n');
    for (const table of RETAINED_TABLES) {
      process.stdout.write(
        `${table.padEnd(18)} inserted ${pad(inserted[table], 9)}  deleted ${pad(deleted[table], 9)}  left ${pad(last.rows[table], 8)}  window holds ≈${pad(steady[table], 8)}  ${mb(last.bytes[table])} MB (day ${quarterAgo.day}: ${mb(quarterAgo.bytes[table])} MB)\n`,
      );
    }
    const deletedPerSecond = totalDeleted / (deletingMs / 1000);
    process.stdout.write(`\n${totalDeleted} rows deleted in ${(deletingMs / 1000).toFixed(1)} s of batches (${deletedPerSecond.toFixed(0)} rows/s); batch p50 ${percentile(batchMs, 50).toFixed(1)} ms, p99 ${percentile(batchMs, 99).toFixed(1)} ms, max ${batchMs.at(-1)!.toFixed(1)} ms over ${batchMs.length} batches\n`);
    process.stdout.write(
      `RESULT retention days=${DAYS} rate=${RATE} inserted=${totalInserted} deleted=${totalDeleted} rows_after=${rowsAfter} steady_rows=${steadyRows} size_mb_after=${mb(bytesAfter)} size_growth_last_90d_pct=${(((bytesAfter - bytesQuarterAgo) / bytesQuarterAgo) * 100).toFixed(1)} deleted_per_s=${deletedPerSecond.toFixed(0)} max_batch_ms=${batchMs.at(-1)!.toFixed(0)}\n`,
    );
  } finally {
    await db.destroy();
    if (options.keep) process.stdout.write(`kept database ${database}\n`);
    else await dropDatabase(database);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
