/**
 * npm run bench:soak -- --minutes N — a long run of a working day's traffic, to see whether the API's and the
 * worker's memory levels off or keeps growing. The real entry points run as separate processes (API, worker, the
 * carrier simulator), against a database and Redis prefix of their own:
 *   - customers text in: signed Twilio webhooks at --rate per second, straight to the API, as the carrier posts them;
 *   - --agents agent sockets receive every event; one socket at a time disconnects and comes back every
 *     --reconnect-seconds, resuming after the last event it applied (the gap-free replay);
 *   - agents reply to recent conversations at --reply-rate per second through the REST API; the worker sends them to
 *     the carrier simulator, whose delivery reports come back as webhooks;
 *   - access tokens are renewed every 10 minutes (REST and `token.refresh` on the sockets), as the console does.
 * Every 30 s it samples each process's RSS (VmRSS in /proc) and, through tools/bench/memory-probe.ts preloaded into
 * both, the V8 heap, external memory and open handles. The slopes are least-squares fits over the second half of the
 * run (the first half is warm-up), in MB per hour.
 * Counted at the end, after a drain: lost = accepted webhooks never stored, or stored but never received by some
 * socket (live or replayed), plus replies the API accepted that never reached the carrier; duplicates = an inbound
 * text stored twice, a socket receiving one twice, or a reply the carrier accepted twice.
 * Latency (webhook sent → an agent socket's live `message.received`) is printed per --window-minutes window.
 */
import 'reflect-metadata';
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { type ClientToServerEvents, REALTIME_NAMESPACE, type RealtimeEvent, type ServerToClientEvents } from '@backtalk/contracts';
import { deleteRedisKeys, twilioForm } from '@backtalk/testing';
import { type SendRecord } from '../../apps/carrier-sim/src/traffic';
import { api, benchEnvironment, dropDatabase, freePort, inBatches, percentile, processCpuMs, ROOT, runId, type Started, startProcess } from './bench-support';

const { values: options } = parseArgs({
  options: {
    minutes: { type: 'string', default: '20' },
    rate: { type: 'string', default: '30' },
    agents: { type: 'string', default: '10' },
    'reply-rate': { type: 'string', default: '1' },
    'reconnect-seconds': { type: 'string', default: '15' },
    'sample-seconds': { type: 'string', default: '30' },
    'window-minutes': { type: 'string', default: '10' },
    customers: { type: 'string', default: '400' },
    'drain-seconds': { type: 'string', default: '60' },
    /** Extra environment for the API and worker, e.g. MALLOC_ARENA_MAX=2 (comma-separated KEY=VALUE). */
    'server-env': { type: 'string', default: '' },
  },
});
const MINUTES = Number(options.minutes);
const RATE = Number(options.rate);
const AGENTS = Number(options.agents);
const REPLY_RATE = Number(options['reply-rate']);
const RECONNECT_MS = Number(options['reconnect-seconds']) * 1000;
const SAMPLE_MS = Number(options['sample-seconds']) * 1000;
const WINDOW_MS = Number(options['window-minutes']) * 60_000;
const CUSTOMERS = Number(options.customers);
const DRAIN_MS = Number(options['drain-seconds']) * 1000;
const SERVER_ENV = Object.fromEntries(
  options['server-env']!
    .split(',')
    .filter(Boolean)
    .map((pair) => pair.split('=') as [string, string]),
);
const PASSWORD = 'bench-password-123';
const AUTH_TOKEN = 'bench-soak-twilio-token';
const ACCOUNT_SID = `ACbench${'0'.repeat(23)}soak`;
const SENDER = '+14155550177';
const TOKEN_RENEW_MS = 10 * 60_000;
const MB = 1024 * 1024;

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Probe {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  v8Physical: number;
  v8Malloced: number;
  heapAfterMajorGc: number | null;
  handles: Record<string, number>;
}

