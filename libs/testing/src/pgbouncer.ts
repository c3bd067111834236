import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from './free-port';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PGBOUNCER = process.env['PGBOUNCER_BIN'] ?? '/usr/sbin/pgbouncer';


export interface PgBouncerOptions {
  /** Server connections per database and user: small, so that the processes' connections really take turns on them. */
  poolSize?: number;
}

/**
 * A private PgBouncer in transaction pooling mode in front of the PostgreSQL of `databaseUrl`, as production runs many
 * processes in front of one server: each transaction may get a different server connection, so anything that leans on
 * a session (named prepared statements, session settings, session advisory locks, LISTEN) breaks through it.
 */
export class PrivatePgBouncer {
  private constructor(
    private readonly child: ChildProcess,
    private readonly directory: string,
    private readonly upstream: URL,
    readonly port: number,
  ) {}

  static async start(databaseUrl: string, options: PgBouncerOptions = {}): Promise<PrivatePgBouncer> {
    const upstream = new URL(databaseUrl);
    const port = await freePort();
    const directory = mkdtempSync(join(tmpdir(), 'backtalk-pgbouncer-'));
    const user = decodeURIComponent(upstream.username || 'postgres');
    const password = decodeURIComponent(upstream.password);
    // PgBouncer refuses to run as root (CI runs as root), so it drops to an unprivileged user that must read its files.
    chmodSync(directory, 0o755);
    writeFileSync(join(directory, 'users.txt'), `"${user}" "${password}"\n`, { mode: 0o644 });
    writeFileSync(
      join(directory, 'pgbouncer.ini'),
      [
        '[databases]',
        `* = host=${upstream.hostname} port=${upstream.port || '5432'}${password ? ` password=${password}` : ''}`,
        '[pgbouncer]',
        'listen_addr = 127.0.0.1',
        `listen_port = ${port}`,
        'unix_socket_dir =',
        'auth_type = trust',
        `auth_file = ${join(directory, 'users.txt')}`,
        'pool_mode = transaction',
        `default_pool_size = ${options.poolSize ?? 5}`,
        'max_client_conn = 1000',
        'max_db_connections = 0',
        // The suites' own DROP DATABASE and the harness's TRUNCATE must not wait on idle server connections for long.
        'server_idle_timeout = 5',
        'log_connections = 0',
        'log_disconnections = 0',
        '',
      ].join('\n'),
      { mode: 0o644 },
    );
    const args = [join(directory, 'pgbouncer.ini')];
    if (process.getuid?.() === 0) args.unshift('-u', process.env['PGBOUNCER_USER'] ?? 'nobody');
    const child = spawn(PGBOUNCER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    // A process that exits without the teardown (a boot failure calls process.exit) must not leave PgBouncer behind.
    const killOnExit = () => {
      child.kill('SIGINT');
      rmSync(directory, { recursive: true, force: true });
    };
    process.once('exit', killOnExit);
    child.once('exit', () => process.off('exit', killOnExit));
    const bouncer = new PrivatePgBouncer(child, directory, upstream, port);
    try {
      await bouncer.ready();
    } catch (error) {
      rmSync(directory, { recursive: true, force: true });
      throw (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? new Error(`PgBouncer is not installed at ${PGBOUNCER} (apt-get install pgbouncer, or set PGBOUNCER_BIN)`)
        : error;
    }
    return bouncer;
  }

  /** `databaseUrl`'s database through this PgBouncer. */
  url(databaseUrl: string = this.upstream.toString()): string {
    const through = new URL(databaseUrl);
    through.hostname = '127.0.0.1';
    through.port = String(this.port);
    return through.toString();
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      // SIGINT: PgBouncer's immediate shutdown, closing every client and server connection.
      this.child.kill('SIGINT');
      await exited;
    }
    rmSync(this.directory, { recursive: true, force: true });
  }

  private ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      let output = '';
      // Both pipes are read to the end, so that a full pipe never blocks PgBouncer.
      const onOutput = (chunk: Buffer) => {
        if (output.includes('process up')) return;
        output += chunk.toString();
        if (output.includes('process up')) resolve();
      };
      this.child.stdout!.on('data', onOutput);
      this.child.stderr!.on('data', onOutput);
      this.child.once('error', reject);
      this.child.once('exit', (code, signal) => reject(new Error(`pgbouncer exited (${code ?? signal}) before it was ready: ${output}`)));
    });
  }
}
