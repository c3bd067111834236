/**
 * npm run bench:outbound — agent replies over several rate-limited channels, through the real API and worker
 * processes, to the carrier simulator (its own process, as `npm run carrier-sim` runs it: a stall of the bench's event
 * loop must not bunch the times the carrier records). Twice in one invocation: a
 * clean carrier, then one that answers a share of send requests with HTTP 500. Measures, at the simulator:
 *   - sends/s: messages the carrier accepted ÷ (last acceptance − first reply POST);
 *   - enqueue-to-provider-call latency: from the message's created_at (the reply's transaction, before its job is
 *     enqueued) to the provider call the carrier accepted; with a backlog this is mostly queueing *by design*, so the
 *     excess over a perfect limiter (each channel's messages spaced exactly 1/rate apart from their enqueue time) is
 *     printed next to it;
 *   - each channel's rate: segments the carrier accepted per wall-clock second (floor(ms / 1000)) and in any sliding
 *     1-second window; a wall-clock second above rate + 1 is a violation (see RATE_TOLERANCE);
 *   - duplicates: a Backtalk message (its unique body; for Infobip also its messageId) the carrier accepted more than
 *     once. A retry after an injected 500 is not one: the carrier refused that request and recorded no send.
 * Everything stays on loopback, in a database and Redis prefix of its own that are dropped at the end; every wait is
 * bounded.
 */
import 'reflect-metadata';
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { deleteRedisKeys } from '@backtalk/testing';
import { type SendRecord } from '../../apps/carrier-sim/src/traffic';
import { api, benchEnvironment, dropDatabase, freePort, inBatches, percentile, processCpuMs, ROOT, runId, type Started, startProcess } from './bench-support';

const { values: options } = parseArgs({
  options: {
    /** Replies per run, shared between the channels as --split says. */
    messages: { type: 'string', default: '2000' },
    /** Segments per second of each channel; one channel per value. */
    rates: { type: 'string', default: '10,20,30,40' },
    /**
     * How the replies are shared between channels: `proportional` to their rates (they all finish together), or
     * `equal` (the slow channels keep a backlog long after the fast ones could be done).
     */
    split: { type: 'string', default: 'proportional' },
    /** Conversations per channel the replies are spread over. */
    conversations: { type: 'string', default: '25' },
    /** Reply POSTs in flight at once. */
    connections: { type: 'string', default: '32' },
    workers: { type: 'string', default: '1' },
    /** OUTBOUND_GLOBAL_RATE_PER_SECOND: high, so that the channels' own rates are what is measured. */
    'global-rate': { type: 'string', default: '1000' },
    /** Share of send requests the simulator answers with HTTP 500 in the second run. */
    'error-rate': { type: 'string', default: '0.05' },
    /** Upper bound on one run, from the first POST until every message is final; default from the expected duration. */
    'timeout-seconds': { type: 'string' },
    /** Writes each run's sends, refused calls and messages as JSON into this folder, for a closer look. */
    dump: { type: 'string' },
  },
});
const MESSAGES = Number(options.messages);
const RATES = options.rates!.split(',').map(Number);
const CONVERSATIONS_PER_CHANNEL = Number(options.conversations);
const CONNECTIONS = Number(options.connections);
const WORKERS = Number(options.workers);
const GLOBAL_RATE = Number(options['global-rate']);
const ERROR_RATE = Number(options['error-rate']);
const PASSWORD = 'bench-password-123';
/**
 * A wall-clock second may hold one segment more than the rate. The limiter spaces a channel's slots exactly 1/rate
 * apart, so a second holds at most `rate` *slots*; but a slot's provider call reaches the carrier a few milliseconds
 * after the slot (Bull promotion, the claim transaction, HTTP), and that delay varies. A slot just before a second's
 * edge whose call lands just after it makes rate + 1 in that second without any burst. Two or more extra are not an
 * edge effect (at the default rates jitter would have to exceed 25–100 ms): they mean sends bunched together.
 */
