import { readFileSync } from 'node:fs';
import { type SimNumber, parseNumberRegistrations } from './numbers';
import { InvalidInput } from './validation';

export interface SimConfig {
  host: string;
  port: number;
  /** Seeds the draws of injected failures: the same seed and the same requests fail the same way. */
  seed: number;
  numbersFile: string | null;
  logLevel: string;
  /**
   * Where webhooks are actually posted, when Backtalk's public URL is not reachable from here (containers): the
   * request goes to this origin while signatures still cover the public URL, as behind a real reverse proxy.
   */
  deliverTo: string | null;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** A setting the simulator cannot start with; the message names the variable. */
export class SimConfigError extends Error {
  override readonly name = 'SimConfigError';
}

export function loadSimConfig(env: NodeJS.ProcessEnv): SimConfig {
  const port = integerSetting(env, 'SIM_PORT', 4010, 0, 65535);
  const seed = integerSetting(env, 'SIM_SEED', 1, 0, 0xffffffff);
  const logLevel = env['LOG_LEVEL']?.trim() || 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new SimConfigError(`Invalid configuration: LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got '${logLevel}')`);
  const deliverTo = env['SIM_DELIVER_TO']?.trim() || null;
  if (deliverTo && !/^https?:\/\/[^/]+$/.test(deliverTo)) throw new SimConfigError(`Invalid configuration: SIM_DELIVER_TO must be an origin such as http://api:3000 (got '${deliverTo}')`);
  return { host: env['SIM_HOST']?.trim() || '127.0.0.1', port, seed, numbersFile: env['SIM_NUMBERS_FILE']?.trim() || null, logLevel, deliverTo };
}

function integerSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new SimConfigError(`Invalid configuration: ${name} must be a whole number from ${min} to ${max} (got '${raw}')`);
  return value;
}

/** The numbers to register at startup: the same JSON `PUT /sim/api/numbers` takes. */
export function loadNumbersFile(path: string): SimNumber[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SimConfigError(`Invalid configuration: SIM_NUMBERS_FILE cannot be read (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SimConfigError(`Invalid configuration: SIM_NUMBERS_FILE ${path} is not JSON (${(error as Error).message})`);
  }
  try {
    return parseNumberRegistrations(json);
  } catch (error) {
    if (error instanceof InvalidInput) throw new SimConfigError(`Invalid configuration: SIM_NUMBERS_FILE ${path}: ${error.message}`);
    throw error;
  }
}
