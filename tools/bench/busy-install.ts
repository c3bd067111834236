/**
 * What the benches that time the API against a database of their own share: the database and the API process
 * (migrated, with an admin, torn down afterwards unless kept or reused), and the people of a busy install (5 teams,
 * two channels each, ten agents each) that reports-seed.ts fills with history. bench:reports, bench:contacts and
 * bench:inbox seed the same history, so a database one of them keeps (--keep) can be reused (--reuse) by the others.
 */
import { execSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { deleteRedisKeys } from '@backtalk/testing';
import { api, benchEnvironment, dropDatabase, freePort, percentile, ROOT, runId, type Started, startProcess } from './bench-support';
import { seedReports, type SeedSetup } from './reports-seed';

export const BENCH_PASSWORD = 'bench-password-123';
export const BENCH_ADMIN = 'bench@backtalk.local';
/** The agent whose view the benches time: a member of the first team only. */
export const BENCH_AGENT = 'agent-1-1@bench.local';
export const BUSY_TEAMS = ['Support', 'Billing', 'Sales', 'Returns', 'Enterprise'];

export interface BenchInstall {
  database: string;
  env: Record<string, string>;
  baseUrl: string;
  /** A connection of the bench's own, for seeding and for reading what to search for. */
  db: Client;
  adminToken: string;
  /** True when the database was created by this run (and so still needs its people and history). */
  fresh: boolean;
  /** Stops the processes, deletes the run's Redis keys and drops the database unless it is kept or reused. */
  close(): Promise<void>;
}

export interface BenchInstallOptions {
  /** Names the database and the Redis prefix: backtalk_bench_<kind>_<run>. */
  kind: string;
  /** An earlier kept database to time against; it is migrated but not given an admin again. */
  reuse?: string;
  keep?: boolean;
  /** RUN_WORKERS for the API; with `separateWorker` apps/worker runs the queues instead. */
  runWorkers?: boolean;
  separateWorker?: boolean;
}

/** Migrates a database of the bench's own (or the reused one), creates the admin, starts the API and signs in. */
export async function openBenchInstall(options: BenchInstallOptions): Promise<BenchInstall> {
  const id = runId();
  const database = options.reuse ?? `backtalk_bench_${options.kind}_${id}`;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    ...benchEnvironment(database, `bt_bench_${options.kind}_${id}`),
    PORT: String(port),
    PUBLIC_BASE_URL: baseUrl,
    ...(options.runWorkers === undefined ? {} : { RUN_WORKERS: String(options.runWorkers && !options.separateWorker) }),
  };
  const processes: Started[] = [];
  const db = new Client({ connectionString: env.DATABASE_URL });
  const close = async () => {
    await db.end().catch(() => undefined);
    for (const started of processes.reverse()) await started.stop();
    await deleteRedisKeys('redis://127.0.0.1:6379', `${env.REDIS_PREFIX}:*`).catch(() => undefined);
    if (!options.keep && !options.reuse) await dropDatabase(database).catch(() => undefined);
  };
  try {
    execSync('npm run --silent db:migrate', { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
    if (!options.reuse) execSync(`npm run --silent admin:create -- --email ${BENCH_ADMIN} --password ${BENCH_PASSWORD}`, { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
    processes.push(await startProcess('node', ['-r', '@swc-node/register', 'apps/api/src/main.ts'], env, /READY api/, 'api'));
    if (options.separateWorker) processes.push(await startProcess('node', ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], env, /READY worker/, 'worker'));
    const admin = await api<{ accessToken: string }>(baseUrl, 'POST', '/api/auth/login', { email: BENCH_ADMIN, password: BENCH_PASSWORD });
    await db.connect();
    return { database, env, baseUrl, db, adminToken: admin.accessToken, fresh: !options.reuse, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export async function signIn(install: BenchInstall, email: string): Promise<string> {
  return (await api<{ accessToken: string }>(install.baseUrl, 'POST', '/api/auth/login', { email, password: BENCH_PASSWORD })).accessToken;
}

/**
 * The people of a busy install, made through the API as an admin would: per team two channels (a cheap long code and
 * a dear one) and ten agents, the tenth a supervisor. With `routing`, teams alternate business hours (New York, Kyiv,
 * none) and get first- and next-response SLAs, which reports time against.
 */
export async function createBusyPeople(install: BenchInstall, options: { routing?: boolean } = {}): Promise<SeedSetup> {
  const { baseUrl, adminToken: token } = install;
  const setup: SeedSetup = { teamIds: [], channelIds: [], pricePerSegment: [], agentIds: [] };
  for (const [index, name] of BUSY_TEAMS.entries()) {
    const team = await api<{ id: string }>(baseUrl, 'POST', '/api/teams', { name }, token);
    setup.teamIds.push(team.id);
    if (options.routing) {
      const weekly = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [{ start: '09:00', end: '18:00' }]]));
      const businessHours = index % 2 === 0 ? { timeZone: index === 0 ? 'America/New_York' : 'Europe/Kyiv', weekly, holidays: [] } : null;
      await api(baseUrl, 'PATCH', `/api/teams/${team.id}/routing`, { businessHours, sla: { firstResponseMinutes: 30, nextResponseMinutes: 60, businessHoursOnly: businessHours !== null } }, token);
    }
    for (const line of [1, 2]) {
      const price = line === 1 ? 0.0079 : 0.045;
      const channel = await api<{ id: string }>(
        baseUrl,
        'POST',
        '/api/channels',
        { teamId: team.id, name: `${name} line ${line}`, provider: 'generic', sender: `+1415555${index}${line}00`, senderType: 'long_code', country: 'US', secrets: { signatureSecret: 'bench-busy-install-secret' }, pricePerSegment: price },
        token,
      );
      setup.channelIds.push(channel.id);
      setup.pricePerSegment.push(price);
    }
    for (let k = 1; k <= 10; k++) {
      const user = await api<{ id: string }>(
        baseUrl,
        'POST',
        '/api/users',
        { email: `agent-${index + 1}-${k}@bench.local`, name: `${name} agent ${k}`, password: BENCH_PASSWORD, role: k === 10 ? 'supervisor' : 'agent', teamIds: [team.id] },
        token,
      );
      setup.agentIds.push(user.id);
    }
  }
  return setup;
}

/** Seeds `days` of history for `contacts` customers (two conversations each), saying how long it took. */
export async function seedBusyHistory(install: BenchInstall, setup: SeedSetup, options: { contacts: number; days: number }): Promise<void> {
  process.stdout.write(`seeding ${options.days} days of history…\n`);
  const started = performance.now();
  const counts = await seedReports(install.db, setup, { contacts: options.contacts, days: options.days, now: new Date() }, (line) => process.stdout.write(`${line}\n`));
  process.stdout.write(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s: ${Object.entries(counts).map(([table, n]) => `${table}=${n}`).join(' ')}\n`);
}

/**
 * The history seed resolves every conversation, but a busy inbox is mostly about the open ones: the latest conversation
 * of each customer on a line, if it moved in the last three days, becomes open (70%, a third of them unassigned and
 * half unread, waiting since the customer's last message, with a first-response SLA of four hours), pending (15%) or
 * snoozed until tomorrow (15%). Done once per database: a database that already has open work keeps it.
 */
export async function openRecentWork(db: Client): Promise<number> {
  const [{ unresolved }] = (await db.query<{ unresolved: boolean }>(`SELECT EXISTS (SELECT 1 FROM conversation WHERE status <> 'resolved') AS unresolved`)).rows;
  if (unresolved) return 0;
  const result = await db.query(`
    WITH latest AS (
      SELECT DISTINCT ON (channel_id, contact_id) id, last_message_at FROM conversation ORDER BY channel_id, contact_id, last_message_at DESC
    ), chosen AS (
      SELECT id, abs(hashtext(id::text)) % 20 AS k FROM latest WHERE last_message_at > now() - interval '3 days'
    )
    UPDATE conversation c SET
      status = (CASE WHEN k < 14 THEN 'open' WHEN k < 17 THEN 'pending' ELSE 'snoozed' END)::conversation_status,
      resolved_at = NULL,
      snoozed_until = CASE WHEN k >= 17 THEN now() + interval '1 day' END,
      waiting_since = CASE WHEN k < 14 THEN COALESCE(c.last_inbound_at, c.last_message_at) END,
      unread_count = CASE WHEN k < 7 THEN 1 + k % 3 ELSE 0 END,
      assignee_id = CASE WHEN k < 5 THEN NULL ELSE c.assignee_id END,
      sla_kind = CASE WHEN k < 14 THEN 'first_response'::sla_kind END,
      sla_started_at = CASE WHEN k < 14 THEN COALESCE(c.last_inbound_at, c.last_message_at) END,
      sla_due_at = CASE WHEN k < 14 THEN COALESCE(c.last_inbound_at, c.last_message_at) + interval '4 hours' END
    FROM chosen WHERE c.id = chosen.id`);
  return result.rowCount ?? 0;
}

/**
 * The seed marks every hour and conversation it wrote for the report jobs; a live install folds them as they come.
 * Folded here at once, so the worker does not spend the timed part of a bench catching up on three months.
 */
export async function foldReportBacklog(install: BenchInstall): Promise<void> {
  // What the worker's refresh job does every minute: fold the hours the seed marked into the rollup.
  const refreshStarted = performance.now();
  let hours = 0;
  for (let refreshed = -1; refreshed !== 0; hours += refreshed) refreshed = Number((await install.db.query(`SELECT report_refresh_rollups(500) AS n`)).rows[0].n);
  await install.db.query('VACUUM ANALYZE report_message_hour');
  process.stdout.write(`report rollups refreshed: ${hours} hours in ${((performance.now() - refreshStarted) / 1000).toFixed(1)} s\n`);
  // What the worker's facts job does every 10 seconds, for the whole seeded history at once.
  process.stdout.write(execSync('npm run --silent reports:measure', { cwd: ROOT, env: { ...process.env, ...install.env } }).toString());
  await install.db.query('VACUUM ANALYZE report_conversation_fact, report_wait, report_auto_reply');
}

/** Times one authenticated request, failing the bench on any answer but 2xx. */
export async function timedRequest<T>(baseUrl: string, method: 'GET' | 'POST', path: string, token: string, body?: unknown): Promise<{ ms: number; body: T }> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text.slice(0, 500)}`);
  return { ms: performance.now() - started, body: JSON.parse(text) as T };
}

export const timedGet = <T>(baseUrl: string, path: string, token: string) => timedRequest<T>(baseUrl, 'GET', path, token);

/** A table row: the first cell left-aligned, the rest right-aligned, each to its column's width. */
export function tableRow(cells: Array<string | number>, widths: number[]): string {
  return cells.map((cell, index) => (index === 0 ? String(cell).padEnd(widths[index]) : String(cell).padStart(widths[index]))).join('  ');
}

/** p50, p95 and max of sorted samples, as whole milliseconds for a table row. */
export function spread(sorted: number[]): string[] {
  return [percentile(sorted, 50).toFixed(0), percentile(sorted, 95).toFixed(0), Math.max(...sorted).toFixed(0)];
}

/** One case of a latency table: what was asked, as whom, how many rows it found, and its sorted samples. */
export interface TimedCase {
  name: string;
  who: string;
  samples: number[];
  found: number;
}

const CASE_WIDTHS = [30, 6, 7, 9, 9, 9];

export const caseTableHeader = (): string => tableRow(['case', 'who', 'found', 'p50 ms', 'p95 ms', 'max ms'], CASE_WIDTHS);

export const caseTableRow = (timing: TimedCase): string => tableRow([timing.name, timing.who, timing.found, ...spread(timing.samples)], CASE_WIDTHS);
