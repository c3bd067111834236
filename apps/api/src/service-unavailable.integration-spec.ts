import { connect, type Socket } from 'node:net';
import { TeamsService } from '@backtalk/auth';
import { ChannelsService } from '@backtalk/channels';
import { type ChannelView, Provider, SenderType } from '@backtalk/contracts';
import { MessageEntity } from '@backtalk/conversations';
import { eventually, genericSigned, TcpProxy, TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';

const UnavailableTestModule = ApiModule.forRoot({ runWorkers: false });
const SECRET = 'generic-webhook-secret';

async function genericChannel(t: TestApp, sender: string): Promise<ChannelView> {
  const teamId = (await t.app.get(TeamsService).create({ name: `Support ${sender}` })).id;
  return t.app.get(ChannelsService).create({
    teamId,
    name: 'Aggregator line',
    provider: Provider.Generic,
    sender,
    senderType: SenderType.LongCode,
    country: 'US',
    secrets: { signatureSecret: SECRET },
  });
}

function inboundWebhook(channel: ChannelView, id: string) {
  return genericSigned(new URL(channel.webhookUrl).pathname, { type: 'message', id, from: '+380501234567', to: channel.sender, text: 'Where is my order?' }, SECRET);
}

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One keep-alive connection that always has a request in progress (its first line sent, its end not yet). A server
 * that is closing drops its idle connections, so a request over a fresh or idle one would meet a refused or reset
 * socket instead of an answer; a connection in the middle of a request is kept until that request is answered, as a
 * carrier's or a load balancer's would be.
 */
class BusyConnection {
  private buffer = '';
  private waiting: (() => void) | null = null;

  private constructor(
    private readonly socket: Socket,
    private started: string,
  ) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      this.waiting?.();
    });
    socket.on('close', () => this.waiting?.());
  }

  static async open(url: string, path: string): Promise<BusyConnection> {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    socket.write(BusyConnection.head(path));
    return new BusyConnection(socket, path);
  }

  private static head(path: string): string {
    return `GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\n`;
  }

  /** Finishes the request in progress, which must be to `path`, starts the next one to the same path, and returns the answer. */
  async get(path: string): Promise<RawResponse> {
    if (path !== this.started) throw new Error(`the request in progress is to ${this.started}`);
    this.socket.write(`\r\n${BusyConnection.head(path)}`);
    return this.read();
  }

  private async read(): Promise<RawResponse> {
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end >= 0) {
        const [statusLine, ...lines] = this.buffer.slice(0, end).split('\r\n');
        const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
        const length = Number(headers['content-length'] ?? 0);
        if (this.buffer.length >= end + 4 + length) {
          const body = this.buffer.slice(end + 4, end + 4 + length);
          this.buffer = this.buffer.slice(end + 4 + length);
          return { status: Number(statusLine.split(' ')[1]), headers, body };
        }
      }
      if (this.socket.destroyed) throw new Error(`connection closed; received ${JSON.stringify(this.buffer)}`);
      await new Promise<void>((resolve) => (this.waiting = resolve));
      this.waiting = null;
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

describe('503 answers while a dependency is down or the process stops', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.create(UnavailableTestModule, { PUBLIC_BASE_URL: 'https://backtalk.test' });
  });
  afterAll(() => t.close());

  describe('with Redis cut off', () => {
    let proxy: TcpProxy;
    let app: TestApp;

    beforeAll(async () => {
      const redisUrl = new URL(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
      proxy = await TcpProxy.start(redisUrl.hostname, Number(redisUrl.port || 6379));
      redisUrl.host = `127.0.0.1:${proxy.port}`;
      app = await TestApp.create(UnavailableTestModule, { PUBLIC_BASE_URL: 'https://backtalk.test', REDIS_URL: redisUrl.toString() });
    });
    afterAll(async () => {
      try {
        await app.close();
      } finally {
        await proxy.close();
      }
    });
    afterEach(() => proxy.restore());

    it('answers a carrier webhook with 503 and Retry-After and stores nothing, so the carrier delivers it again', async () => {
      const channel = await genericChannel(app, '+14155550181');
      proxy.interrupt();
      await eventually(() => app.redis.status, (status) => status !== 'ready');

      const response = await app.deliver(inboundWebhook(channel, 'redis-down-1'));

      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toMatch(/^[1-9]\d*$/);
      expect(response.body).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
      expect(await t.dataSource.getRepository(MessageEntity).countBy({ channelId: channel.id })).toBe(0);
    });

    it('answers a REST route that needs Redis with 503 and Retry-After', async () => {
      proxy.interrupt();
      await eventually(() => app.redis.status, (status) => status !== 'ready');

      const response = await app.request('POST', '/api/auth/login', { body: { email: 'nobody@example.com', password: 'not-the-password' } });

      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toMatch(/^[1-9]\d*$/);
      expect(response.body).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
    });

    it('reports not ready with 503 and Retry-After', async () => {
      proxy.interrupt();

      const response = await app.request('GET', '/health/ready');

      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    });
  });

  it('while shutting down, answers webhooks and every other route with 503 and Retry-After', async () => {
    const app = await TestApp.create(UnavailableTestModule, { PUBLIC_BASE_URL: 'https://backtalk.test' });
    const webhookPath = new URL((await genericChannel(app, '+14155550182')).webhookUrl).pathname;
    // One connection each: both answers close their connection, as they should.
    const carrier = await BusyConnection.open(await app.listeningUrl(), webhookPath);
    const balancer = await BusyConnection.open(await app.listeningUrl(), '/health');
    let closed: Promise<void> | undefined;
    try {
      expect((await balancer.get('/health')).status).toBe(200);
      closed = app.close();

      const webhook = await eventually(() => carrier.get(webhookPath), (response) => response.status === 503);
      expect(webhook.status).toBe(503);
      expect(webhook.headers['retry-after']).toMatch(/^[1-9]\d*$/);
      expect(JSON.parse(webhook.body)).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });

      const route = await eventually(() => balancer.get('/health'), (response) => response.status === 503);
      expect(route.status).toBe(503);
      expect(route.headers['retry-after']).toMatch(/^[1-9]\d*$/);
      expect(JSON.parse(route.body)).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
    } finally {
      carrier.close();
      balancer.close();
      await (closed ?? app.close());
    }
  });
});
