/**
 * npm run bench:ingest — signed Twilio-format webhooks against Backtalk and, in the same run, against the reference
 * server in ../shared/perf-baseline (node:http + pg doing the same signature check and find-or-create + insert).
 * All traffic stays on loopback; every run is bounded by a fixed request count and a time limit.
 */
import 'reflect-metadata';
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { PrivatePgBouncer, twilioSignature } from '@backtalk/testing';
import { api, dropDatabase, percentile, postgresCpuMs, processCpuMs, ROOT, runId, type Started, startProcess } from './bench-support';

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
    const from = index % 100 < NEW_PERCENT ? `+3805${block}${String(index).padStart(7, '0')}` : `+3806${String(1_000_000 + (index % 200)).padStart(8, '0')}`;
    const sid = `SM${label}${String(index).padStart(30 - label.length, '0')}`;
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
    return { blocks: Number(rows[0].blocks), deadRows: Number(rows[0].dead), hotUpdates: Number(rows[0].hot), updates: Number(rows[0].updates) };
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

async function main(): Promise<void> {
  if (!existsSync(join(BASELINE_DIR, 'reference-server.js'))) throw new Error(`reference server not found in ${BASELINE_DIR}`);
  const id = runId();
  const database = `backtalk_bench_${id}`;
  const baselineDatabase = `backtalk_bench_baseline_${id}`;
  const apiPort = 3410;
  const baselinePort = 3999;
  const apiBase = `http://127.0.0.1:${apiPort}`;
  const directUrl = `postgres://postgres@127.0.0.1:5432/${database}`;
  const env = {
    DATABASE_URL: directUrl,
    REDIS_PREFIX: `bt_bench_${id}`,
    PORT: String(apiPort),
    PUBLIC_BASE_URL: apiBase,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-jwt-secret-bench-jwt-secret-bench',
    SECRETS_KEY: 'YmVuY2gtc2VjcmV0cy1rZXktMzItYnl0ZXMtbG9uZyE=',
  };
  const started: Started[] = [];
  let bouncer: PrivatePgBouncer | null = null;
  try {
    execSync('npm run --silent db:migrate', { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
    execSync('npm run --silent admin:create -- --email bench@backtalk.local --password bench-password-123', { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });

    if (options.pgbouncer) {
      bouncer = await PrivatePgBouncer.start(directUrl, { poolSize: 20 });
      Object.assign(env, { DATABASE_URL: bouncer.url(directUrl), DATABASE_DIRECT_URL: directUrl, DATABASE_POOL_MODE: 'transaction' });
    }
    const profileArgs = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${options.profile}`] : [];
    const apiProcesses: Started[] = [];
    for (let instance = 0; instance < INSTANCES; instance++) {
      const apiProcess = await startProcess('node', [...profileArgs, '-r', '@swc-node/register', 'apps/api/src/main.ts'], { ...env, PORT: String(apiPort + instance) }, /READY api/, `api ${instance + 1}`);
      started.push(apiProcess);
      apiProcesses.push(apiProcess);
    }
    for (let worker = 0; worker < WORKERS; worker++) started.push(await startProcess('node', ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], env, /READY worker/, `worker ${worker + 1}`));
    const session = await api<{ accessToken: string }>(apiBase, 'POST', '/api/auth/login', { email: 'bench@backtalk.local', password: 'bench-password-123' });
    const team = await api<{ id: string }>(apiBase, 'POST', '/api/teams', { name: 'Bench' }, session.accessToken);
    const channel = await api<{ webhookUrl: string }>(
      apiBase,
      'POST',
      '/api/channels',
      { teamId: team.id, name: 'Bench line', provider: 'twilio', sender: CHANNEL_NUMBER, senderType: 'long_code', country: 'US', secrets: { authToken: TOKEN } },
      session.accessToken,
    );

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
    const backtalkTargets = apiProcesses.map((apiProcess, instance) => ({ origin: `http://127.0.0.1:${apiPort + instance}`, pid: apiProcess.child.pid! }));
    const baselineTargets = [{ origin: new URL(baselineUrl).origin, pid: baselineProcess.child.pid! }];

    // Warm both up (JIT, connection pools) with the same load, not measured. Every round brings its own new numbers.
    await drive(channel.webhookUrl, workload(WARMUP, 'WA', 9), backtalkTargets);
    await drive(baselineUrl, workload(WARMUP, 'WA', 9), baselineTargets);

    const results: { backtalk: Measured[]; baseline: Measured[] } = { backtalk: [], baseline: [] };
    // The servers take turns, in A B B A order, so that a slow spell of this shared machine (other tenants, PostgreSQL's
    // background writes) lands on both alike; each round is compared with its neighbour of the same pair.
    const driveWithActivity = async (url: string, databaseUrl: string, payloads: Payload[], targets: Target[]): Promise<Measured> => {
      const before = await tableActivity(databaseUrl);
      const measured = await drive(url, payloads, targets);
      await new Promise((resolve) => setTimeout(resolve, STATS_SETTLE_MS));
      const after = await tableActivity(databaseUrl);
      return { ...measured, blocksPerRequest: (after.blocks - before.blocks) / measured.requests, deadRowsAfter: after.deadRows };
    };
    const baselineDatabaseUrl = `postgres://postgres@127.0.0.1:5432/${baselineDatabase}`;
    for (let round = 0; round < ROUNDS; round++) {
      const payloads = workload(MESSAGES, `R${round}`, round);
      if (round % 2 === 0) {
        results.baseline.push(await driveWithActivity(baselineUrl, baselineDatabaseUrl, payloads, baselineTargets));
        results.backtalk.push(await driveWithActivity(channel.webhookUrl, directUrl, payloads, backtalkTargets));
      } else {
        results.backtalk.push(await driveWithActivity(channel.webhookUrl, directUrl, payloads, backtalkTargets));
        results.baseline.push(await driveWithActivity(baselineUrl, baselineDatabaseUrl, payloads, baselineTargets));
      }
      if (options.vacuum) for (const url of [directUrl, baselineDatabaseUrl]) await vacuum(url);
    }
    const activity = await tableActivity(directUrl);

    const duplicates = await count(directUrl, `SELECT count(*) - count(DISTINCT provider_message_id) AS n FROM message`);
    const stored = await count(directUrl, `SELECT count(*) AS n FROM message WHERE provider_message_id NOT LIKE 'SMWA%'`);
    const expected = Array.from({ length: ROUNDS }, (_, round) => new Set(workload(MESSAGES, `R${round}`, round).map((payload) => payload.sid)).size).reduce((a, b) => a + b, 0);

    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const backtalkRate = mean(results.backtalk.map((result) => result.messagesPerSecond));
    const baselineRate = mean(results.baseline.map((result) => result.messagesPerSecond));
    const backtalkP50 = mean(results.backtalk.map((result) => result.p50));
    const backtalkP99 = Math.max(...results.backtalk.map((result) => result.p99));
    const baselineP99 = Math.max(...results.baseline.map((result) => result.p99));
    const errors = results.backtalk.reduce((sum, result) => sum + result.errors + result.non2xx, 0);

    process.stdout.write(`\nbench:ingest  ${ROUNDS} rounds × ${MESSAGES} signed Twilio webhooks, ${CONNECTIONS} connections, 5% duplicates, ${NEW_PERCENT}% new numbers\n`);
    process.stdout.write(`Backtalk: ${INSTANCES} API process(es), ${WORKERS} worker process(es), PostgreSQL ${options.pgbouncer ? 'through PgBouncer in transaction pooling mode' : 'direct'}\n`);
    process.stdout.write(`round  server     msgs/s   p50 ms   p99 ms  errors  cpu ms/msg: server  postgres  blocks/msg  dead rows   ratio\n`);
    const roundRatios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      roundRatios.push(results.backtalk[round].messagesPerSecond / results.baseline[round].messagesPerSecond);
      for (const [name, result] of [['reference', results.baseline[round]], ['backtalk', results.backtalk[round]]] as const) {
        const ratio = name === 'backtalk' ? roundRatios[round].toFixed(2).padStart(8) : '';
        process.stdout.write(
          `${String(round + 1).padEnd(6)} ${name.padEnd(9)} ${result.messagesPerSecond.toFixed(0).padStart(7)} ${result.p50.toFixed(1).padStart(8)} ${result.p99.toFixed(1).padStart(8)} ${String(result.errors + result.non2xx).padStart(7)} ${result.serverCpuMsPerRequest.toFixed(2).padStart(19)} ${result.postgresCpuMsPerRequest.toFixed(2).padStart(9)} ${(result.blocksPerRequest ?? 0).toFixed(0).padStart(11)} ${String(result.deadRowsAfter ?? 0).padStart(10)}${ratio}\n`,
        );
      }
    }
    const sortedRatios = [...roundRatios].sort((a, b) => a - b);
    const medianRatio = ROUNDS % 2 === 1 ? sortedRatios[(ROUNDS - 1) / 2] : (sortedRatios[ROUNDS / 2 - 1] + sortedRatios[ROUNDS / 2]) / 2;
    process.stdout.write(`Backtalk's database: ${activity.updates} row updates, ${activity.hotUpdates} of them HOT (no index touched); ${activity.deadRows} dead row versions now\n`);
    process.stdout.write(`stored ${stored} of ${expected} distinct messages; duplicate rows ${duplicates}; non-2xx or errors ${errors}; reference p99 ${baselineP99.toFixed(1)} ms\n`);
    process.stdout.write(`ratio: median of the rounds' ratios ${medianRatio.toFixed(2)} (lowest ${sortedRatios[0].toFixed(2)}, highest ${sortedRatios[ROUNDS - 1].toFixed(2)}); of the mean rates ${(backtalkRate / baselineRate).toFixed(2)}\n`);
    process.stdout.write(`RESULT ingest msgs_per_s=${backtalkRate.toFixed(0)} p50_ms=${backtalkP50.toFixed(1)} p99_ms=${backtalkP99.toFixed(1)} baseline_msgs_per_s=${baselineRate.toFixed(0)} ratio=${medianRatio.toFixed(2)} duplicates=${duplicates} lost=${expected - stored} api_processes=${INSTANCES} workers=${WORKERS} pgbouncer=${options.pgbouncer}\n`);
    if (stored !== expected || duplicates !== 0) process.exitCode = 1;
  } finally {
    for (const process of started.reverse()) await process.stop();
    await bouncer?.stop();
    await dropDatabase(database).catch(() => undefined);
    await dropDatabase(baselineDatabase).catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
