import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// `npm run sim` as a person runs it, against the simulator as `npm start` runs it: separate processes, so the only
// things they share are the environment and the state file.

const ROOT = join(__dirname, '../../..');
const run = promisify(execFile);

function startSimulator(env: NodeJS.ProcessEnv): Promise<{ process: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/carrier-sim/src/main.ts'], { cwd: ROOT, env: { ...process.env, SIM_PORT: '0', LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /READY carrier-sim (\S+)/.exec(output);
      if (ready) resolve({ process: child, url: ready[1] });
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`carrier-sim exited with ${code}: ${output}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** `npm run sim -- sends --json` with exactly the given variables about the simulator. */
async function simSends(env: NodeJS.ProcessEnv): Promise<{ ok: boolean; output: string }> {
  const { SIM_URL: _url, SIM_PORT: _port, SIM_STATE_FILE: _state, ...rest } = process.env;
  try {
    const { stdout } = await run(process.execPath, ['-r', '@swc-node/register', 'apps/carrier-sim/src/cli.ts', 'sends', '--json'], { cwd: ROOT, env: { ...rest, ...env } });
    return { ok: true, output: stdout };
  } catch (error) {
    return { ok: false, output: String((error as { stderr?: string }).stderr ?? error) };
  }
}

describe('npm run sim finds the simulator that is running', () => {
  let stateDir: string;
  let stateFile: string;
  let sim: { process: ChildProcess; url: string };

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'backtalk-sim-state-'));
    stateFile = join(stateDir, 'carrier-sim.json');
    sim = await startSimulator({ SIM_STATE_FILE: stateFile });
  });
  afterAll(async () => {
    if (sim) await stop(sim.process);
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('talks to the simulator on SIM_PORT', async () => {
    const answer = await simSends({ SIM_PORT: new URL(sim.url).port, SIM_STATE_FILE: join(stateDir, 'none.json') });

    expect(answer).toEqual({ ok: true, output: expect.stringContaining('"sends": []') });
  });

  it('finds the simulator that npm start runs through the state file it wrote, without any variable', async () => {
    const answer = await simSends({ SIM_STATE_FILE: stateFile });

    expect(answer).toEqual({ ok: true, output: expect.stringContaining('"sends": []') });
  });

  it('forgets the address when that simulator stops, and says where it looked and why', async () => {
    const port = new URL(sim.url).port;
    await stop(sim.process);

    const answer = await simSends({ SIM_PORT: port, SIM_STATE_FILE: stateFile });

    expect(existsSync(stateFile)).toBe(false);
    expect(answer.ok).toBe(false);
    expect(answer.output).toContain(`the carrier simulator is not running at http://127.0.0.1:${port} (from SIM_PORT;`);
  });
});
