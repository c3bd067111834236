import { createServer, type Server, Socket } from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL (or Redis) that a test can cut and restore, to simulate the service going away
 * mid-load without stopping the shared server other tests use.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private cut = false;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetHost: string, targetPort: number): Promise<TcpProxy> {
    const handle: { proxy?: TcpProxy } = {};
    const server = createServer((client) => {
      const proxy = handle.proxy;
      if (!proxy || proxy.cut) {
        client.destroy();
        return;
      }
      const upstream = new Socket();
      proxy.track(client);
      proxy.track(upstream);
      upstream.connect(targetPort, targetHost);
      client.pipe(upstream).pipe(client);
      const close = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    handle.proxy = new TcpProxy(server, (server.address() as { port: number }).port);
    return handle.proxy;
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }

  /** Drops every open connection and refuses new ones, as a crashed server would. */
  interrupt(): void {
    this.cut = true;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.cut = false;
  }

  async close(): Promise<void> {
    this.interrupt();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
