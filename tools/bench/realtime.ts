/**
 * npm run bench:realtime — N agent sockets connected to the realtime namespace while signed inbound webhooks arrive at
 * a fixed rate for a bounded time. Measures webhook-to-agent latency (from just before the webhook is sent until an
 * agent's socket receives its `message.received`) and counts events lost, duplicated or out of order on any socket.
 * Everything runs on loopback, against a database and Redis prefix of its own.
 */
import 'reflect-metadata';
import { execSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { type ClientToServerEvents, REALTIME_NAMESPACE, type RealtimeEvent, type ServerToClientEvents } from '@backtalk/contracts';
import { deleteRedisKeys, genericSigned } from '@backtalk/testing';
import { api, benchEnvironment, dropDatabase, inBatches, percentile, processCpuMs, ROOT, runId, type Started, startProcess } from './bench-support';

const { values: options } = parseArgs({
  options: {
    agents: { type: 'string', default: '200' },
    /** Distinct agent accounts the sockets are spread over (an agent may have several tabs); default one per socket. */
    users: { type: 'string' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '20' },
    /** API processes sharing PostgreSQL and Redis; sockets and webhooks are spread over them. */
    instances: { type: 'string', default: '1' },
    'drain-seconds': { type: 'string', default: '15' },
    /** Threads holding the agent sockets, so receiving never delays the webhook schedule of the main thread. */
    'client-threads': { type: 'string', default: '2' },
    /** Also prints the latency of the webhooks sent in each second of the run: tells warm-up and stalls from steady state. */
    'by-second': { type: 'boolean', default: false },
    /** Writes a V8 CPU profile of each API process into this folder, for finding where the time goes. */
    profile: { type: 'string' },
  },
});
const AGENTS = Number(options.agents);
const USERS = Math.min(AGENTS, Number(options.users ?? options.agents));
const RATE = Number(options.rate);
const SECONDS = Number(options.seconds);
const INSTANCES = Number(options.instances);
const DRAIN_MS = Number(options['drain-seconds']) * 1000;
const CLIENT_THREADS = Math.max(1, Math.min(Number(options['client-threads']), AGENTS));
const SECRET = 'bench-realtime-secret';
const PASSWORD = 'bench-password-123';
const CUSTOMERS = 500;

const now = () => performance.timeOrigin + performance.now();


interface Agent {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  /** When this socket received message n, at [n]; NaN until it does. */
  received: Float64Array;
  count: number;
  duplicates: number;
  outOfOrder: number;
  lastSeq: number;
  disconnects: number;
}

interface ClientJob {
  sockets: Array<{ baseUrl: string; token: string }>;
  afterSeq: number;
  total: number;
}

type ToClients = { type: 'finish'; accepted: number[]; drainMs: number };
type FromClients =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'result'; received: Float64Array[]; duplicates: number; outOfOrder: number; disconnects: number };

function connectAgent(baseUrl: string, token: string, afterSeq: number, total: number): Promise<Agent> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(`${baseUrl}${REALTIME_NAMESPACE}`, { auth: { token }, transports: ['websocket'], reconnection: false });
  const agent: Agent = { socket, received: new Float64Array(total).fill(Number.NaN), count: 0, duplicates: 0, outOfOrder: 0, lastSeq: afterSeq, disconnects: 0 };
  const apply = (event: RealtimeEvent) => {
    if (event.seq <= agent.lastSeq) agent.outOfOrder++;
    agent.lastSeq = Math.max(agent.lastSeq, event.seq);
    if (event.type !== 'message.received') return;
    const number = Number(/^bench (\d+)$/.exec(event.message?.body ?? '')?.[1]);
    if (!Number.isInteger(number) || number >= total) return;
    if (!Number.isNaN(agent.received[number])) agent.duplicates++;
    else {
      agent.received[number] = now();
      agent.count++;
    }
  };
  socket.on('domain.events', (events) => events.forEach(apply));
  socket.on('disconnect', () => agent.disconnects++);
  return new Promise((resolve, reject) => {
    socket.once('connect_error', reject);
    socket.once('connect', () => {
      socket.timeout(30_000).emit('resume', { afterSeq }, (error: Error | null, result) => {
        if (error) return reject(error);
        if (result.status !== 'ok') return reject(new Error(`resume answered ${JSON.stringify(result)}`));
        result.events.forEach(apply);
        resolve(agent);
      });
    });
  });
}

/** A client thread: holds its share of the sockets, and reports what each received once told the webhooks are done. */
async function runClients(job: ClientJob): Promise<void> {
  const port = parentPort!;
  let agents: Agent[];
  try {
    agents = await inBatches(job.sockets, 10, (socket) => connectAgent(socket.baseUrl, socket.token, job.afterSeq, job.total));
  } catch (error) {
    port.postMessage({ type: 'failed', message: (error as Error).message } satisfies FromClients);
    return;
  }
  port.postMessage({ type: 'ready' } satisfies FromClients);
  port.once('message', async ({ accepted, drainMs }: ToClients) => {
    const until = now() + drainMs;
    while (now() < until && agents.some((agent) => accepted.some((number) => Number.isNaN(agent.received[number])))) await new Promise((resolve) => setTimeout(resolve, 100));
    const result: FromClients = {
      type: 'result',
      received: agents.map((agent) => agent.received),
      duplicates: agents.reduce((sum, agent) => sum + agent.duplicates, 0),
      outOfOrder: agents.reduce((sum, agent) => sum + agent.outOfOrder, 0),
      disconnects: agents.reduce((sum, agent) => sum + agent.disconnects, 0),
    };
    agents.forEach((agent) => agent.socket.disconnect());
    port.postMessage(result);
    port.close();
  });
}