const RATE_TOLERANCE = 1;
/** The simulator forgets sends beyond 10,000 (traffic.ts MAX_RECORDS); a run must fit, retries included. */
const MAX_MESSAGES = 8000;
/** The simulator's delivery reports come this long after a send (its default is 1500). */
const DLR_LATENCY_MS = 1000;

type SimProvider = 'twilio' | 'infobip';
const FINAL = ['sent', 'delivered', 'undelivered', 'failed', 'unknown', 'cancelled'];

interface BenchChannel {
  index: number;
  provider: SimProvider;
  name: string;
  sender: string;
  rate: number;
  id: string;
  webhookUrl: string;
  /** The simulator's id for the number (`provider:digits`), which its send records carry. */
  numberId: string;
  conversations: string[];
}

interface Enqueued {
  channel: BenchChannel;
  body: string;
  messageId: string | null;
  postMs: number;
  error: string | null;
}

interface ChannelStats {
  channel: BenchChannel;
  messages: number;
  accepted: number;
  refused: number;
  maxPerWallSecond: number;
  maxSliding: number;
  maxCallsSliding: number;
  /** The same on Backtalk's side: claims (the `sending` transaction that precedes each provider call) in any 1 s window. */
  maxClaimsSliding: number;
  achievedPerSecond: number;
  /** Seconds from the first POST to the channel's last accepted send, and to where a perfect limiter would have put it. */
  finishedSeconds: number;
  idealFinishSeconds: number;
  violations: number;
}

