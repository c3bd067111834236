import { randomBytes } from 'node:crypto';

/**
 * One database and Redis prefix per e2e run, fixed when the config is first evaluated and handed to the servers and
 * the global setup through the environment (Playwright evaluates the config in each worker too).
 */
function runId(): string {
  process.env['BACKTALK_E2E_RUN'] ??= `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  return process.env['BACKTALK_E2E_RUN'];
}

const id = runId();
export const API_PORT = Number(process.env['E2E_API_PORT'] ?? 3310);
export const CONSOLE_PORT = Number(process.env['E2E_CONSOLE_PORT'] ?? 4310);
export const CONSOLE_URL = `http://127.0.0.1:${CONSOLE_PORT}`;
export const API_URL = `http://127.0.0.1:${API_PORT}`;
export const SCREENSHOT_DIR = 'test-output/e2e/screenshots';
/** The screenshots the README and the docs show, refreshed by the tests that visit those screens. */
export const DOCS_SCREENSHOT_DIR = 'docs/screenshots';

export const serverEnvironment: Record<string, string> = {
  DATABASE_URL: `postgres://postgres@127.0.0.1:5432/backtalk_e2e_${id}`,
  REDIS_PREFIX: `bt_e2e_${id}`,
  PORT: String(API_PORT),
  LOG_LEVEL: 'warn',
  NODE_ENV: 'test',
  // Replies go out through the outbound queue: run its processor in the API, as a small install does.
  RUN_WORKERS: 'true',
};

export const DEMO = {
  admin: { email: 'admin@backtalk.local', password: 'backtalk-demo-admin' },
  agentPassword: 'backtalk-demo-agent',
  /** Support: Andriy Agent and Maria Agent; Billing: Bohdan Billing. */
  agentA: { email: 'agent@backtalk.local', name: 'Andriy Agent' },
  agentB: { email: 'agent2@backtalk.local', name: 'Maria Agent' },
  billing: { email: 'billing@backtalk.local', name: 'Bohdan Billing' },
  /** Supervises Support. */
  supervisor: { email: 'supervisor@backtalk.local', name: 'Sofia Supervisor' },
};