interface Sample {
  /** Hours since the load began. */
  hours: number;
  rssMb: number;
  heapMb: number;
  /** The heap after the latest full collection (see memory-probe.ts): rises only with what is retained. */
  liveHeapMb: number;
  externalMb: number;
  /** Pages V8 holds (heapTotal's resident part, code and large objects included) and what V8 malloc()s for itself. */
  v8Mb: number;
  /** Resident memory by kind of mapping (/proc/<pid>/smaps): the brk heap (glibc's main arena), anonymous mappings (V8 pages, other malloc arenas, large mallocs), files. */
  brkMb: number;
  anonMb: number;
  fileMb: number;
  anonMappings: number;
  handles: number;
}

/** A started server process whose memory the bench follows. */
interface Followed {
  label: string;
  pid: number;
  probe: Probe | null;
  samples: Sample[];
}

/** VmRSS (resident now) or VmHWM (the most it has been resident) from /proc, in bytes. */
function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return line ? Number(line[1]) * 1024 : Number.NaN;
}

/** Resident memory by kind of mapping, from /proc/<pid>/smaps. */
function residentByMapping(pid: number): { brkMb: number; anonMb: number; fileMb: number; anonMappings: number } {
  const result = { brkMb: 0, anonMb: 0, fileMb: 0, anonMappings: 0 };
  let kind: 'brk' | 'anon' | 'file' | 'other' = 'other';
  try {
    for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
      const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
      if (header) {
        const path = header[1];
        kind = path === '[heap]' ? 'brk' : path === '' || path.startsWith('[anon') ? 'anon' : path.startsWith('/') ? 'file' : 'other';
        if (kind === 'anon') result.anonMappings++;
        continue;
      }
      const rss = /^Rss:\s+(\d+) kB/.exec(line);
      if (!rss) continue;
      if (kind === 'brk') result.brkMb += Number(rss[1]) / 1024;
      else if (kind === 'anon') result.anonMb += Number(rss[1]) / 1024;
      else if (kind === 'file') result.fileMb += Number(rss[1]) / 1024;
    }
  } catch {
    // The process ended.
  }
  return result;
}

/** Reads the MEMPROBE lines the preloaded probe writes, and shows the first 50 warnings and errors the server logs; chunks may split lines. */
function probeReader(followed: Followed): (chunk: string) => void {
  let partial = '';
  let errorsShown = 0;
  return (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const at = line.indexOf('MEMPROBE ');
      if (at >= 0) followed.probe = JSON.parse(line.slice(at + 'MEMPROBE '.length)) as Probe;
      else if (/"level":(40|50|60)|Error/.test(line) && errorsShown++ < 50) process.stdout.write(`[${followed.label}] ${line.slice(0, 400)}\n`);
    }
  };
}

/** Least-squares slope of y over x; NaN with fewer than two points. */
export function slope(points: ReadonlyArray<{ x: number; y: number }>): number {
  if (points.length < 2) return Number.NaN;
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / points.length;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / points.length;
  let numerator = 0;
  let denominator = 0;
  for (const point of points) {
    numerator += (point.x - meanX) * (point.y - meanY);
    denominator += (point.x - meanX) ** 2;
  }
  return denominator === 0 ? Number.NaN : numerator / denominator;
}

interface Agent {
  index: number;
  socket: Socket<ServerToClientEvents, ClientToServerEvents> | null;
  lastSeq: number;
  /** When this socket first received inbound text n (live or replayed), at [n]; NaN until it does. */
  received: Float64Array;
  duplicates: number;
  reconnects: number;
  resyncs: number;
  unexpectedDisconnects: number;
}

