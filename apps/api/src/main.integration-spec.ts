import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

function startApi(env: Record<string, string>): { child: ChildProcess; output: () => { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, output: () => ({ stdout, stderr }) };
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the api process', () => {
  it('refuses to start with a malformed variable and says which, in one line', async () => {
    const { child, output } = startApi({ DATABASE_URL: 'mysql://localhost/backtalk' });
    const [code] = await once(child, 'exit');

    expect(code).toBe(1);
    expect(output().stderr.trim().split('\n')).toEqual(["Invalid configuration: DATABASE_URL must be a postgres:// URL (got 'mysql://localhost/backtalk')"]);
  });

  it('logs a failed sign-in as structured JSON with a request id and without the password, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const { child, output } = startApi({ PORT: String(port) });
    try {
      await waitFor(() => output().stdout.includes('READY api'), 30_000);

      const response = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'req-test-12345' },
        body: JSON.stringify({ email: 'nobody@example.com', password: 'hunter2-secret-guess' }),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('x-request-id')).toBe('req-test-12345');

      await waitFor(() => output().stdout.includes('failed sign-in'), 5000);
      const lines = output().stdout.split('\n').filter((line) => line.startsWith('{'));
      const failure = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'failed sign-in');
      expect(failure).toMatchObject({ email: 'nobody@example.com', reason: 'unknown email', req: { id: 'req-test-12345' } });
      expect(output().stdout).not.toContain('hunter2-secret-guess');
    } finally {
      child.kill('SIGTERM');
    }
    const [code, signal] = await once(child, 'exit');
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  }, 60_000);
});
