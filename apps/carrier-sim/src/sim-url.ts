import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Where `npm start` (through SIM_STATE_FILE) has the simulator write the address it listens on, so `npm run sim` in
 * another terminal finds it even when SIM_PORT moved it and that terminal does not have the variable. Under tmp/,
 * which git ignores.
 */
export const DEFAULT_STATE_FILE = join(__dirname, '../../../tmp/carrier-sim.json');

const DEFAULT_URL = 'http://127.0.0.1:4010';

export interface SimState {
  url: string;
  pid: number;
}

export interface ResolvedSimUrl {
  url: string;
  /** Said when the simulator cannot be reached, so a person knows which setting to change. */
  source: string;
}

/**
 * SIM_URL wins, then SIM_PORT (as `npm start` and `npm run carrier-sim` read it), then the address a running
 * simulator wrote to the state file, then the simulator's default port. A state file whose process is gone is
 * ignored: it is what a killed `npm start` leaves behind.
 */
export function resolveSimUrl(env: NodeJS.ProcessEnv, state: SimState | null, isRunning: (pid: number) => boolean): ResolvedSimUrl {
  const url = env['SIM_URL']?.trim();
  if (url) return { url: url.replace(/\/+$/, ''), source: 'SIM_URL' };
  const port = env['SIM_PORT']?.trim();
  if (port) return { url: `http://127.0.0.1:${port}`, source: 'SIM_PORT' };
  if (state && isRunning(state.pid)) return { url: state.url, source: 'the address npm start wrote' };
  return { url: DEFAULT_URL, source: 'the default port' };
}

/** The state file's contents, or null when it is missing or not what the simulator writes. */
export function readSimState(path: string): SimState | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<SimState>;
    return typeof parsed.url === 'string' && Number.isInteger(parsed.pid) ? { url: parsed.url, pid: parsed.pid! } : null;
  } catch {
    return null;
  }
}

export function writeSimState(path: string, state: SimState): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(state)}\n`);
}

/** Removes the file only if it still names this process: a second simulator may have written it since. */
export function clearSimState(path: string, pid: number): void {
  if (readSimState(path)?.pid === pid) rmSync(path, { force: true });
}

export function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