async function main(): Promise<void> {
  if (!(MINUTES > 0)) throw new Error('--minutes must be positive');
  const id = runId();
  const database = `backtalk_bench_soak_${id}`;
  const redisPrefix = `bt_bench_soak_${id}`;
  const apiPort = await freePort();
  const apiBase = `http://127.0.0.1:${apiPort}`;
  const env = {
    ...benchEnvironment(database, redisPrefix),
    PORT: String(apiPort),
    PUBLIC_BASE_URL: apiBase,
    OUTBOUND_GLOBAL_RATE_PER_SECOND: '100',
  };
  const started: Started[] = [];
  const agents: Agent[] = [];
  const timers: NodeJS.Timeout[] = [];
  let over = false;
  const db = new Client({ connectionString: env.DATABASE_URL });
  try {
    execSync('npm run --silent db:migrate', { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
    execSync(`npm run --silent admin:create -- --email bench@backtalk.local --password ${PASSWORD}`, { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
    await db.connect();
    const simUrl = `http://127.0.0.1:${await freePort()}`;
    started.push(
      await startProcess('node', ['-r', '@swc-node/register', 'apps/carrier-sim/src/main.ts'], { SIM_HOST: '127.0.0.1', SIM_PORT: new URL(simUrl).port, SIM_SEED: '4242', LOG_LEVEL: 'warn' }, /READY carrier-sim/, 'carrier-sim', () => undefined),
    );
    const serverEnv = { ...env, ...SERVER_ENV, MEMORY_PROBE_MS: '5000' };
    const serverArgs = (entry: string) => ['-r', '@swc-node/register', '-r', './tools/bench/memory-probe.ts', entry];
    const followed: Followed[] = [];
    for (const [label, entry, ready] of [
      ['api', 'apps/api/src/main.ts', /READY api/],
      ['worker', 'apps/worker/src/main.ts', /READY worker/],
    ] as const) {
      const process_: Followed = { label, pid: 0, probe: null, samples: [] };
      const server = await startProcess('node', serverArgs(entry), serverEnv, ready, label, probeReader(process_));
      started.push(server);
      process_.pid = server.child.pid!;
      followed.push(process_);
    }

    const admin = await api<{ accessToken: string }>(apiBase, 'POST', '/api/auth/login', { email: 'bench@backtalk.local', password: PASSWORD });
    const team = await api<{ id: string }>(apiBase, 'POST', '/api/teams', { name: 'Soak' }, admin.accessToken);
    const channel = await api<{ id: string; webhookUrl: string }>(
      apiBase,
      'POST',
      '/api/channels',
      { teamId: team.id, name: 'Soak line', provider: 'twilio', sender: SENDER, senderType: 'long_code', country: 'US', secrets: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: simUrl }, ratePerSecond: 10 },
      admin.accessToken,
    );
    const simNumbers = await fetch(`${simUrl}/sim/api/numbers`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ provider: 'twilio', sender: SENDER, name: 'Soak line', inboundWebhookUrl: channel.webhookUrl, credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN } }]),
    });
    if (!simNumbers.ok) throw new Error(`simulator numbers → ${simNumbers.status} ${await simNumbers.text()}`);
    const webhookPath = new URL(channel.webhookUrl).pathname;

    const emails = Array.from({ length: AGENTS }, (_, index) => `soak-agent-${index}@bench.local`);
    for (const [index, email] of emails.entries()) {
      await api(apiBase, 'POST', '/api/users', { email, name: `Soak agent ${index}`, password: PASSWORD, role: 'agent', teamIds: [team.id] }, admin.accessToken);
    }
    const tokens: string[] = [];
    const renewTokens = async () => {
      const fresh = await inBatches(emails, 2, async (email) => (await api<{ accessToken: string }>(apiBase, 'POST', '/api/auth/login', { email, password: PASSWORD })).accessToken);
      fresh.forEach((token, index) => (tokens[index] = token));
    };
    await renewTokens();

    const capacity = Math.ceil(RATE * MINUTES * 60 * 1.05) + 100;
    const sentAt = new Float64Array(capacity).fill(Number.NaN);
    const accepted = new Uint8Array(capacity);
    let sent = 0;
    let webhookFailures = 0;
    const failureKinds = new Map<string, number>();
    const windows = new Map<number, number[]>();
    let begin = 0;
    /** Conversations an agent saw a customer text in, newest last: what the replies go to. */
    const recentConversations: string[] = [];

    const [{ seq: startSeq }] = (await db.query<{ seq: string }>('SELECT coalesce(max(seq), 0) AS seq FROM domain_event')).rows;
    const apply = (agent: Agent, event: RealtimeEvent, live: boolean) => {
      agent.lastSeq = Math.max(agent.lastSeq, event.seq);
      if (event.type !== 'message.received') return;
      const number = Number(/^soak (\d+)$/.exec(event.message?.body ?? '')?.[1]);
      if (!Number.isInteger(number) || number >= capacity) return;
      if (!Number.isNaN(agent.received[number])) {
        agent.duplicates++;
        return;
      }
      const at = now();
      agent.received[number] = at;
      if (live) {
        const window = Math.floor((sentAt[number] - begin) / WINDOW_MS);
        const list = windows.get(window) ?? [];
        list.push(at - sentAt[number]);
        windows.set(window, list);
      }
      if (agent.index === 0 && event.conversation) {
        recentConversations.push(event.conversation.id);
        if (recentConversations.length > 200) recentConversations.splice(0, 100);
      }
    };
    const connect = (agent: Agent): Promise<void> => {
      const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(`${apiBase}${REALTIME_NAMESPACE}`, { auth: { token: tokens[agent.index] }, transports: ['websocket'], reconnection: false, forceNew: true });
      agent.socket = socket;
      socket.on('domain.events', (events) => events.forEach((event) => apply(agent, event, true)));
      socket.on('disconnect', () => {
        if (agent.socket !== socket) return;
        // Not one the bench asked for (session ended, server closed it): come back the way the console does.
        agent.unexpectedDisconnects++;
        agent.socket = null;
        void comeBack(agent, 1000);
      });
      return new Promise((resolve, reject) => {
        socket.once('connect_error', reject);
        socket.once('connect', () => {
          socket.timeout(30_000).emit('resume', { afterSeq: agent.lastSeq }, (error: Error | null, result) => {
            if (error) return reject(error);
            if (result.status !== 'ok') {
              // A console would reload its lists; the bench cannot, so what the gap held counts as lost.
              agent.resyncs++;
              agent.lastSeq = result.latestSeq;
              return resolve();
            }
            result.events.forEach((event) => apply(agent, event, false));
            resolve();
          });
        });
      });
    };
    /** Reconnects after `delayMs`, trying again every 2 s until it is back (or the run is over). */
    const comeBack = async (agent: Agent, delayMs: number): Promise<void> => {
      await sleep(delayMs);
      while (!over && !agent.socket?.connected) {
        const failed = agent.socket;
        agent.socket = null;
        failed?.disconnect();
        try {
          await connect(agent);
        } catch (error) {
          process.stdout.write(`agent ${agent.index} reconnect failed: ${(error as Error).message}\n`);
          await sleep(2000);
        }
      }
    };
    for (let index = 0; index < AGENTS; index++) {
      const agent: Agent = { index, socket: null, lastSeq: Number(startSeq), received: new Float64Array(capacity).fill(Number.NaN), duplicates: 0, reconnects: 0, resyncs: 0, unexpectedDisconnects: 0 };
      agents.push(agent);
      await connect(agent);
    }

    // Memory sampling.
    const sample = () => {
      const hours = (now() - begin) / 3_600_000;
      for (const process of followed) {
        const rss = statusBytes(process.pid, 'VmRSS');
        const probe = process.probe;
        process.samples.push({
          hours,
          rssMb: rss / MB,
          heapMb: probe ? probe.heapUsed / MB : Number.NaN,
          liveHeapMb: probe?.heapAfterMajorGc ? probe.heapAfterMajorGc / MB : Number.NaN,
          externalMb: probe ? (probe.external + probe.arrayBuffers) / MB : Number.NaN,
          v8Mb: probe ? (probe.v8Physical + probe.v8Malloced) / MB : Number.NaN,
          ...residentByMapping(process.pid),
          handles: probe ? Object.values(probe.handles).reduce((sum, count) => sum + count, 0) : Number.NaN,
        });
      }
    };

    const total = Math.floor(RATE * MINUTES * 60);
    const inFlight = new Set<Promise<void>>();
    const replies: Array<{ body: string; messageId: string }> = [];
    let replyFailures = 0;
    const replyFailureKinds = new Map<string, number>();
    let replyCount = 0;
    /**
     * The text of every send the carrier accepted, by its id. The simulator keeps only its last 10,000, so the newest
     * ones (twice a sample period's worth, newest first) are read at every sample; reading all of them each time would
     * stall this event loop longer and longer and show up as latency.
     */
    const carrierSends = new Map<string, string>();
    const recentSendsLimit = Math.ceil(REPLY_RATE * (SAMPLE_MS / 1000) * 2) + 100;
    const readCarrier = async (limit = recentSendsLimit) => {
      const response = await fetch(`${simUrl}/sim/api/sends?limit=${limit}`);
      if (!response.ok) throw new Error(`simulator sends → ${response.status}`);
      for (const send of ((await response.json()) as { sends: SendRecord[] }).sends) carrierSends.set(send.id, send.text);
    };

    process.stdout.write(
      `bench:soak ${MINUTES} min: ${RATE} inbound/s from ${CUSTOMERS} customers, ${AGENTS} agent sockets (one reconnects every ${RECONNECT_MS / 1000} s), ${REPLY_RATE} replies/s through the carrier simulator; sampling every ${SAMPLE_MS / 1000} s\n`,
    );
    begin = now();
    const cpuBefore = followed.map((process) => processCpuMs(process.pid));
    sample();

    // Customers text in, on schedule (catching up when a timer fires late).
    const loadDone = new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        const due = Math.min(total, Math.floor(((now() - begin) / 1000) * RATE));
        for (; sent < due; sent++) {
          const number = sent;
          const sid = `SM${createHash('md5').update(`${id}-${number}`).digest('hex')}`;
          const from = `+38050${String(1_000_000 + (number % CUSTOMERS))}`;
          const webhook = twilioForm(
            apiBase,
            webhookPath,
            [
              ['MessageSid', sid],
              ['SmsSid', sid],
              ['AccountSid', ACCOUNT_SID],
              ['From', from],
              ['To', SENDER],
              ['Body', `soak ${number}`],
              ['NumMedia', '0'],
              ['NumSegments', '1'],
              ['SmsStatus', 'received'],
              ['ApiVersion', '2010-04-01'],
            ],
            AUTH_TOKEN,
          );
          sentAt[number] = now();
          const request = fetch(`${apiBase}${webhook.path}`, { method: 'POST', headers: webhook.headers, body: webhook.body })
            .then(
              async (response) => {
                await response.arrayBuffer();
                if (response.ok) accepted[number] = 1;
                else {
                  webhookFailures++;
                  failureKinds.set(String(response.status), (failureKinds.get(String(response.status)) ?? 0) + 1);
                }
              },
              (error: Error) => {
                webhookFailures++;
                failureKinds.set(error.message, (failureKinds.get(error.message) ?? 0) + 1);
              },
            )
            .finally(() => inFlight.delete(request));
          inFlight.add(request);
        }
        if (sent >= total) {
          clearInterval(tick);
          resolve();
        }
      }, 20);
      timers.push(tick);
    });

    // Agents reply to conversations customers recently wrote in, each reply from the next agent.
    timers.push(
      setInterval(() => {
        const conversationId = recentConversations[recentConversations.length - 1 - (replyCount % Math.max(1, Math.min(50, recentConversations.length)))];
        if (!conversationId) return;
        const number = replyCount++;
        const body = `soak reply ${id} ${number}: thanks, we are on it.`;
        const request = api<{ id: string }>(apiBase, 'POST', `/api/conversations/${conversationId}/messages`, { body }, tokens[number % AGENTS])
          .then((message) => void replies.push({ body, messageId: message.id }))
          .catch((error: Error) => {
            replyFailures++;
            const kind = error.message.slice(0, 120);
            replyFailureKinds.set(kind, (replyFailureKinds.get(kind) ?? 0) + 1);
          })
          .finally(() => inFlight.delete(request));
        inFlight.add(request);
      }, 1000 / REPLY_RATE),
    );

    // One socket at a time drops and comes back, resuming after the last event it applied.
    let nextReconnect = 0;
    timers.push(
      setInterval(() => {
        const agent = agents[nextReconnect++ % AGENTS];
        const socket = agent.socket;
        if (!socket) return;
        agent.socket = null;
        socket.disconnect();
        agent.reconnects++;
        void comeBack(agent, 500);
      }, RECONNECT_MS),
    );

    const renew = () =>
      void renewTokens()
        .then(() => {
          for (const agent of agents) agent.socket?.emit('token.refresh', { token: tokens[agent.index] }, () => undefined);
        })
        .catch((error: Error) => process.stdout.write(`token renewal failed: ${error.message}\n`));
    // Half a sample period away from the samples: each sign-in's argon2 hash holds 64 MiB for a moment, and a sample
    // that caught it would put a spike of a few hundred MB into the fit (the peak is printed at the end instead).
    timers.push(
      setTimeout(() => {
        renew();
        timers.push(setInterval(renew, TOKEN_RENEW_MS));
      }, TOKEN_RENEW_MS + SAMPLE_MS / 2),
    );

    let lastProgressSent = 0;
    timers.push(
      setInterval(() => {
        sample();
        void readCarrier().catch((error: Error) => process.stdout.write(`reading the carrier failed: ${error.message}\n`));
        const minutes = (now() - begin) / 60_000;
        const memory = followed
          .map((process) => {
            const last = process.samples[process.samples.length - 1];
            return `${process.label} rss ${last.rssMb.toFixed(0)} heap ${last.heapMb.toFixed(0)} (after full gc ${last.liveHeapMb.toFixed(0)}) v8 ${last.v8Mb.toFixed(0)} ext ${last.externalMb.toFixed(0)} brk ${last.brkMb.toFixed(0)} anon ${last.anonMb.toFixed(0)} (${last.anonMappings} maps) file ${last.fileMb.toFixed(0)} MB, ${last.handles} handles`;
          })
          .join(' | ');
        // Latency of what was sent since the last line and has already arrived at agent 0.
        const recent: number[] = [];
        for (let number = lastProgressSent; number < sent; number++) if (!Number.isNaN(agents[0].received[number])) recent.push(agents[0].received[number] - sentAt[number]);
        lastProgressSent = sent;
        recent.sort((a, b) => a - b);
        process.stdout.write(
          `[${minutes.toFixed(1).padStart(6)} min] ${memory} | sent ${sent} failed ${webhookFailures} replies ${replies.length} (failed ${replyFailures}) carrier ${carrierSends.size} reconnects ${agents.reduce((sum, agent) => sum + agent.reconnects, 0)} | agent 0 p50 ${percentile(recent, 50).toFixed(0)} p99 ${percentile(recent, 99).toFixed(0)} ms\n`,
        );
      }, SAMPLE_MS),
    );

    await loadDone;
    const loadMs = now() - begin;
    process.stdout.write(`load done after ${(loadMs / 60_000).toFixed(1)} min (${total} webhooks, ${(total / (loadMs / 1000)).toFixed(1)}/s); draining…\n`);
    for (const timer of timers.splice(0)) clearInterval(timer);
    sample();
    const cpuPerSecond = followed.map((process, index) => `${process.label} ${((processCpuMs(process.pid) - cpuBefore[index]) / (loadMs / 1000)).toFixed(0)}`).join(', ');
    await Promise.all(inFlight);

    // Drain: every accepted text stored and at every socket, every accepted reply at the carrier.
    const acceptedNumbers: number[] = [];
    for (let number = 0; number < total; number++) if (accepted[number]) acceptedNumbers.push(number);
    const drainUntil = Date.now() + DRAIN_MS;
    for (;;) {
      await readCarrier(10_000);
      const atCarrier = new Set(carrierSends.values());
      const missingReplies = replies.filter((reply) => !atCarrier.has(reply.body)).length;
      const missingDeliveries = agents.reduce((sum, agent) => sum + acceptedNumbers.filter((number) => Number.isNaN(agent.received[number])).length, 0);
      if ((missingReplies === 0 && missingDeliveries === 0) || Date.now() > drainUntil) break;
      await sleep(1000);
    }

    const stored = new Map<number, number>();
    for (const row of (await db.query<{ body: string }>(`SELECT body FROM message WHERE direction = 'inbound' AND channel_id = $1`, [channel.id])).rows) {
      const number = Number(/^soak (\d+)$/.exec(row.body)?.[1]);
      if (Number.isInteger(number)) stored.set(number, (stored.get(number) ?? 0) + 1);
    }
    const notStored = acceptedNumbers.filter((number) => !stored.has(number)).length;
    const storedTwice = [...stored.values()].reduce((sum, count) => sum + count - 1, 0);
    const notDelivered = agents.reduce((sum, agent) => sum + acceptedNumbers.filter((number) => stored.has(number) && Number.isNaN(agent.received[number])).length, 0);
    const socketDuplicates = agents.reduce((sum, agent) => sum + agent.duplicates, 0);
    const carrierByText = new Map<string, number>();
    for (const text of carrierSends.values()) carrierByText.set(text, (carrierByText.get(text) ?? 0) + 1);
    const repliesMissing = replies.filter((reply) => !carrierByText.has(reply.body)).length;
    const carrierDuplicates = [...carrierByText.entries()].filter(([text]) => text.startsWith(`soak reply ${id} `)).reduce((sum, [, count]) => sum + count - 1, 0);
    const statuses = (await db.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM message WHERE direction = 'outbound' GROUP BY status ORDER BY status`)).rows;
    const lost = notStored + notDelivered + repliesMissing;
    const duplicates = storedTwice + socketDuplicates + carrierDuplicates;

    process.stdout.write(`\nbench:soak ${MINUTES} min, ${total} webhooks (${acceptedNumbers.length} accepted, ${webhookFailures} failed ${JSON.stringify(Object.fromEntries(failureKinds))})\n`);
    process.stdout.write(`cpu ms per second of load: ${cpuPerSecond}; load average at the end ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (the machine is shared)\n`);
    process.stdout.write(`replies: ${replies.length} accepted, ${replyFailures} failed ${JSON.stringify(Object.fromEntries(replyFailureKinds))}; outbound statuses ${statuses.map((row) => `${row.status} ${row.n}`).join(', ')}\n`);
    process.stdout.write(
      `lost: ${notStored} accepted but not stored, ${notDelivered} socket deliveries missing (of ${acceptedNumbers.length * AGENTS}), ${repliesMissing} replies never at the carrier; resyncs ${agents.reduce((sum, agent) => sum + agent.resyncs, 0)}\n`,
    );
    process.stdout.write(`duplicates: ${storedTwice} stored twice, ${socketDuplicates} received twice by a socket, ${carrierDuplicates} sent twice to the carrier\n`);
    process.stdout.write(
      `sockets: ${agents.reduce((sum, agent) => sum + agent.reconnects, 0)} reconnects by the bench, ${agents.reduce((sum, agent) => sum + agent.unexpectedDisconnects, 0)} disconnects by the server\n`,
    );
    process.stdout.write(`\nwebhook → agent socket latency (live events), per ${WINDOW_MS / 60_000}-minute window by send time:\n`);
    for (const [window, list] of [...windows.entries()].sort((a, b) => a[0] - b[0])) {
      list.sort((a, b) => a - b);
      process.stdout.write(`  ${String((window * WINDOW_MS) / 60_000).padStart(4)}–${String(((window + 1) * WINDOW_MS) / 60_000).padStart(4)} min  n ${String(list.length).padStart(7)}  p50 ${percentile(list, 50).toFixed(0).padStart(5)} ms  p99 ${percentile(list, 99).toFixed(0).padStart(5)} ms\n`);
    }

    process.stdout.write(`\nmemory (MB) at a few points and least-squares slopes over the second half of the load (MB/h):\n`);
    // A garbage collection moves the heap by tens of MB; over a few minutes that swing, not a trend, makes the slope.
    if (MINUTES < 60) process.stdout.write(`  (a run under an hour: the slopes below are mostly GC swings and warm-up; judge a trend from an hour or more)\n`);
    const slopes: Record<string, number> = {};
    for (const process_ of followed) {
      const samples = process_.samples.filter((entry) => entry.hours * 60 <= MINUTES + 0.5);
      const half = samples.filter((entry) => entry.hours * 60 >= MINUTES / 2);
      const fit = (pick: (entry: Sample) => number) => slope(half.filter((entry) => !Number.isNaN(pick(entry))).map((entry) => ({ x: entry.hours, y: pick(entry) })));
      const rssSlope = fit((entry) => entry.rssMb);
      slopes[process_.label] = rssSlope;
      const points = [0, 0.1, 0.25, 0.5, 0.75, 1].map((share) => samples[Math.min(samples.length - 1, Math.round(share * (samples.length - 1)))]);
      process.stdout.write(`  ${process_.label}:\n    ${points.map((entry) => `${(entry.hours * 60).toFixed(0)} min rss ${entry.rssMb.toFixed(0)} (v8 ${entry.v8Mb.toFixed(0)}, heap used ${entry.heapMb.toFixed(0)}, after full gc ${entry.liveHeapMb.toFixed(0)}, brk ${entry.brkMb.toFixed(0)}, anon ${entry.anonMb.toFixed(0)})`).join('\n    ')}\n`);
      process.stdout.write(`  ${process_.label} peak rss (VmHWM) ${(statusBytes(process_.pid, 'VmHWM') / MB).toFixed(0)}\n`);
      process.stdout.write(
        `  ${process_.label} slopes: rss ${rssSlope.toFixed(1)}, heap ${fit((entry) => entry.heapMb).toFixed(1)}, heap after full gc ${fit((entry) => entry.liveHeapMb).toFixed(1)}, external+arrayBuffers ${fit((entry) => entry.externalMb).toFixed(1)}, v8 pages+malloc ${fit((entry) => entry.v8Mb).toFixed(1)}, rss outside v8 ${fit((entry) => entry.rssMb - entry.v8Mb).toFixed(1)}, brk ${fit((entry) => entry.brkMb).toFixed(1)}, anon ${fit((entry) => entry.anonMb).toFixed(1)}, file ${fit((entry) => entry.fileMb).toFixed(1)}; handles ${process_.probe ? JSON.stringify(process_.probe.handles) : 'n/a'}\n`,
      );
    }
    process.stdout.write(`RESULT soak minutes=${MINUTES} api_rss_mb_per_h=${slopes.api.toFixed(1)} worker_rss_mb_per_h=${slopes.worker.toFixed(1)} lost=${lost} duplicates=${duplicates}\n`);
    if (lost > 0 || duplicates > 0) process.exitCode = 1;
  } finally {
    over = true;
    for (const timer of timers) clearInterval(timer);
    for (const agent of agents) {
      const socket = agent.socket;
      agent.socket = null;
      socket?.disconnect();
    }
    await db.end().catch(() => undefined);
    for (const process_ of started.reverse()) await process_.stop();
    await dropDatabase(database).catch(() => undefined);
    await deleteRedisKeys('redis://127.0.0.1:6379', `${redisPrefix}:*`).catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
