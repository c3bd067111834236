/**
 * npm run bench:ingest — signed Twilio-format webhooks against Backtalk and, in the same run, against the reference
 * server in ../shared/perf-baseline (node:http + pg doing the same signature check and find-or-create + insert).
 * All traffic stays on loopback; every run is bounded by a fixed request count and a time limit.
 */
import 'reflect-metadata';
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { PrivatePgBouncer, twilioSignature } from '@backtalk/testing';
import { api, benchEnvironment, dropDatabase, percentile, postgresCpuMs, processCpuMs, ROOT, runId, type Started, startProcess, trendPer10Rounds } from './bench-support';

const { values: options } = parseArgs({
  options: {
    messages: { type: 'string', default: '4000' },
    connections: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '4' },
    'new-percent': { type: 'string', default: '30' },
    /** Requests each server gets before measuring, so that both are compared JIT-compiled, as a long-running server is. */
    warmup: { type: 'string', default: '2000' },
    /** Writes a V8 CPU profile of the API process into this folder, for finding where the time goes. */
    profile: { type: 'string' },
    /**
     * VACUUMs both databases between rounds: tells whether a falling rate comes from dead row versions piling up, on a
     * server whose autovacuum is off or behind.
     */
    vacuum: { type: 'boolean', default: false },
    /** API processes sharing PostgreSQL and Redis behind one public address; the webhooks are spread over them. */
    instances: { type: 'string', default: '1' },
    /** Worker processes running the queues (automation, routing, sending) beside the API processes. */
    workers: { type: 'string', default: '0' },
    /** Connects the API and worker processes through a private PgBouncer in transaction pooling mode. */
    pgbouncer: { type: 'boolean', default: false },
    /** Another checkout (a git worktree of an earlier commit) run beside this one in the same rounds, for a before/after. */
    before: { type: 'string' },
  },
});
const MESSAGES = Number(options.messages);
const CONNECTIONS = Number(options.connections);
const ROUNDS = Number(options.rounds);
const NEW_PERCENT = Number(options['new-percent']);
const WARMUP = Number(options.warmup);
const INSTANCES = Math.max(1, Number(options.instances));
const WORKERS = Math.max(0, Number(options.workers));
const TOKEN = 'bench-twilio-token';
const CHANNEL_NUMBER = '+14155550100';
const BASELINE_DIR = join(ROOT, '../shared/perf-baseline');

interface Payload {
  sid: string;
  params: Array<[string, string]>;
}

const roundLabel = (round: number) => `R${round}`;

/**
 * 5% of the requests repeat an earlier message (a carrier retry); NEW_PERCENT% come from numbers never seen before (each
 * block of requests has its own), the rest from 200 regulars.
 */
function workload(count: number, label: string, block: number): Payload[] {
  const payloads: Payload[] = [];
  for (let index = 0; index < count; index++) {
    if (index > 20 && index % 20 === 0) {
      payloads.push(payloads[index - 1 - (index % 17)]);
      continue;
    }
    const from = index % 100 < NEW_PERCENT ? `+3805${String(block).padStart(2, '0')}${String(index).padStart(6, '0')}` : `+3806${String(1_000_000 + (index % 200)).padStart(8, '0')}`;
    // The label and the index each have a fixed width: R1 followed by 0123 must not read the same as R10 followed by 123.
    const sid = `SM${label.padEnd(4, '_')}${String(index).padStart(26, '0')}`;
    payloads.push({
      sid,
      params: [
        ['MessageSid', sid],
        ['SmsSid', sid],
        ['AccountSid', 'AC0123456789abcdef0123456789abcdef'],
        ['From', from],
        ['To', CHANNEL_NUMBER],
        ['Body', `Where is my order ${index}?`],
        ['NumMedia', '0'],
        ['NumSegments', '1'],
        ['SmsStatus', 'received'],
        ['ApiVersion', '2010-04-01'],
      ],
    });
  }
  return payloads;
}

/**
 * What PostgreSQL did for a server's database, read from its statistics: blocks of tables and indexes visited (hit or
 * read), which do not depend on how busy the machine is, and the dead row versions left behind.
 */
interface TableActivity {
  blocks: number;
  deadRows: number;
  hotUpdates: number;
  updates: number;
  /** Blocks of each table with its indexes, and of its indexes alone: where the visits go. */
  byTable: Map<string, { blocks: number; indexBlocks: number }>;
}

