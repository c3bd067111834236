import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { UsersService } from '@backtalk/auth';
import { Role } from '@backtalk/contracts';
import { eventually, TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';

const ROOT = join(__dirname, '../../..');
const ADMIN = { email: 'log-admin@example.com', password: 'log-admin-password-1' };
/** In the failing statement's parameters: the new user's name as given, and the argon2 hash of the password. */
const SECRET_NAME = 'log-test name 7f3a9c-do-not-log';
const SECRET_PASSWORD = 'log-test password 51d2e0';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The API as a process of its own, so that what it logs is read from its real standard output. */
function startApi(port: number): { child: ChildProcess; stdout: () => string } {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', PORT: String(port), RUN_WORKERS: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return { child, stdout: () => stdout };
}

describe('the error log', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: false }));
    await t.app.get(UsersService).create({ email: ADMIN.email, name: 'Log admin', role: Role.Admin, password: ADMIN.password, teamIds: [] });
    // A statement that fails in PostgreSQL itself, carrying a password hash and a known string among its parameters.
    await t.dataSource.query(`
      CREATE FUNCTION log_test_refuse_user() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.name LIKE 'log-test %' THEN RAISE EXCEPTION 'log test refuses this user'; END IF;
        RETURN NEW;
      END $$`);
    await t.dataSource.query(`CREATE TRIGGER log_test_refuse_user BEFORE INSERT ON app_user FOR EACH ROW EXECUTE FUNCTION log_test_refuse_user()`);
  });
  afterAll(async () => {
    await t.dataSource.query(`DROP TRIGGER IF EXISTS log_test_refuse_user ON app_user`);
    await t.dataSource.query(`DROP FUNCTION IF EXISTS log_test_refuse_user()`);
    await t.close();
  });

  it('records a failed SQL statement with its error code and message, never its text or parameters', async () => {
    const port = await freePort();
    const api = startApi(port);
    try {
      await eventually(api.stdout, (output) => output.includes('READY api') || api.child.exitCode !== null, 30_000);
      expect(api.stdout()).toContain('READY api');
      const base = `http://127.0.0.1:${port}`;
      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
      const { accessToken } = (await login.json()) as { accessToken: string };

      const response = await fetch(`${base}/api/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ email: 'refused@example.com', name: SECRET_NAME, password: SECRET_PASSWORD, role: Role.Agent, teamIds: [] }),
      });
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ code: 'INTERNAL', message: 'Internal error' });

      const output = await eventually(api.stdout, (text) => text.includes('unhandled error'), 5000);
      const entry = output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { msg?: string; err?: Record<string, unknown> })
        .find((line) => line.msg === 'unhandled error');
      expect(entry?.err).toMatchObject({ code: 'P0001', message: 'log test refuses this user' });
      expect(output).not.toContain(SECRET_NAME);
      expect(output).not.toContain('$argon2');
      expect(output).not.toContain('refused@example.com');
      expect(output).not.toMatch(/INSERT INTO/i);
    } finally {
      api.child.kill('SIGTERM');
      if (api.child.exitCode === null) await once(api.child, 'exit');
    }
  }, 60_000);
});