interface RunStats {
  label: string;
  errorRate: number;
  enqueued: number;
  postErrors: number;
  /** The first few POST failures, to read. */
  errorSamples: string[];
  enqueueSeconds: number;
  postP99: number;
  finalSeconds: number;
  sendsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  excessP50: number;
  excessP99: number;
  calls: number;
  refused: number;
  duplicates: number;
  lost: number;
  stuck: number;
  statuses: Record<string, number>;
  /** CPU ms per reply while enqueuing, and over the whole run per message: API and worker(s). */
  cpu: { apiPerReplyEnqueue: number; apiPerMessage: number; workerPerMessage: number };
  channels: ChannelStats[];
  violations: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Twilio for every channel but the third, which is Infobip (whose sends carry our message id as a client reference). */
function channelSpecs(): Array<Pick<BenchChannel, 'index' | 'provider' | 'name' | 'sender' | 'rate'>> {
  return RATES.map((rate, index) => {
    const provider: SimProvider = index % 4 === 2 ? 'infobip' : 'twilio';
    const sender = provider === 'twilio' ? `+1415555${String(200 + index).padStart(4, '0')}` : `+38093123${String(4500 + index).padStart(4, '0')}`;
    return { index, provider, name: `Bench ${index + 1} (${rate}/s)`, sender, rate };
  });
}

function secretsOf(channel: Pick<BenchChannel, 'provider' | 'index'>, simUrl: string) {
  const credentials =
    channel.provider === 'twilio'
      ? { accountSid: `ACbench${String(channel.index).padStart(27, '0')}`, authToken: `bench-twilio-token-${channel.index}` }
      : { apiKey: `bench-infobip-key-${channel.index}`, basicAuthUsername: 'backtalk-bench', basicAuthPassword: `bench-infobip-password-${channel.index}` };
  return { credentials, secrets: { ...credentials, baseUrl: simUrl } };
}

/** Each channel's share of `total` (see --split); the rounding remainder goes to the fastest channels. */
function shares(channels: readonly BenchChannel[], total: number): number[] {
  const weight = (channel: BenchChannel) => (options.split === 'equal' ? 1 : channel.rate);
  const sum = channels.reduce((acc, channel) => acc + weight(channel), 0);
  const counts = channels.map((channel) => Math.floor((total * weight(channel)) / sum));
  const order = channels.map((_, index) => index).sort((a, b) => channels[b].rate - channels[a].rate);
  for (let left = total - counts.reduce((a, b) => a + b, 0), at = 0; left > 0; left--, at++) counts[order[at % order.length]]++;
  return counts;
}

/** The replies of a run, channels interleaved evenly (each channel's k-th reply at position (k + ½) / its count). */
function workload(channels: readonly BenchChannel[], tag: string): Array<{ channel: BenchChannel; conversationId: string; body: string }> {
  const counts = shares(channels, MESSAGES);
  const items: Array<{ at: number; channel: BenchChannel; conversationId: string; body: string }> = [];
  channels.forEach((channel, index) => {
    for (let k = 0; k < counts[index]; k++) {
      const body = `Bench ${tag}-${channel.index + 1}-${k}: your parcel left our warehouse today and arrives tomorrow.`;
      items.push({ at: (k + 0.5) / counts[index], channel, conversationId: channel.conversations[k % channel.conversations.length], body });
    }
  });
  return items.sort((a, b) => a.at - b.at);
}

async function query<T>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The carrier simulator's process: its URL, and the provider calls it refused on purpose (read from its log). */
interface Sim {
  url: string;
  refusedCalls: Array<{ at: number; numberId: string }>;
}

async function simApi<T>(sim: Sim, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sim.url}${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`simulator ${method} ${path} → ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Polls until no message of the run is queued or sending (or the deadline passes); returns those still pending. */
async function waitUntilFinal(databaseUrl: string, ids: string[], deadline: number): Promise<number> {
  for (;;) {
    const [{ pending }] = await query<{ pending: string }>(databaseUrl, `SELECT count(*) AS pending FROM message WHERE id = ANY($1::uuid[]) AND status::text <> ALL($2::text[])`, [ids, FINAL]);
    if (Number(pending) === 0 || Date.now() > deadline) return Number(pending);
    await sleep(250);
  }
}

/** The largest sum of `weight` over points within any window [t, t + width). `points` sorted by time. */
function maxInSlidingWindow(points: ReadonlyArray<{ at: number; weight: number }>, width: number): number {
  let best = 0;
  let sum = 0;
  let end = 0;
  for (let start = 0; start < points.length; start++) {
    while (end < points.length && points[end].at < points[start].at + width) sum += points[end++].weight;
    best = Math.max(best, sum);
    sum -= points[start].weight;
  }
  return best;
}

async function runOnce(
  context: {
    sim: Sim;
    channels: BenchChannel[];
    apiBase: string;
    token: string;
    databaseUrl: string;
    apiPid: number;
    workerPids: number[];
  },
  label: string,
  tag: string,
  errorRate: number,
): Promise<RunStats> {
  const { sim, channels, apiBase, token, databaseUrl, apiPid, workerPids } = context;
  const workerCpu = () => workerPids.reduce((sum, pid) => sum + processCpuMs(pid), 0);
  await simApi(sim, 'PUT', '/sim/api/behaviour', { reset: true, latencyMs: DLR_LATENCY_MS, serverErrorRate: errorRate, seed: 4242 });
  await simApi(sim, 'DELETE', '/sim/api/sends');
  sim.refusedCalls.length = 0;

  const items = workload(channels, tag);
  const expectedSeconds = Math.max(...channels.map((channel) => items.filter((item) => item.channel === channel).length / channel.rate));
  const timeoutMs = options['timeout-seconds'] ? Number(options['timeout-seconds']) * 1000 : (expectedSeconds * 3 + 60) * 1000;
  process.stdout.write(`run "${label}": ${items.length} replies (about ${expectedSeconds.toFixed(0)} s at the channels' rates), at most ${(timeoutMs / 1000).toFixed(0)} s…\n`);

  const cpuBefore = { api: processCpuMs(apiPid), worker: workerCpu() };
  const began = Date.now();
  const enqueued = await inBatches(items, CONNECTIONS, async (item): Promise<Enqueued> => {
    const started = Date.now();
    try {
      const message = await api<{ id: string }>(apiBase, 'POST', `/api/conversations/${item.conversationId}/messages`, { body: item.body }, token);
      return { channel: item.channel, body: item.body, messageId: message.id, postMs: Date.now() - started, error: null };
    } catch (error) {
      return { channel: item.channel, body: item.body, messageId: null, postMs: Date.now() - started, error: (error as Error).message };
    }
  });
  const enqueueSeconds = (Date.now() - began) / 1000;
  const apiCpuEnqueue = processCpuMs(apiPid) - cpuBefore.api;
  const ids = enqueued.flatMap((entry) => (entry.messageId ? [entry.messageId] : []));
  const stuck = await waitUntilFinal(databaseUrl, ids, began + timeoutMs);
  const finalSeconds = (Date.now() - began) / 1000;
  // Delivery reports follow DLR_LATENCY_MS after each send: give the last ones time to land (they change no send).
  const settleUntil = Date.now() + DLR_LATENCY_MS * 3 + 5000;
  while (Date.now() < settleUntil) {
    const [{ sent }] = await query<{ sent: string }>(databaseUrl, `SELECT count(*) AS sent FROM message WHERE id = ANY($1::uuid[]) AND status = 'sent'`, [ids]);
    if (Number(sent) === 0) break;
    await sleep(250);
  }
  const cpuAfter = { api: processCpuMs(apiPid), worker: workerCpu() };

  const rows = await query<{ id: string; status: string; created_at: Date; body: string; channel_id: string; send_attempts: number }>(
    databaseUrl,
    `SELECT id, status, created_at, body, channel_id, send_attempts FROM message WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const rowById = new Map(rows.map((row) => [row.id, row]));
  // When Backtalk claimed each message for a provider call (one per call, retries included), by its own clock.
  const claims = await query<{ id: string; at: Date }>(
    databaseUrl,
    `SELECT payload->>'messageId' AS id, created_at AS at FROM domain_event WHERE type = 'message.status_changed' AND payload->>'status' = 'sending' AND payload->>'messageId' = ANY($1::text[])`,
    [ids],
  );
  const statuses: Record<string, number> = {};
  for (const row of rows) statuses[row.status] = (statuses[row.status] ?? 0) + 1;

  // Oldest first. Only this run's texts count (the log was cleared, but be strict).
  const sends = (await simApi<{ sends: SendRecord[] }>(sim, 'GET', '/sim/api/sends?limit=10000')).sends.reverse();
  const refusedCalls = [...sim.refusedCalls];
  if (options.dump) {
    mkdirSync(options.dump, { recursive: true });
    const dump = { began, channels: channels.map(({ conversations: _, ...channel }) => channel), sends, refusedCalls, claims, messages: rows, enqueued: enqueued.map(({ channel, ...entry }) => ({ ...entry, channel: channel.index })) };
    writeFileSync(join(options.dump, `outbound-${tag}.json`), JSON.stringify(dump));
  }
  const byBody = new Map<string, SendRecord[]>();
  for (const send of sends) {
    if (!send.text.startsWith(`Bench ${tag}-`)) continue;
    byBody.set(send.text, [...(byBody.get(send.text) ?? []), send]);
  }
  // The same check by Backtalk's message id, for the provider that carries it (Infobip messageId).
  const byReference = new Map<string, number>();
  for (const send of sends) if (send.clientReference) byReference.set(send.clientReference, (byReference.get(send.clientReference) ?? 0) + 1);
  let duplicates = 0;
  for (const records of byBody.values()) duplicates += records.length - 1;
  const referenceDuplicates = [...byReference.values()].reduce((sum, count) => sum + count - 1, 0);
  if (referenceDuplicates > duplicates) duplicates = referenceDuplicates;

  const latencies: number[] = [];
  const excess: number[] = [];
  let lost = 0;
  let lastAccepted = began;
  const channelStats: ChannelStats[] = [];
  for (const channel of channels) {
    const mine = enqueued
      .filter((entry) => entry.channel === channel && entry.messageId && rowById.has(entry.messageId))
      .map((entry) => ({ entry, createdAt: rowById.get(entry.messageId!)!.created_at.getTime(), status: rowById.get(entry.messageId!)!.status, first: byBody.get(entry.body)?.[0] }))
      .sort((a, b) => a.createdAt - b.createdAt);
    // A perfect limiter: each message at its enqueue time or one interval after the previous one, whichever is later.
    let ideal = -Infinity;
    let finished = began;
    for (const message of mine) {
      ideal = Math.max(message.createdAt, ideal + 1000 / channel.rate);
      if (!message.first) {
        if (message.status === 'sent' || message.status === 'delivered') lost++;
        continue;
      }
      const at = Date.parse(message.first.receivedAt);
      lastAccepted = Math.max(lastAccepted, at);
      finished = Math.max(finished, at);
      latencies.push(at - message.createdAt);
      excess.push(at - ideal);
    }

    const accepted = sends
      .filter((send) => send.numberId === channel.numberId && send.text.startsWith(`Bench ${tag}-`))
      .map((send) => ({ at: Date.parse(send.receivedAt), weight: send.segments }))
      .sort((a, b) => a.at - b.at);
    const refused = refusedCalls.filter((call) => call.numberId === channel.numberId).map((call) => ({ at: call.at, weight: 1 }));
    const perSecond = new Map<number, number>();
    for (const send of accepted) perSecond.set(Math.floor(send.at / 1000), (perSecond.get(Math.floor(send.at / 1000)) ?? 0) + send.weight);
    const segments = accepted.reduce((sum, send) => sum + send.weight, 0);
    const span = accepted.length > 1 ? (accepted[accepted.length - 1].at - accepted[0].at) / 1000 : 0;
    channelStats.push({
      channel,
      messages: mine.length,
      accepted: accepted.length,
      refused: refused.length,
      maxPerWallSecond: Math.max(0, ...perSecond.values()),
      maxSliding: maxInSlidingWindow(accepted, 1000),
      maxCallsSliding: maxInSlidingWindow([...accepted, ...refused].sort((a, b) => a.at - b.at), 1000),
      maxClaimsSliding: maxInSlidingWindow(
        claims
          .filter((claim) => rowById.get(claim.id)?.channel_id === channel.id)
          .map((claim) => ({ at: claim.at.getTime(), weight: 1 }))
          .sort((a, b) => a.at - b.at),
        1000,
      ),
      // Segments after the first over the time they took: exactly the rate when every slot is used back to back.
      achievedPerSecond: span > 0 ? (segments - accepted[0].weight) / span : 0,
      finishedSeconds: (finished - began) / 1000,
      idealFinishSeconds: (ideal - began) / 1000,
      violations: [...perSecond.values()].filter((count) => count > channel.rate + RATE_TOLERANCE).length,
    });
  }
  latencies.sort((a, b) => a - b);
  excess.sort((a, b) => a - b);
  const postTimes = enqueued.map((entry) => entry.postMs).sort((a, b) => a - b);
  const uniqueAccepted = byBody.size;

  return {
    label,
    errorRate,
    enqueued: ids.length,
    postErrors: enqueued.length - ids.length,
    errorSamples: [...new Set(enqueued.flatMap((entry) => (entry.error ? [entry.error.slice(0, 160)] : [])))].slice(0, 3),
    enqueueSeconds,
    postP99: percentile(postTimes, 99),
    finalSeconds,
    sendsPerSecond: uniqueAccepted / ((lastAccepted - began) / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? 0,
    excessP50: percentile(excess, 50),
    excessP99: percentile(excess, 99),
    calls: sends.length + refusedCalls.length,
    refused: refusedCalls.length,
    duplicates,
    lost,
    stuck,
    statuses,
    cpu: {
      apiPerReplyEnqueue: apiCpuEnqueue / Math.max(1, enqueued.length),
      apiPerMessage: (cpuAfter.api - cpuBefore.api) / Math.max(1, ids.length),
      workerPerMessage: (cpuAfter.worker - cpuBefore.worker) / Math.max(1, ids.length),
    },
    channels: channelStats,
    violations: channelStats.reduce((sum, stats) => sum + stats.violations, 0),
  };
}

function printRun(run: RunStats): void {
  const statusText = Object.entries(run.statuses)
    .sort()
    .map(([status, count]) => `${status} ${count}`)
    .join(', ');
  process.stdout.write(`\n${run.label}: ${run.enqueued} replies enqueued in ${run.enqueueSeconds.toFixed(1)} s (${(run.enqueued / run.enqueueSeconds).toFixed(0)}/s, POST p99 ${run.postP99.toFixed(0)} ms, ${run.postErrors} errors${run.errorSamples.length ? `: ${run.errorSamples.join(' | ')}` : ''})\n`);
  process.stdout.write(`  every message final after ${run.finalSeconds.toFixed(1)} s${run.stuck ? ` — ${run.stuck} STILL QUEUED OR SENDING at the time limit` : ''}; statuses: ${statusText}\n`);
  process.stdout.write(`  provider calls ${run.calls} (${run.refused} answered 500), accepted sends ${run.calls - run.refused}, duplicates ${run.duplicates}, marked sent but never accepted ${run.lost}\n`);
  process.stdout.write(
    `  cpu ms: API ${run.cpu.apiPerReplyEnqueue.toFixed(1)} per reply POST; per message over the run (POST, send, delivery reports): API ${run.cpu.apiPerMessage.toFixed(1)}, worker ${run.cpu.workerPerMessage.toFixed(1)}\n`,
  );
  process.stdout.write(`  channel               provider  rate  msgs  accepted  500s  max/wall-s  max/1s-sliding  calls max/1s  claims max/1s  achieved/s  done s (perfect)  seconds > rate+${RATE_TOLERANCE}\n`);
  for (const stats of run.channels) {
    process.stdout.write(
      `  ${stats.channel.name.padEnd(21)} ${stats.channel.provider.padEnd(8)} ${String(stats.channel.rate).padStart(5)} ${String(stats.messages).padStart(5)} ${String(stats.accepted).padStart(9)} ${String(stats.refused).padStart(5)} ${String(stats.maxPerWallSecond).padStart(11)} ${String(stats.maxSliding).padStart(15)} ${String(stats.maxCallsSliding).padStart(13)} ${String(stats.maxClaimsSliding).padStart(14)} ${stats.achievedPerSecond.toFixed(1).padStart(11)} ${`${stats.finishedSeconds.toFixed(1)} (${stats.idealFinishSeconds.toFixed(1)})`.padStart(17)} ${String(stats.violations).padStart(16)}\n`,
    );
  }
}

async function main(): Promise<void> {
  if (!(MESSAGES > 0 && MESSAGES <= MAX_MESSAGES)) throw new Error(`--messages must be 1..${MAX_MESSAGES} (the simulator keeps 10,000 sends)`);
  if (RATES.length === 0 || RATES.some((rate) => !(rate > 0))) throw new Error('--rates must be positive numbers, e.g. 10,20,30,40');
  if (options.split !== 'proportional' && options.split !== 'equal') throw new Error('--split must be proportional or equal');
  const id = runId();
  const database = `backtalk_bench_out_${id}`;
  const redisPrefix = `bt_bench_out_${id}`;
  const apiPort = await freePort();
  const apiBase = `http://127.0.0.1:${apiPort}`;
  const env = {
    ...benchEnvironment(database, redisPrefix),
    PORT: String(apiPort),
    PUBLIC_BASE_URL: apiBase,
    OUTBOUND_GLOBAL_RATE_PER_SECOND: String(GLOBAL_RATE),
  };
  const started: Started[] = [];
  try {
    execSync('npm run --silent db:migrate', { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
    execSync(`npm run --silent admin:create -- --email bench@backtalk.local --password ${PASSWORD}`, { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
    // The simulator logs each injected failure as a JSON line: the only trace of a provider call it refused.
    const sim: Sim = { url: `http://127.0.0.1:${await freePort()}`, refusedCalls: [] };
    let partial = '';
    const readSimLog = (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.includes('send request fails as configured')) continue;
        const entry = JSON.parse(line) as { time: number; number: string };
        sim.refusedCalls.push({ at: entry.time, numberId: entry.number });
      }
    };
    started.push(
      await startProcess(
        'node',
        ['-r', '@swc-node/register', 'apps/carrier-sim/src/main.ts'],
        { SIM_HOST: '127.0.0.1', SIM_PORT: new URL(sim.url).port, SIM_SEED: '4242', LOG_LEVEL: 'info' },
        /READY carrier-sim/,
        'carrier-sim',
        readSimLog,
      ),
    );
    const apiProcess = await startProcess('node', ['-r', '@swc-node/register', 'apps/api/src/main.ts'], env, /READY api/, 'api');
    started.push(apiProcess);
    const workerPids: number[] = [];
    for (let index = 0; index < WORKERS; index++) {
      const worker = await startProcess('node', ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], env, /READY worker/, `worker ${index + 1}`);
      started.push(worker);
      workerPids.push(worker.child.pid!);
    }

    const admin = await api<{ accessToken: string }>(apiBase, 'POST', '/api/auth/login', { email: 'bench@backtalk.local', password: PASSWORD });
    const team = await api<{ id: string }>(apiBase, 'POST', '/api/teams', { name: 'Bench' }, admin.accessToken);
    await api(apiBase, 'POST', '/api/users', { email: 'agent@bench.local', name: 'Bench Agent', password: PASSWORD, role: 'agent', teamIds: [team.id] }, admin.accessToken);
    const agent = await api<{ accessToken: string }>(apiBase, 'POST', '/api/auth/login', { email: 'agent@bench.local', password: PASSWORD });

    const channels: BenchChannel[] = [];
    for (const spec of channelSpecs()) {
      const { secrets, credentials } = secretsOf(spec, sim.url);
      const created = await api<{ id: string; webhookUrl: string }>(
        apiBase,
        'POST',
        '/api/channels',
        { teamId: team.id, name: spec.name, provider: spec.provider, sender: spec.sender, senderType: 'long_code', country: spec.provider === 'twilio' ? 'US' : 'UA', secrets, ratePerSecond: spec.rate },
        admin.accessToken,
      );
      const registered = await simApi<{ numbers: Array<{ id: string }> }>(sim, 'PUT', '/sim/api/numbers', [
        { provider: spec.provider, sender: spec.sender, name: spec.name, inboundWebhookUrl: created.webhookUrl, credentials },
      ]);
      channels.push({ ...spec, id: created.id, webhookUrl: created.webhookUrl, numberId: registered.numbers[0].id, conversations: [] });
    }

    // Conversations start the way customers start them: a text through the simulator, signed like the carrier's.
    const phones = channels.flatMap((channel) => Array.from({ length: CONVERSATIONS_PER_CHANNEL }, (_, k) => ({ channel, phone: `+38050${channel.index}${String(100_000 + k)}` })));
    process.stdout.write(`${channels.length} channels; ${phones.length} simulated customers text in…\n`);
    await inBatches(phones, 8, ({ channel, phone }) => simApi(sim, 'POST', `/sim/api/phones/${encodeURIComponent(phone)}/messages`, { to: channel.sender, text: 'Hi, where is my parcel?' }));
    const deadline = Date.now() + 60_000;
    let conversations: Array<{ id: string; channel_id: string }> = [];
    while (Date.now() < deadline) {
      conversations = await query(env.DATABASE_URL, `SELECT id, channel_id FROM conversation ORDER BY created_at`);
      if (conversations.length >= phones.length) break;
      await sleep(250);
    }
    for (const conversation of conversations) channels.find((channel) => channel.id === conversation.channel_id)?.conversations.push(conversation.id);
    if (channels.some((channel) => channel.conversations.length === 0)) throw new Error(`conversations were not created: ${conversations.length} of ${phones.length}`);

    // Warm-up (JIT, pools, the send path of both adapters), not measured.
    const warm = channels.flatMap((channel) => channel.conversations.slice(0, 3).map((conversationId) => conversationId));
    const warmIds = await inBatches(warm, 8, async (conversationId) => (await api<{ id: string }>(apiBase, 'POST', `/api/conversations/${conversationId}/messages`, { body: 'Warm-up: thanks for waiting.' }, agent.accessToken)).id);
    await waitUntilFinal(env.DATABASE_URL, warmIds, Date.now() + 60_000);

    const context = { sim, channels, apiBase, token: agent.accessToken, databaseUrl: env.DATABASE_URL, apiPid: apiProcess.child.pid!, workerPids };
    const runs: RunStats[] = [];
    for (const [label, tag, errorRate] of [
      ['clean', 'A', 0],
      [`${Math.round(ERROR_RATE * 100)}% provider 500s`, 'B', ERROR_RATE],
    ] as const) {
      runs.push(await runOnce(context, label, tag, errorRate));
    }

    process.stdout.write(
      `\nbench:outbound  ${MESSAGES} replies per run over ${channels.length} channels (rates ${RATES.join(', ')} segments/s; account cap ${GLOBAL_RATE}/s), ${WORKERS} worker process(es), ${channels.reduce((sum, channel) => sum + channel.conversations.length, 0)} conversations\n`,
    );
    process.stdout.write(`latency: message created_at → the provider call the carrier accepted; "excess": the same minus a perfect limiter's schedule\n`);
    process.stdout.write(
      `rate: segments the carrier accepted per channel per wall-clock second (max/wall-s) and in any sliding 1 s window; "calls" adds the requests it answered 500; "claims" are Backtalk's own timestamps of each call (its \`sending\` transaction); a violation is a wall-clock second above rate + ${RATE_TOLERANCE}\n`,
    );
    runs.forEach(printRun);
    process.stdout.write(`\nrun                  sends/s  p50 ms  p99 ms  max ms  excess p50/p99 ms  500s  duplicates  lost  stuck  rate violations\n`);
    for (const run of runs) {
      process.stdout.write(
        `${run.label.padEnd(20)} ${run.sendsPerSecond.toFixed(1).padStart(7)} ${run.p50.toFixed(0).padStart(7)} ${run.p99.toFixed(0).padStart(7)} ${run.max.toFixed(0).padStart(7)} ${`${run.excessP50.toFixed(0)}/${run.excessP99.toFixed(0)}`.padStart(18)} ${String(run.refused).padStart(5)} ${String(run.duplicates).padStart(11)} ${String(run.lost).padStart(5)} ${String(run.stuck).padStart(6)} ${String(run.violations).padStart(16)}\n`,
      );
    }
    // The worse of the two runs on every figure: lower throughput, higher p99, and both runs' violations and duplicates.
    const sendsPerSecond = Math.min(...runs.map((run) => run.sendsPerSecond));
    const p99 = Math.max(...runs.map((run) => run.p99));
    const violations = runs.reduce((sum, run) => sum + run.violations, 0);
    const duplicates = runs.reduce((sum, run) => sum + run.duplicates, 0);
    const stuck = runs.reduce((sum, run) => sum + run.stuck, 0);
    const lost = runs.reduce((sum, run) => sum + run.lost, 0);
    process.stdout.write(`RESULT line: worst of both runs (lowest sends/s, highest p99), violations and duplicates summed over both\n`);
    process.stdout.write(`RESULT outbound sends_per_s=${sendsPerSecond.toFixed(1)} p99_ms=${p99.toFixed(0)} rate_violations=${violations} duplicates=${duplicates}\n`);
    // Wrong outcomes fail the command; rate violations are a measurement, reported in the RESULT line.
    if (duplicates > 0 || stuck > 0 || lost > 0) process.exitCode = 1;
  } finally {
    for (const process of started.reverse()) await process.stop();
    await dropDatabase(database).catch(() => undefined);
    await deleteRedisKeys('redis://127.0.0.1:6379', `${redisPrefix}:*`).catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
