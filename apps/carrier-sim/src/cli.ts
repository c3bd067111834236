import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_STATE_FILE, processIsRunning, readSimState, type ResolvedSimUrl, resolveSimUrl } from './sim-url';

// `npm run sim -- <command>`: talks to a running simulator over its HTTP API (see resolveSimUrl for which one).

const USAGE = `usage: npm run sim -- <command> [options]

  send --from <phone> --to <channel sender or name> <text…>
      A simulated customer texts a channel; prints Backtalk's answer.
  sends [--to <phone>] [--from <sender>] [--limit N] [--json] [--clear]
      Messages Backtalk sent through the simulator, newest first (--clear forgets them).
  behaviour [--number <channel> | --phone <phone>] [--reset] [settings]
      Without settings: show the behaviour. Settings: --outcome delivered|failed|no-dlr, --error-code C,
      --latency MS, --duplicates / --no-duplicates, --out-of-order / --no-out-of-order, --fail-500 SHARE,
      --fail-429 SHARE, --timeout SHARE, --retry-after S, --seed N. --clear-all resets every scope.
  numbers [--register <file.json>]
      Registered channels; --register adds the numbers in a JSON file (same format as SIM_NUMBERS_FILE).

The simulator is SIM_URL, else http://127.0.0.1:SIM_PORT, else the one "npm start" runs, else http://127.0.0.1:4010.`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

interface ApiCall {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
}

const BEHAVIOUR_OPTIONS = {
  number: { type: 'string' },
  phone: { type: 'string' },
  reset: { type: 'boolean' },
  'clear-all': { type: 'boolean' },
  outcome: { type: 'string' },
  'error-code': { type: 'string' },
  latency: { type: 'string' },
  duplicates: { type: 'boolean' },
  'no-duplicates': { type: 'boolean' },
  'out-of-order': { type: 'boolean' },
  'no-out-of-order': { type: 'boolean' },
  'fail-500': { type: 'string' },
  'fail-429': { type: 'string' },
  timeout: { type: 'string' },
  'retry-after': { type: 'string' },
  seed: { type: 'string' },
} as const;

function numeric(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed)) throw new UsageError(`--${flag} needs a number (got "${value}")`);
  return parsed;
}

function toggle(on: boolean | undefined, off: boolean | undefined, flag: string): boolean | undefined {
  if (on && off) throw new UsageError(`give --${flag} or --no-${flag}, not both`);
  return on ? true : off ? false : undefined;
}