async function tableActivity(databaseUrl: string): Promise<TableActivity> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ blocks: string; dead: string; hot: string; updates: string }>(
      `SELECT (SELECT coalesce(sum(heap_blks_hit + heap_blks_read + coalesce(idx_blks_hit, 0) + coalesce(idx_blks_read, 0)), 0) FROM pg_statio_user_tables) AS blocks,
              sum(n_dead_tup) AS dead, sum(n_tup_hot_upd) AS hot, sum(n_tup_upd) AS updates
         FROM pg_stat_user_tables`,
    );
    const tables = await client.query<{ relname: string; heap: string; idx: string }>(
      `SELECT relname, heap_blks_hit + heap_blks_read AS heap, coalesce(idx_blks_hit, 0) + coalesce(idx_blks_read, 0) AS idx FROM pg_statio_user_tables`,
    );
    const byTable = new Map(tables.rows.map((row) => [row.relname, { blocks: Number(row.heap) + Number(row.idx), indexBlocks: Number(row.idx) }]));
    return { blocks: Number(rows[0].blocks), deadRows: Number(rows[0].dead), hotUpdates: Number(rows[0].hot), updates: Number(rows[0].updates), byTable };
  } finally {
    await client.end();
  }
}

/** Backends report their statistics at most once a second: a pause after a round lets the last of them arrive. */
const STATS_SETTLE_MS = 1500;

interface Measured {
  /** Table and index blocks PostgreSQL visited per request, and dead row versions in the database after the round. */
  blocksPerRequest?: number;
  deadRowsAfter?: number;
  /** CPU milliseconds per request: the HTTP server's own process, and PostgreSQL's. */
  serverCpuMsPerRequest: number;
  postgresCpuMsPerRequest: number;
  requests: number;
  durationSeconds: number;
  messagesPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** A process the webhooks go to: its own address (signatures are for the public one) and its pid, for CPU time. */
interface Target {
  origin: string;
  pid: number;
}

/** Sends `payloads`, signed for `url`, spread over `targets` as a load balancer would, each with its share of the connections. */
async function drive(url: string, payloads: Payload[], targets: Target[]): Promise<Measured> {
  const path = new URL(url).pathname;
  const bodies = payloads.map((payload) => ({
    body: new URLSearchParams(payload.params).toString(),
    signature: twilioSignature(url, payload.params, TOKEN),
  }));
  const shares = targets.map((_target, index) => bodies.filter((_body, bodyIndex) => bodyIndex % targets.length === index));
  const latencies: number[] = [];
  const serverCpuBefore = targets.map((target) => processCpuMs(target.pid));
  const postgresCpuBefore = postgresCpuMs();
  const started = Date.now();
  let lastResponseAt = started;
  const results = await Promise.all(
    targets.map((target, index) => {
      const share = shares[index];
      let next = 0;
      return autocannon({
        url: target.origin,
        connections: Math.max(1, Math.round(CONNECTIONS / targets.length)),
        amount: share.length,
        timeout: 30,
        maxOverallRequests: share.length,
        requests: [
          {
            setupRequest: (request) => {
              const { body, signature } = share[next++ % share.length];
              return {
                ...request,
                method: 'POST',
                path,
                headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
                body,
              };
            },
          },
        ],
        setupClient: (client) => {
          client.on('response', (_status, _bytes, responseTime) => {
            latencies.push(responseTime);
            lastResponseAt = Date.now();
          });
        },
      });
    }),
  );
  // autocannon notices that it is done only on its one-second tick, so its own end time rounds the duration up to whole
  // seconds; the last response is the real end.
  const durationSeconds = (lastResponseAt - started) / 1000;
  const requests = results.reduce((sum, result) => sum + result.requests.total, 0);
  const serverCpuMs = targets.reduce((sum, target, index) => sum + processCpuMs(target.pid) - serverCpuBefore[index], 0);
  latencies.sort((a, b) => a - b);
  return {
    serverCpuMsPerRequest: serverCpuMs / requests,
    postgresCpuMsPerRequest: (postgresCpuMs() - postgresCpuBefore) / requests,
    requests,
    durationSeconds,
    messagesPerSecond: requests / durationSeconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors: results.reduce((sum, result) => sum + result.errors + result.timeouts, 0),
    non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
  };
}

async function vacuum(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('VACUUM');
  } finally {
    await client.end();
  }
}