/** p50/p99/max of the deliveries of the webhooks sent in each second, one line per second. */
function latencyBySecond(reports: Array<{ received: Float64Array[] }>, accepted: Set<number>, sentAt: number[], begin: number): string[] {
  const seconds = new Map<number, number[]>();
  for (const received of reports.flatMap((report) => report.received)) {
    for (const number of accepted) {
      const second = Math.floor((sentAt[number] - begin) / 1000);
      const values = seconds.get(second) ?? seconds.set(second, []).get(second)!;
      if (!Number.isNaN(received[number])) values.push(received[number] - sentAt[number]);
    }
  }
  return [...seconds]
    .sort(([a], [b]) => a - b)
    .map(([second, values]) => {
      values.sort((a, b) => a - b);
      return `second ${second}: p50 ${percentile(values, 50).toFixed(1)}  p99 ${percentile(values, 99).toFixed(1)}  max ${(values.at(-1) ?? 0).toFixed(1)} ms`;
    });
}

async function latestSeq(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return Number((await client.query('SELECT coalesce(max(seq), 0) AS seq FROM domain_event')).rows[0].seq);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const id = runId();
  const database = `backtalk_bench_rt_${id}`;
  const ports = Array.from({ length: INSTANCES }, (_, index) => 3420 + index);
  const bases = ports.map((port) => `http://127.0.0.1:${port}`);
  const env = benchEnvironment(database, `bt_bench_rt_${id}`);
  const started: Started[] = [];
  const threads: Worker[] = [];
  try {
    execSync('npm run --silent db:migrate', { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
    execSync(`npm run --silent admin:create -- --email bench@backtalk.local --password ${PASSWORD}`, { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
    for (const [index, port] of ports.entries()) {
      const profileArgs = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${options.profile}`] : [];
      started.push(await startProcess('node', [...profileArgs, '-r', '@swc-node/register', 'apps/api/src/main.ts'], { ...env, PORT: String(port), PUBLIC_BASE_URL: bases[index] }, /READY api/, `api ${index + 1}`));
    }

    const admin = await api<{ accessToken: string }>(bases[0], 'POST', '/api/auth/login', { email: 'bench@backtalk.local', password: PASSWORD });
    const team = await api<{ id: string }>(bases[0], 'POST', '/api/teams', { name: 'Bench' }, admin.accessToken);
    const channel = await api<{ webhookUrl: string; sender: string }>(
      bases[0],
      'POST',
      '/api/channels',
      { teamId: team.id, name: 'Bench line', provider: 'generic', sender: '+14155550199', senderType: 'long_code', country: 'US', secrets: { signatureSecret: SECRET } },
      admin.accessToken,
    );
    const webhookPath = new URL(channel.webhookUrl).pathname;

    process.stdout.write(`creating ${USERS} agent accounts and connecting ${AGENTS} sockets to ${INSTANCES} API instance(s)…\n`);
    const tokens = await inBatches(Array.from({ length: USERS }, (_, index) => index), 4, async (index) => {
      const email = `agent${index}-${randomUUID().slice(0, 6)}@bench.local`;
      await api(bases[0], 'POST', '/api/users', { email, name: `Agent ${index}`, password: PASSWORD, role: 'agent', teamIds: [team.id] }, admin.accessToken);
      return (await api<{ accessToken: string }>(bases[0], 'POST', '/api/auth/login', { email, password: PASSWORD })).accessToken;
    });
    const start = await latestSeq(env.DATABASE_URL);
    const total = RATE * SECONDS;
    const sockets = Array.from({ length: AGENTS }, (_, index) => ({ baseUrl: bases[index % INSTANCES], token: tokens[index % USERS] }));
    const results: Array<Promise<Extract<FromClients, { type: 'result' }>>> = [];
    await Promise.all(
      Array.from({ length: CLIENT_THREADS }, (_, thread) => {
        const job: ClientJob = { sockets: sockets.filter((_socket, index) => index % CLIENT_THREADS === thread), afterSeq: start, total };
        const worker = new Worker(__filename, { workerData: job });
        threads.push(worker);
        return new Promise<void>((resolve, reject) => {
          worker.once('error', reject);
          worker.once('message', (message: FromClients) => {
            if (message.type !== 'ready') return reject(new Error(message.type === 'failed' ? message.message : 'unexpected message'));
            results.push(new Promise((done) => worker.once('message', done)));
            resolve();
          });
        });
      }),
    );

    const sentAt = new Array<number>(total);
    const answeredAt = new Array<number>(total);
    const accepted = new Set<number>();
    let failures = 0;
    const failureKinds = new Map<string, number>();
    const failed = (kind: string) => {
      failures++;
      failureKinds.set(kind, (failureKinds.get(kind) ?? 0) + 1);
    };
    let sent = 0;
    const serverCpuBefore = started.map((process) => processCpuMs(process.child.pid!));
    const clientCpuBefore = process.cpuUsage();
    const begin = now();
    process.stdout.write(`sending ${total} webhooks at ${RATE}/s for ${SECONDS} s…\n`);
    const inFlight: Array<Promise<void>> = [];
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        // Catch up to the schedule: the rate holds even when a timer fires late.
        const due = Math.min(total, Math.floor(((now() - begin) / 1000) * RATE));
        for (; sent < due; sent++) {
          const number = sent;
          const from = `+38050${String(1_000_000 + (number % CUSTOMERS))}`;
          const webhook = genericSigned(webhookPath, { type: 'message', id: `bench-${id}-${number}`, from, to: channel.sender, text: `bench ${number}` }, SECRET);
          sentAt[number] = now();
          inFlight.push(
            fetch(`${bases[number % INSTANCES]}${webhook.path}`, { method: 'POST', headers: webhook.headers, body: webhook.body }).then(
              async (response) => {
                await response.arrayBuffer();
                answeredAt[number] = now();
                if (response.ok) accepted.add(number);
                else failed(String(response.status));
              },
              (error: Error) => failed(error.message),
            ),
          );
        }
        if (sent >= total) {
          clearInterval(tick);
          resolve();
        }
      }, 5);
    });
    await Promise.all(inFlight);
    const sendSeconds = (now() - begin) / 1000;

    for (const thread of threads) thread.postMessage({ type: 'finish', accepted: [...accepted], drainMs: DRAIN_MS } satisfies ToClients);
    const reports = await Promise.all(results);
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const serverCpuMs = started.map((process, index) => processCpuMs(process.child.pid!) - serverCpuBefore[index]);

    const latencies: number[] = [];
    let lost = 0;
    for (const received of reports.flatMap((report) => report.received)) {
      for (const number of accepted) {
        if (Number.isNaN(received[number])) lost++;
        else latencies.push(received[number] - sentAt[number]);
      }
    }
    latencies.sort((a, b) => a - b);
    const bySecond = options['by-second'] ? latencyBySecond(reports, accepted, sentAt, begin) : [];
    const webhookTimes = [...accepted].map((number) => answeredAt[number] - sentAt[number]).sort((a, b) => a - b);
    const duplicates = reports.reduce((sum, report) => sum + report.duplicates, 0);
    const outOfOrder = reports.reduce((sum, report) => sum + report.outOfOrder, 0);
    const disconnects = reports.reduce((sum, report) => sum + report.disconnects, 0);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);

    process.stdout.write(`\nbench:realtime  ${AGENTS} sockets (${USERS} agents) on ${INSTANCES} instance(s), ${total} webhooks at ${RATE}/s (${(total / sendSeconds).toFixed(0)}/s achieved)\n`);
    process.stdout.write(`webhooks accepted ${accepted.size}, failed ${failures} ${JSON.stringify(Object.fromEntries(failureKinds))}; deliveries ${latencies.length} of ${accepted.size * AGENTS}\n`);
    process.stdout.write(`latency ms  p50 ${p50.toFixed(1)}  p90 ${percentile(latencies, 90).toFixed(1)}  p99 ${p99.toFixed(1)}  max ${(latencies.at(-1) ?? 0).toFixed(1)}\n`);
    for (const line of bySecond) process.stdout.write(`${line}\n`);
    process.stdout.write(`webhook answered (part of the above) ms  p50 ${percentile(webhookTimes, 50).toFixed(1)}  p99 ${percentile(webhookTimes, 99).toFixed(1)}\n`);
    process.stdout.write(`lost ${lost}, duplicated ${duplicates}, out of order ${outOfOrder}, socket disconnects ${disconnects}\n`);
    process.stdout.write(`cpu ms per second of load: api ${serverCpuMs.map((ms) => (ms / sendSeconds).toFixed(0)).join(' + ')}, bench client (all threads) ${((clientCpu.user + clientCpu.system) / 1000 / sendSeconds).toFixed(0)}\n`);
    process.stdout.write(`RESULT realtime agents=${AGENTS} rate=${RATE} p50_ms=${p50.toFixed(1)} p99_ms=${p99.toFixed(1)} lost=${lost}\n`);
    if (lost > 0 || duplicates > 0 || outOfOrder > 0 || failures > 0) process.exitCode = 1;
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
    for (const process of started.reverse()) await process.stop();
    await dropDatabase(database).catch(() => undefined);
    await deleteRedisKeys('redis://127.0.0.1:6379', `bt_bench_rt_${id}:*`).catch(() => undefined);
  }
}

if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  void runClients(workerData as ClientJob);
}
