import { randomUUID } from 'node:crypto';
import { AuthModule } from '@backtalk/auth';
import { PlatformModule } from '@backtalk/platform';
import { eventually, TcpProxy, TestApp } from '@backtalk/testing';
import { Module } from '@nestjs/common';
import { RealtimeServer } from './realtime-server';
import { RealtimeModule } from './realtime.module';

@Module({ imports: [PlatformModule, AuthModule, RealtimeModule] })
class SignalsTestModule {}

/**
 * Typing, viewing and presence signals cross API instances through socket.io's Redis adapter, which sends its
 * commands and never waits for their answers. With Redis unreachable those commands fail, and a failure nobody
 * listens to ends a Node process: one agent's typing indicator must not take the API down with it.
 */
describe('socket.io signals while Redis is unreachable', () => {
  let proxy: TcpProxy;

  beforeAll(async () => {
    const redisUrl = new URL(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
    proxy = await TcpProxy.start(redisUrl.hostname, Number(redisUrl.port || 6379));
  });
  afterAll(async () => {
    await proxy.close();
  });
  beforeEach(() => proxy.restore());

  async function appBehindProxy(): Promise<TestApp> {
    const redisUrl = new URL(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
    redisUrl.host = `127.0.0.1:${proxy.port}`;
    return TestApp.create(SignalsTestModule, { REDIS_URL: redisUrl.toString() });
  }

  /**
   * Long enough for ioredis to give up on a queued command (two retries). Jest fails the test that is running when a
   * rejection goes unhandled, as Node would end the API.
   */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

  it('broadcasts a signal to other instances without leaving a failed command unanswered', async () => {
    const app = await appBehindProxy();
    try {
      proxy.interrupt();
      await eventually(() => app.redis.status, (status) => status !== 'ready');

      app.app.get(RealtimeServer).namespace.to('team:nobody').emit('typing', { conversationId: randomUUID(), userId: randomUUID(), userName: 'Olena', typing: true });
      await settle();
    } finally {
      proxy.restore();
      await app.close();
    }
  });

  it('closes the API without leaving a failed command unanswered', async () => {
    const app = await appBehindProxy();
    proxy.interrupt();
    await eventually(() => app.redis.status, (status) => status !== 'ready');

    await app.close();
    await settle();
  });
});
