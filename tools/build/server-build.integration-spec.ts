import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../..');
const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

/** Loaded only when the simulator's page script was not compiled ahead, which the build does. */
const DEV_ONLY_REQUIRES: Record<string, string[]> = { '@swc/core': ['carrier-sim/web-assets.js'] };

let out: string;

beforeAll(() => {
  // Inside the checkout (tmp/ is ignored by git) so that node_modules resolves from the compiled files.
  mkdirSync(join(ROOT, 'tmp'), { recursive: true });
  out = mkdtempSync(join(ROOT, 'tmp/server-build-'));
  execFileSync(process.execPath, ['tools/build/server.mjs', '--out', out, 'api', 'worker', 'carrier-sim'], { cwd: ROOT, stdio: 'pipe' });
}, 60_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

function compiledFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => join(entry.parentPath, entry.name));
}

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function start(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, args, { cwd: out, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

async function waitFor(predicate: () => boolean, what: () => string, timeoutMs = 40_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stop(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode === null) child.kill('SIGTERM');
  const [code, signal] = child.exitCode === null ? await once(child, 'exit') : [child.exitCode, null];
  return { code, signal };
}

describe('the production build of the servers', () => {
  it('requires, outside the workspace code it carries, only Node built-ins and production dependencies', () => {
    const strays: string[] = [];
    for (const file of compiledFiles(out)) {
      const path = relative(out, file);
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)) {
        if (specifier!.startsWith('.') || builtinModules.includes(specifier!.replace(/^node:/, ''))) continue;
        const name = packageOf(specifier!);
        if (name in dependencies || DEV_ONLY_REQUIRES[name]?.includes(path)) continue;
        strays.push(`${path}: ${specifier}`);
      }
    }

    expect(strays).toEqual([]);
  });

  // The api runs the queue processors in-process (RUN_WORKERS) rather than beside a worker process: the same modules
  // compiled the same way, for half the start-up time on a busy machine.
  it('runs the api with its queue processors and the simulator with node alone: migrations status, health, the phones page and a clean stop', async () => {
    expect(execFileSync(process.execPath, ['api/cli/db.js', 'status'], { cwd: out, encoding: 'utf8' })).toBe('schema is up to date\n');

    const [apiPort, simPort] = [await freePort(), await freePort()];
    const api = start(['api/main.js'], { PORT: String(apiPort), RUN_WORKERS: 'true' });
    const sim = start(['carrier-sim/main.js'], { SIM_PORT: String(simPort), LOG_LEVEL: 'silent' });
    try {
      await waitFor(() => api.output().includes(`READY api http://127.0.0.1:${apiPort} (workers in-process: true)`), api.output);
      await waitFor(() => sim.output().includes('READY carrier-sim'), sim.output);

      const health = await fetch(`http://127.0.0.1:${apiPort}/health/ready`);
      expect(health.status).toBe(200);
      const script = await fetch(`http://127.0.0.1:${simPort}/app.js`);
      expect(script.status).toBe(200);
      expect(await script.text()).toBe(readFileSync(join(out, 'carrier-sim/web/app.js'), 'utf8'));
    } finally {
      const stopped = await Promise.all([api, sim].map(({ child }) => stop(child)));
      expect(stopped).toEqual([0, 0].map((code) => ({ code, signal: null })));
    }
  }, 60_000);
});