/** The API call a command line stands for; the simulator validates the values themselves. */
export function apiCallFor(argv: readonly string[]): ApiCall {
  try {
    return callFor(argv);
  } catch (error) {
    // node:util parseArgs reports unknown or incomplete options with codes like ERR_PARSE_ARGS_UNKNOWN_OPTION.
    if (String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
    throw error;
  }
}

function callFor(argv: readonly string[]): ApiCall {
  const [command, ...rest] = argv;
  switch (command) {
    case 'send': {
      const { values, positionals } = parseArgs({ args: [...rest], options: { from: { type: 'string' }, to: { type: 'string' } }, allowPositionals: true });
      const text = positionals.join(' ');
      if (!values.from || !values.to || !text) throw new UsageError('send needs --from <phone>, --to <channel> and the text');
      return { method: 'POST', path: `/sim/api/phones/${encodeURIComponent(values.from)}/messages`, body: { to: values.to, text } };
    }
    case 'sends': {
      const { values } = parseArgs({ args: [...rest], options: { to: { type: 'string' }, from: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' }, clear: { type: 'boolean' } } });
      if (values.clear) return { method: 'DELETE', path: '/sim/api/sends' };
      const query = new URLSearchParams();
      if (values.to) query.set('to', values.to);
      if (values.from) query.set('from', values.from);
      if (values.limit) query.set('limit', values.limit);
      return { method: 'GET', path: `/sim/api/sends${query.size > 0 ? `?${query}` : ''}` };
    }
    case 'behaviour':
    case 'behavior': {
      const { values } = parseArgs({ args: [...rest], options: BEHAVIOUR_OPTIONS });
      if (values['clear-all']) return { method: 'DELETE', path: '/sim/api/behaviour' };
      const body: Record<string, unknown> = {
        number: values.number,
        phone: values.phone,
        reset: values.reset,
        outcome: values.outcome,
        errorCode: values['error-code'],
        latencyMs: numeric(values.latency, 'latency'),
        duplicates: toggle(values.duplicates, values['no-duplicates'], 'duplicates'),
        outOfOrder: toggle(values['out-of-order'], values['no-out-of-order'], 'out-of-order'),
        serverErrorRate: numeric(values['fail-500'], 'fail-500'),
        throttleRate: numeric(values['fail-429'], 'fail-429'),
        timeoutRate: numeric(values.timeout, 'timeout'),
        retryAfterSeconds: numeric(values['retry-after'], 'retry-after'),
        seed: numeric(values.seed, 'seed'),
      };
      const given = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
      const changes = Object.keys(given).filter((key) => key !== 'number' && key !== 'phone');
      return changes.length === 0 ? { method: 'GET', path: '/sim/api/behaviour' } : { method: 'PUT', path: '/sim/api/behaviour', body: given };
    }
    case 'numbers': {
      const { values } = parseArgs({ args: [...rest], options: { register: { type: 'string' } } });
      if (!values.register) return { method: 'GET', path: '/sim/api/numbers' };
      let body: unknown;
      try {
        body = JSON.parse(readFileSync(values.register, 'utf8'));
      } catch (error) {
        throw new UsageError(`cannot read ${values.register}: ${(error as Error).message}`);
      }
      return { method: 'PUT', path: '/sim/api/numbers', body };
    }
    default:
      throw new UsageError(command && command !== 'help' && command !== '--help' ? `unknown command "${command}"\n\n${USAGE}` : USAGE);
  }
}

interface SendView {
  id: string;
  provider: string;
  from: string;
  phone: string;
  text: string;
  receivedAt: string;
  status: string;
  errorCode: string | null;
  attempt: number;
  answered: boolean;
}

/**
 * What a person reads; `--json` (and unknown shapes) print the answer as it came. Not ok when Backtalk refused a
 * customer's text, so scripts can tell.
 */
export function formatAnswer(argv: readonly string[], body: unknown): { text: string; ok: boolean } {
  const [command] = argv;
  const record = (body ?? {}) as Record<string, unknown>;
  if (command === 'send' && typeof record['message'] === 'object' && record['message'] !== null) {
    const message = record['message'] as { id: string; channel: string; provider: string; backtalkStatus: number | null; error: string | null };
    const answer = message.error ?? `Backtalk answered ${message.backtalkStatus}`;
    return { text: `${message.error ? '✗' : '✓'} ${message.id} → ${message.channel} (${message.provider}): ${answer}`, ok: message.error === null };
  }
  return { text: describeListing(command, record, body, argv.includes('--json')), ok: true };
}

function describeListing(command: string | undefined, record: Record<string, unknown>, body: unknown, asJson: boolean): string {
  if (command === 'sends' && Array.isArray(record['sends']) && !asJson) {
    const sends = record['sends'] as SendView[];
    if (sends.length === 0) return 'no sends recorded';
    return sends
      .map((send) => {
        const flags = [send.attempt > 1 ? `attempt ${send.attempt}` : '', send.answered ? '' : 'unanswered'].filter(Boolean).join(', ');
        const status = send.errorCode ? `${send.status} (${send.errorCode})` : send.status;
        return `${send.receivedAt}  ${send.provider.padEnd(8)} ${send.from} → ${send.phone}  ${status.padEnd(12)} ${flags ? `[${flags}] ` : ''}${JSON.stringify(send.text)}  ${send.id}`;
      })
      .join('\n');
  }
  if (command === 'sends' && typeof record['cleared'] === 'number') return `cleared ${record['cleared']} sends`;
  return JSON.stringify(body, null, 2);
}

async function call(simulator: ResolvedSimUrl, request: ApiCall): Promise<unknown> {
  const baseUrl = simulator.url;
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      headers: request.body === undefined ? {} : { 'content-type': 'application/json' },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new Error(
      cause === 'ECONNREFUSED' || cause === 'ENOTFOUND'
        ? `the carrier simulator is not running at ${baseUrl} (from ${simulator.source}; start it with "npm start" or "npm run carrier-sim", or set SIM_URL or SIM_PORT)`
        : `cannot reach the carrier simulator at ${baseUrl} (from ${simulator.source}): ${(error as Error).message}`,
    );
  }
  const text = await response.text();
  const body = text ? (JSON.parse(text) as unknown) : null;
  if (!response.ok) {
    const problem = body as { message?: string; details?: unknown } | null;
    const details = Array.isArray(problem?.details) && problem.details.length > 1 ? `\n  - ${problem.details.join('\n  - ')}` : '';
    throw new Error(`${problem?.message ?? `HTTP ${response.status}`}${details}`);
  }
  return body;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const request = apiCallFor(argv);
  const stateFile = process.env['SIM_STATE_FILE']?.trim() || DEFAULT_STATE_FILE;
  const simulator = resolveSimUrl(process.env, readSimState(stateFile), processIsRunning);
  const answer = formatAnswer(argv, await call(simulator, request));
  process.stdout.write(`${answer.text}\n`);
  if (!answer.ok) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof UsageError ? error.message : `sim: ${(error as Error).message}`}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  });
}
