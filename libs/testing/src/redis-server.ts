import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from './free-port';

const REDIS_SERVER = process.env['REDIS_SERVER_BIN'] ?? '/usr/bin/redis-server';


/**
 * A private redis-server without persistence, for tests that restart Redis: the shared server belongs to every other
 * test and engineer. A restart keeps the port, so clients reconnect to an empty Redis as after a real crash.
 */
export class PrivateRedisServer {
  private process: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedisServer> {
    const server = new PrivateRedisServer(await freePort());
    await server.launch();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** SIGKILL, as a crash: nothing is saved, since the server never saves. */
  async kill(): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Kills the server and starts an empty one on the same port. */
  async restartEmpty(): Promise<void> {
    await this.kill();
    await this.launch();
  }

  private launch(): Promise<void> {
    const child = spawn(REDIS_SERVER, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.process = child;
    return new Promise((resolve, reject) => {
      let output = '';
      // Both pipes are read to the end, so that a full pipe never blocks the server.
      const onOutput = (chunk: Buffer) => {
        if (output.includes('Ready to accept connections')) return;
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      };
      child.stdout!.on('data', onOutput);
      child.stderr!.on('data', onOutput);
      child.once('error', reject);
      child.once('exit', (code, signal) => reject(new Error(`redis-server exited (${code ?? signal}) before it was ready: ${output}`)));
    });
  }
}