async function count(databaseUrl: string, sql: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return Number((await client.query(sql)).rows[0].n);
  } finally {
    await client.end();
  }
}

/** One Backtalk under test: its API processes (and workers), its database and the webhook URL of its channel. */
interface Backtalk {
  label: string;
  webhookUrl: string;
  targets: Target[];
  databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts Backtalk from the checkout in `root` against a database of its own (through a PgBouncer of its own with
 * --pgbouncer) and gives it a team and a Twilio channel.
 */
async function startBacktalk(root: string, label: string, apiPort: number): Promise<Backtalk> {
  const database = `backtalk_bench_${runId()}`;
  const apiBase = `http://127.0.0.1:${apiPort}`;
  const env = { ...benchEnvironment(database, `bt_bench_${database}`), PORT: String(apiPort), PUBLIC_BASE_URL: apiBase };
  const directUrl = env.DATABASE_URL;
  const started: Started[] = [];
  let bouncer: PrivatePgBouncer | null = null;
  const stop = async () => {
    for (const process of started.reverse()) await process.stop();
    await bouncer?.stop();
    await dropDatabase(database).catch(() => undefined);
  };
  try {
    execSync('npm run --silent db:migrate', { cwd: root, env: { ...process.env, ...env }, stdio: 'ignore' });
    execSync('npm run --silent admin:create -- --email bench@backtalk.local --password bench-password-123', { cwd: root, env: { ...process.env, ...env }, stdio: 'ignore' });
    if (options.pgbouncer) {
      bouncer = await PrivatePgBouncer.start(directUrl, { poolSize: 20 });
      Object.assign(env, { DATABASE_URL: bouncer.url(directUrl), DATABASE_DIRECT_URL: directUrl, DATABASE_POOL_MODE: 'transaction' });
    }
    const profileArgs = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${options.profile}`] : [];
    const targets: Target[] = [];
    for (let instance = 0; instance < INSTANCES; instance++) {
      const port = apiPort + instance;
      const apiProcess = await startProcess('node', [...profileArgs, '-r', '@swc-node/register', 'apps/api/src/main.ts'], { ...env, PORT: String(port) }, /READY api/, `${label} api ${instance + 1}`, undefined, root);
      started.push(apiProcess);
      targets.push({ origin: `http://127.0.0.1:${port}`, pid: apiProcess.child.pid! });
    }
    for (let worker = 0; worker < WORKERS; worker++) {
      started.push(await startProcess('node', ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], env, /READY worker/, `${label} worker ${worker + 1}`, undefined, root));
    }
    const session = await api<{ accessToken: string }>(apiBase, 'POST', '/api/auth/login', { email: 'bench@backtalk.local', password: 'bench-password-123' });
    const team = await api<{ id: string }>(apiBase, 'POST', '/api/teams', { name: 'Bench' }, session.accessToken);
    const channel = await api<{ webhookUrl: string }>(
      apiBase,
      'POST',
      '/api/channels',
      { teamId: team.id, name: 'Bench line', provider: 'twilio', sender: CHANNEL_NUMBER, senderType: 'long_code', country: 'US', secrets: { authToken: TOKEN } },
      session.accessToken,
    );
    return { label, webhookUrl: channel.webhookUrl, targets, databaseUrl: directUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main(): Promise<void> {
  if (!existsSync(join(BASELINE_DIR, 'reference-server.js'))) throw new Error(`reference server not found in ${BASELINE_DIR}`);
  const baselineDatabase = `backtalk_bench_baseline_${runId()}`;
  const baselinePort = 3999;
  const backtalks: Backtalk[] = [];
  const started: Started[] = [];
  try {
    backtalks.push(await startBacktalk(ROOT, 'backtalk', 3410));
    if (options.before) backtalks.push(await startBacktalk(resolvePath(options.before), 'before', 3430));

    const baselineUrl = `http://127.0.0.1:${baselinePort}/webhooks/twilio`;
    const baselineProcess = await startProcess(
      'node',
      [join(BASELINE_DIR, 'reference-server.js')],
      {
        NODE_PATH: join(ROOT, 'node_modules'),
        PORT: String(baselinePort),
        TWILIO_AUTH_TOKEN: TOKEN,
        DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${baselineDatabase}`,
        PUBLIC_URL: baselineUrl,
      },
      /READY/,
      'reference server',
    );
    started.push(baselineProcess);
    const reference = {
      label: 'reference',
      webhookUrl: baselineUrl,
      targets: [{ origin: new URL(baselineUrl).origin, pid: baselineProcess.child.pid! }],
      databaseUrl: `postgres://postgres@127.0.0.1:5432/${baselineDatabase}`,
    };
    const servers = [reference, ...backtalks];

    // Warm every server up (JIT, connection pools) with the same load, not measured. Every round brings its own new numbers.
    for (const server of servers) await drive(server.webhookUrl, workload(WARMUP, 'WA', 9), server.targets);

    const results = new Map<string, Measured[]>(servers.map((server) => [server.label, []]));
    const driveWithActivity = async (server: (typeof servers)[number], payloads: Payload[]): Promise<Measured> => {
      const before = await tableActivity(server.databaseUrl);
      const measured = await drive(server.webhookUrl, payloads, server.targets);
      await new Promise((resolve) => setTimeout(resolve, STATS_SETTLE_MS));
      const after = await tableActivity(server.databaseUrl);
      return { ...measured, blocksPerRequest: (after.blocks - before.blocks) / measured.requests, deadRowsAfter: after.deadRows };
    };
    // The servers take turns, each round starting one server further on (A B, B A; with --before A B C, B C A, C A B),
    // so that a slow spell of this shared machine (other tenants, PostgreSQL's background writes) lands on all alike
    // and each server takes each place equally often. The earlier A B C C B A left the middle server the only one never
    // to run twice in a row, likely why it found its pages coldest in shared buffers: in an A/A run of identical code it
    // fell 12 % per 10 rounds with a ratio of 0.88 while its twin in the outer slot held at 1.04.
    const activityBeforeRounds = new Map<string, TableActivity>();
    for (const backtalk of backtalks) activityBeforeRounds.set(backtalk.label, await tableActivity(backtalk.databaseUrl));
    for (let round = 0; round < ROUNDS; round++) {
      const payloads = workload(MESSAGES, roundLabel(round), round);
      for (const server of servers.map((_, place) => servers[(place + round) % servers.length])) results.get(server.label)!.push(await driveWithActivity(server, payloads));
      if (options.vacuum) for (const server of servers) await vacuum(server.databaseUrl);
    }
    const expected = Array.from({ length: ROUNDS }, (_, round) => new Set(workload(MESSAGES, roundLabel(round), round).map((payload) => payload.sid)).size).reduce((a, b) => a + b, 0);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const baselineResults = results.get('reference')!;
    const baselineRate = mean(baselineResults.map((result) => result.messagesPerSecond));

    process.stdout.write(`\nbench:ingest  ${ROUNDS} rounds × ${MESSAGES} signed Twilio webhooks, ${CONNECTIONS} connections, 5% duplicates, ${NEW_PERCENT}% new numbers\n`);
    process.stdout.write(`Backtalk: ${INSTANCES} API process(es), ${WORKERS} worker process(es), PostgreSQL ${options.pgbouncer ? 'through PgBouncer in transaction pooling mode' : 'direct'}${options.before ? `; before = ${options.before}` : ''}\n`);
    process.stdout.write(`round  server     msgs/s   p50 ms   p99 ms  errors  cpu ms/msg: server  postgres  blocks/msg  dead rows   ratio\n`);
    for (let round = 0; round < ROUNDS; round++) {
      for (const server of servers) {
        const result = results.get(server.label)![round];
        const ratio = server === reference ? '' : (result.messagesPerSecond / baselineResults[round].messagesPerSecond).toFixed(2).padStart(8);
        process.stdout.write(
          `${String(round + 1).padEnd(6)} ${server.label.padEnd(9)} ${result.messagesPerSecond.toFixed(0).padStart(7)} ${result.p50.toFixed(1).padStart(8)} ${result.p99.toFixed(1).padStart(8)} ${String(result.errors + result.non2xx).padStart(7)} ${result.serverCpuMsPerRequest.toFixed(2).padStart(19)} ${result.postgresCpuMsPerRequest.toFixed(2).padStart(9)} ${(result.blocksPerRequest ?? 0).toFixed(0).padStart(11)} ${String(result.deadRowsAfter ?? 0).padStart(10)}${ratio}\n`,
        );
      }
    }
    const percent = (share: number) => `${share >= 0 ? '+' : ''}${(share * 100).toFixed(1)}%`;
    process.stdout.write(`trend (least squares, per 10 rounds): reference msgs/s ${percent(trendPer10Rounds(baselineResults.map((result) => result.messagesPerSecond)))}\n`);
    let failed = false;
    for (const backtalk of backtalks) {
      const measured = results.get(backtalk.label)!;
      const rates = measured.map((result) => result.messagesPerSecond);
      const roundRatios = measured.map((result, round) => result.messagesPerSecond / baselineResults[round].messagesPerSecond);
      const sortedRatios = [...roundRatios].sort((a, b) => a - b);
      const medianRatio = median(roundRatios);
      const rateTrend = trendPer10Rounds(rates);
      const ratioTrend = trendPer10Rounds(roundRatios);
      const activity = await tableActivity(backtalk.databaseUrl);
      const duplicates = await count(backtalk.databaseUrl, `SELECT count(*) - count(DISTINCT provider_message_id) AS n FROM message`);
      const stored = await count(backtalk.databaseUrl, `SELECT count(*) AS n FROM message WHERE provider_message_id NOT LIKE 'SMWA%'`);
      const errors = measured.reduce((sum, result) => sum + result.errors + result.non2xx, 0);
      const name = backtalk.label === 'backtalk' ? 'ingest' : `ingest-${backtalk.label}`;
      process.stdout.write(`\n${backtalk.label}: trend per 10 rounds msgs/s ${percent(rateTrend)}, ratio ${percent(ratioTrend)}; first 5 rounds' median ratio ${median(roundRatios.slice(0, 5)).toFixed(2)}, last 5 rounds' ${median(roundRatios.slice(-5)).toFixed(2)}\n`);
      process.stdout.write(`${backtalk.label}'s database: ${activity.updates} row updates, ${activity.hotUpdates} of them HOT (no index touched); ${activity.deadRows} dead row versions now\n`);
      const requests = measured.reduce((sum, result) => sum + result.requests, 0);
      const startTables = activityBeforeRounds.get(backtalk.label)!.byTable;
      const perTable = [...activity.byTable]
        .map(([table, now]) => ({ table, blocks: (now.blocks - (startTables.get(table)?.blocks ?? 0)) / requests, indexBlocks: (now.indexBlocks - (startTables.get(table)?.indexBlocks ?? 0)) / requests }))
        .filter((entry) => entry.blocks >= 0.5)
        .sort((a, b) => b.blocks - a.blocks);
      process.stdout.write(`${backtalk.label}'s blocks per message by table (of them in its indexes): ${perTable.map((entry) => `${entry.table} ${entry.blocks.toFixed(1)} (${entry.indexBlocks.toFixed(1)})`).join(', ')}\n`);
      process.stdout.write(`stored ${stored} of ${expected} distinct messages; duplicate rows ${duplicates}; non-2xx or errors ${errors}\n`);
      process.stdout.write(`ratio: median of the rounds' ratios ${medianRatio.toFixed(2)} (lowest ${sortedRatios[0].toFixed(2)}, highest ${sortedRatios[sortedRatios.length - 1].toFixed(2)}); of the mean rates ${(mean(rates) / baselineRate).toFixed(2)}\n`);
      process.stdout.write(
        `RESULT ${name} msgs_per_s=${mean(rates).toFixed(0)} p50_ms=${mean(measured.map((result) => result.p50)).toFixed(1)} p99_ms=${Math.max(...measured.map((result) => result.p99)).toFixed(1)} baseline_msgs_per_s=${baselineRate.toFixed(0)} ratio=${medianRatio.toFixed(2)} trend_per_10_rounds=${rateTrend.toFixed(3)} duplicates=${duplicates} lost=${expected - stored} api_processes=${INSTANCES} workers=${WORKERS} pgbouncer=${options.pgbouncer}\n`,
      );
      if (stored !== expected || duplicates !== 0) failed = true;
    }
    process.stdout.write(`reference p99 ${Math.max(...baselineResults.map((result) => result.p99)).toFixed(1)} ms\n`);
    if (failed) process.exitCode = 1;
  } finally {
    for (const process of started.reverse()) await process.stop();
    for (const backtalk of backtalks) await backtalk.stop();
    await dropDatabase(baselineDatabase).catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
